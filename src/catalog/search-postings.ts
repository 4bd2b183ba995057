// Building the product index's tables: posting lists per stemmed word, idf, kinds, name words.
import { stem } from "../language/index.js";
import type { Product } from "./product.js";
import { FieldAnalyzer, keys, UNMARKED, W } from "./search-fields.js";

const SANS = stem("sans");

export interface Posting {
  ids: Int32Array;
  w: Float32Array;
}

/** Everything the index reads at query time, built in one pass over the products. */
export interface IndexTables {
  list: Product[];
  n: number;
  byId: Map<string, number>;
  postings: Map<string, Posting>;
  idf: Map<string, number>;
  /** Per word, the products it names (everything but the aisle), for `together`. */
  shared: Map<string, Int32Array>;
  heads: Set<string>;
  nameTerms: string[][];
  nameLen: Uint8Array;
  categoryPaths: string[];
  leafTerms: string[][];
  kinds: Int32Array;
  sales: Float64Array;
}

export function buildTables(products: readonly Product[]): IndexTables {
  const list = products.slice();
  const byId = new Map<string, number>();
  const building = new Map<string, { ids: number[]; w: number[] }>();
  const nameTerms: string[][] = [];
  const nameLen = new Uint8Array(list.length);
  const categoryPaths: string[] = [];
  const analyzer = new FieldAnalyzer();
  const kindIds = new Map<string, number>();
  const leafTerms: string[][] = [];
  const kinds = new Int32Array(list.length);
  const sales = Float64Array.from(list, (p) => p.sales30d);
  // Words of each product that name it (everything but the aisle), for `together`.
  const sharing = new Map<string, number[]>();
  const heads = new Set<string>();
  for (let id = 0; id < list.length; id++) {
    const p = list[id]!;
    byId.set(p.id, id);
    const { keyed, nameTerms: name, path } = analyzer.product(p);
    for (let k = 0; k < keyed.terms.length; k++) {
      const term = keyed.terms[k]!;
      let post = building.get(term);
      if (!post) {
        post = { ids: [], w: [] };
        building.set(term, post);
      }
      post.ids.push(id);
      post.w.push(keyed.weights[k]!);
      const weight = keyed.weights[k]!;
      if (weight > W.path) {
        let ids = sharing.get(term);
        if (!ids) {
          ids = [];
          sharing.set(term, ids);
        }
        ids.push(id);
        if (weight >= W.group) heads.add(term);
      }
    }
    nameTerms.push(name);
    // A name's length counts the words a shopper would have to add ("complet"), not the ones
    // that mark the plain version ("nature").
    let marked = 0;
    // "sans croûte" is one attribute, like "complet"; "sans lactose", a label, stays two words
    // as before (a labelled variant is further from a plain request).
    const labelled = p.labels.length ? new Set(p.labels.flatMap((l) => analyzer.label(l).terms)) : null;
    for (let k = 0; k < name.length; k++) {
      const t = name[k]!;
      if (UNMARKED.has(t)) continue;
      if (t === SANS && !labelled?.has(name[k + 1] ?? "")) continue;
      marked++;
    }
    nameLen[id] = Math.min(255, marked);
    categoryPaths.push(path);
    let kind = kindIds.get(path);
    if (kind === undefined) {
      kind = kindIds.size;
      kindIds.set(path, kind);
      // What the leaf adds to its parent ("Laits > Lait écrémé" -> écrémé): a catch-all leaf
      // ("Œufs > Œufs") names no particular kind.
      const parent = p.category.length > 1 ? new Set(keys(p.category.at(-2)!)) : new Set<string>();
      leafTerms.push(keys(p.category.at(-1) ?? "").filter((t) => !parent.has(t)));
    }
    kinds[id] = kind;
  }

  const n = list.length;
  const postings = new Map<string, Posting>();
  for (const [term, post] of building) {
    postings.set(term, { ids: Int32Array.from(post.ids), w: Float32Array.from(post.w) });
  }
  building.clear();
  const shared = new Map<string, Int32Array>();
  for (const [term, ids] of sharing) {
    // Most words name every product they occur in: share the posting's own id list then.
    const own = postings.get(term)!.ids;
    shared.set(term, own.length === ids.length ? own : Int32Array.from(ids));
  }
  sharing.clear();
  const idf = new Map<string, number>();
  for (const [term, post] of postings) idf.set(term, Math.log(1 + n / post.ids.length));
  return {
    list,
    n,
    byId,
    postings,
    idf,
    shared,
    heads,
    nameTerms,
    nameLen,
    categoryPaths,
    leafTerms,
    kinds,
    sales,
  };
}

/** Whether two ascending id lists share an id: each id of the shorter, sought by halving in the longer. */
export function intersects(a: Int32Array, b: Int32Array): boolean {
  const [small, large] = a.length <= b.length ? [a, b] : [b, a];
  let lo = 0;
  for (let i = 0; i < small.length; i++) {
    const v = small[i]!;
    let hi = large.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (large[mid]! < v) lo = mid + 1;
      else hi = mid;
    }
    if (lo >= large.length) return false;
    if (large[lo] === v) return true;
  }
  return false;
}
