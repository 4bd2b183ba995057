// The product index's entry point: builds the tables, the query reader and the searcher, and joins them.
import { tokens as wordTokens } from "../language/index.js";
import type { Product } from "./product.js";
import { keys } from "./search-fields.js";
import { buildTables, intersects } from "./search-postings.js";
import { queryReader } from "./search-query.js";
import { makeSearcher } from "./search-scoring.js";
import type { ProductIndex } from "./search-types.js";

export type { ProductIndex, SearchHit, SearchOptions } from "./search-types.js";

/**
 * The in-memory product index of a catalog: French-aware ("creme fraiche" finds "Crème fraîche",
 * "oeufs" finds "Œufs"), tolerant of typos and of words heard wrong ("pansani" finds Panzani),
 * with English and idiomatic names bridged to catalog words ("semi skimmed milk"). Built in one
 * pass over the products (about 1 s per million), rebuilt when the catalog changes.
 *
 * Scoring: each query word adds idf x the weight of the best field it meets in a product — the
 * name's head noun (the first word: "Lait" in "Lait demi-écrémé", "Chocolat" in "Chocolat au
 * lait") weighs most, then the brand, the rest of the name, labels, the category leaf and the
 * category path — less for a fuzzy or phonetic match; words said in the name's order ("jus
 * d'orange", not "oranges à jus") add a little, and a product that leaves fewer of its own name
 * words unsaid ranks a little higher.
 */

export function buildProductIndex(products: readonly Product[]): ProductIndex {
  const tables = buildTables(products);
  const { list, n, byId, postings, shared, heads, nameTerms, leafTerms, kinds, sales } = tables;
  const reader = queryReader(postings);
  const { queryTerms, expansions } = reader;
  const searchWords = makeSearcher(tables, reader);
  const knows = (t: string) => postings.has(t);
  const kindSalesCache = new Map<string, Map<number, number>>();

  return {
    size: n,
    get: (id) => {
      const i = byId.get(id);
      return i === undefined ? undefined : list[i];
    },
    all: () => list,
    search: (query, opts) => searchWords(wordTokens(query.slice(0, 2000)), opts),
    searchWords,
    queryTerms,
    knows,
    isHead: (term) => heads.has(term),
    together: (a, b) => {
      const x = shared.get(a);
      const y = shared.get(b);
      // A word that names nothing here cannot show two products apart.
      if (!x || !y) return true;
      return intersects(x, y);
    },
    near: (term) => expansions(term),
    kindLeafTerms: (kind) => leafTerms[kind] ?? [],
    nameTermsAt: (ref) => nameTerms[ref] ?? [],
    refOf: (id) => byId.get(id),
    kindAt: (ref) => kinds[ref] ?? -1,
    kindSalesOf: (term) => {
      // Per-term statistics of the index, filled on first use (one pass over the word's postings).
      let sums = kindSalesCache.get(term);
      if (sums === undefined) {
        const post = postings.get(term);
        if (!post) return undefined;
        sums = new Map<number, number>();
        for (const id of post.ids) sums.set(kinds[id]!, (sums.get(kinds[id]!) ?? 0) + sales[id]!);
        kindSalesCache.set(term, sums);
      }
      return sums;
    },
    nameTerms: (product) => {
      const i = byId.get(product.id);
      return i === undefined ? keys(product.name) : nameTerms[i]!;
    },
  };
}
