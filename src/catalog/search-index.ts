import {
  bridgeVocabulary,
  fold,
  isStopWord,
  stem,
  type TermMatch,
  TermMatcher,
  tokens as wordTokens,
} from "../language/index.js";
import type { Product } from "./product.js";

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

export interface SearchOptions {
  /** Most hits returned (default 20). */
  limit?: number;
  /** Category path prefix ("Crèmerie > Laits") or any one segment ("Laits"), accents ignored. */
  category?: string;
  filter?: (product: Product) => boolean;
  /** The query's language: "en" reads English words as English ("the" is not "thé"). */
  language?: "fr" | "en";
}

export interface SearchHit {
  product: Product;
  score: number;
  /** Query words this product matched, out of `terms`. */
  matched: number;
  terms: number;
}

export interface ProductIndex {
  readonly size: number;
  get(id: string): Product | undefined;
  all(): readonly Product[];
  search(query: string, opts?: SearchOptions): SearchHit[];
  /** Same as `search` from already-normalised words (stop words and bridges are applied). */
  searchWords(words: string[], opts?: SearchOptions): SearchHit[];
  /** Stemmed query terms as the index reads `words` (after bridges and stop words). */
  queryTerms(words: string[], language?: "fr" | "en"): string[];
  /** Whether a stemmed word occurs in the catalog. */
  knows(term: string): boolean;
  /** Catalog words near a stemmed word (typos, sound-alikes). */
  near(term: string): TermMatch[];
  /** Stemmed name words of a product (for explaining and for unsaid-attribute checks). */
  nameTerms(product: Product): readonly string[];
}

enum Field {
  Head = 0,
  Brand = 1,
  Name = 2,
  Label = 3,
  Leaf = 4,
  Path = 5,
  Group = 6,
}

const FIELD_WEIGHT = [3, 2.6, 2, 1.6, 1.5, 0.7, 2.9];
const FUZZY_PENALTY = 0.3;
const MAX_TERMS = 16;
const PHRASE_BONUS = 0.15;
/** Qualifiers that open a name without being its head noun ("Pur jus", "Double concentré"). */
const NOT_HEAD = new Set([
  "pur",
  "extra",
  "double",
  "vrai",
  "veritabl",
  "mini",
  "maxi",
  "super",
  "grand",
  "petit",
]);

interface Posting {
  ids: number[];
  w: number[];
}

/** Catalog text is French: "thé" folds to "the", which is a word here, not an article. */
function isCatalogStop(t: string): boolean {
  return t !== "the" && isStopWord(t);
}

function keys(text: string): string[] {
  const out: string[] = [];
  for (const t of wordTokens(text)) {
    if (isCatalogStop(t)) continue;
    out.push(stem(t));
  }
  return out;
}

export function buildProductIndex(products: readonly Product[]): ProductIndex {
  const list = products.slice();
  const byId = new Map<string, number>();
  const postings = new Map<string, Posting>();
  const nameTerms: string[][] = [];
  const nameLen = new Uint8Array(list.length);
  const categoryPaths: string[] = [];
  const keyCache = new Map<string, string[]>();
  const cachedKeys = (text: string): string[] => {
    let k = keyCache.get(text);
    if (!k) {
      k = keys(text);
      if (keyCache.size < 200_000) keyCache.set(text, k);
    }
    return k;
  };

  list.forEach((p, id) => {
    byId.set(p.id, id);
    const best = new Map<string, number>();
    const put = (term: string, field: Field) => {
      const w = FIELD_WEIGHT[field]!;
      if ((best.get(term) ?? 0) < w) best.set(term, w);
    };
    const name = cachedKeys(p.name);
    const head = name.length > 1 && NOT_HEAD.has(name[0]!) ? 1 : 0;
    // Names said as one word: "cornflakes", "essuietout", "cocacola".
    const raw = wordTokens(p.name);
    for (let k = 0; k + 1 < raw.length && k < 4; k++) {
      if (raw[k]!.length > 1 && raw[k + 1]!.length > 1 && !isCatalogStop(raw[k]!))
        put(stem(raw[k]! + raw[k + 1]!), Field.Name);
    }
    name.forEach((t, i) => {
      put(t, i === head ? Field.Head : Field.Name);
    });
    if (p.brand) {
      const b = cachedKeys(p.brand);
      for (const t of b) put(t, Field.Brand);
      // "Coca-Cola" is also said "cocacola"; "Lay's" as "lays".
      if (b.length > 1) put(b.join(""), Field.Brand);
    }
    for (const label of p.labels) for (const t of cachedKeys(label)) put(t, Field.Label);
    p.category.forEach((segment, i) => {
      const leaf = i === p.category.length - 1;
      const segKeys = cachedKeys(segment);
      // A one-word group ("Pâtes", "Laits", "Fromages") names every product in it: "des pâtes"
      // are spaghetti or penne as much as the head noun of "Pâte à tartiner" is "pâte".
      const group = !leaf && i > 0 && segKeys.length === 1;
      for (const t of segKeys) put(t, group ? Field.Group : leaf ? Field.Leaf : Field.Path);
    });
    for (const [term, w] of best) {
      let post = postings.get(term);
      if (!post) {
        post = { ids: [], w: [] };
        postings.set(term, post);
      }
      post.ids.push(id);
      post.w.push(w);
    }
    nameTerms.push(name);
    nameLen[id] = Math.min(255, name.length);
    categoryPaths.push(fold(p.category.join(" > ")));
  });

  const n = list.length;
  const idf = new Map<string, number>();
  for (const [term, post] of postings) idf.set(term, Math.log(1 + n / post.ids.length));
  const matcher = new TermMatcher(postings.keys());

  // Scratch buffers reused across queries (the index is used from one thread).
  const acc = new Float64Array(n);
  const hits = new Uint8Array(n);
  const tokBest = new Float64Array(n);
  const touched: number[] = [];
  const tokTouched: number[] = [];

  const knows = (t: string) => postings.has(t);

  function queryTerms(words: string[], language?: "fr" | "en"): string[] {
    const english = language === "en";
    const stems = words.map((w) => stem(fold(w)));
    // English words are read as English even where the catalog prints them ("Tomato ketchup").
    const bridged = bridgeVocabulary(stems, english ? undefined : knows);
    const out: string[] = [];
    for (const t of bridged) {
      // In French, "the" is "thé".
      if (!t || (isStopWord(t) && !(t === "the" && !english)) || out.includes(t)) continue;
      out.push(t);
      if (out.length >= MAX_TERMS) break;
    }
    return out;
  }

  function expansions(term: string): TermMatch[] {
    if (postings.has(term)) return [{ term, cost: 0 }];
    // Glued words ("cocacola") and numbers are exact-only.
    return matcher.match(term, 3);
  }

  function searchWords(words: string[], opts: SearchOptions = {}): SearchHit[] {
    const terms = queryTerms(words, opts.language);
    if (terms.length === 0) return [];
    touched.length = 0;
    for (const term of terms) {
      tokTouched.length = 0;
      for (const ex of expansions(term)) {
        const post = postings.get(ex.term);
        if (!post) continue;
        const base = idf.get(ex.term)! * (1 - FUZZY_PENALTY * Math.min(ex.cost, 2));
        const { ids, w } = post;
        for (let k = 0; k < ids.length; k++) {
          const id = ids[k]!;
          const v = base * w[k]!;
          if (tokBest[id] === 0) tokTouched.push(id);
          if (v > tokBest[id]!) tokBest[id] = v;
        }
      }
      for (const id of tokTouched) {
        if (hits[id] === 0) touched.push(id);
        acc[id] += tokBest[id]!;
        hits[id]++;
        tokBest[id] = 0;
      }
    }
    const category = opts.category ? fold(opts.category).trim() : null;
    const out: SearchHit[] = [];
    for (const id of touched) {
      const matched = hits[id]!;
      let score = acc[id]! - 0.04 * nameLen[id]!;
      if (matched >= 2 && terms.length >= 2) score *= 1 + PHRASE_BONUS * phrasePairs(terms, nameTerms[id]!);
      acc[id] = 0;
      hits[id] = 0;
      const product = list[id]!;
      if (category && !inCategory(categoryPaths[id]!, category)) continue;
      if (opts.filter && !opts.filter(product)) continue;
      out.push({ product, score, matched, terms: terms.length });
    }
    out.sort((a, b) => b.score - a.score || b.product.sales30d - a.product.sales30d);
    const limit = opts.limit ?? 20;
    return out.length > limit ? out.slice(0, limit) : out;
  }

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
    near: (term) => expansions(term),
    nameTerms: (product) => {
      const i = byId.get(product.id);
      return i === undefined ? keys(product.name) : nameTerms[i]!;
    },
  };
}

/** How many consecutive query word pairs appear in the same order in the name ("jus orange"). */
function phrasePairs(terms: string[], name: readonly string[]): number {
  let pairs = 0;
  for (let i = 0; i + 1 < terms.length; i++) {
    const k = name.indexOf(terms[i]!);
    if (k >= 0 && name[k + 1] === terms[i + 1]) pairs++;
  }
  return pairs;
}

function inCategory(path: string, wanted: string): boolean {
  if (path.startsWith(wanted)) return true;
  return path.split(" > ").some((segment) => segment === wanted);
}
