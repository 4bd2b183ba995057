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
import { FieldAnalyzer, keys, UNMARKED, W } from "./search-fields.js";

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
  /**
   * Return the equal matches only: the products matching the most query words and scoring at
   * least this share (0..1) of the best of them — what resolution ranks by other signals.
   * They come unsorted.
   */
  tier?: number;
  /**
   * Reuse hit objects and the returned array between calls (hot paths such as resolution):
   * what is returned is valid only until the next `reuse` search on this index.
   */
  reuse?: boolean;
}

export interface SearchHit {
  product: Product;
  score: number;
  /** Query words this product matched, out of `terms`. */
  matched: number;
  terms: number;
  /** Small integer naming the product's category path (the same for products of one kind). */
  kind: number;
  /** The product's position in this index (for `nameTermsAt`). */
  ref: number;
  /** The product's `sales30d`, copied for ranking loops that should not chase pointers. */
  sales: number;
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
  /**
   * Whether a stemmed word heads something in the catalog: a name's head noun, a brand or a
   * one-word category group ("lait", "oeuf", "pate"), not a qualifier ("zero", "blanc" alone).
   */
  isHead(term: string): boolean;
  /**
   * Whether one product holds both stemmed words in its name, brand, labels or kind (the aisle
   * aside): "lait entier" does, "lait oeuf" does not, so "lait oeufs pain" is a list.
   */
  together(a: string, b: string): boolean;
  /** Catalog words near a stemmed word (typos, sound-alikes). */
  near(term: string): TermMatch[];
  /** Stemmed words the last category segment adds to its parent ("Laits > Lait écrémé" -> ecrem). */
  kindLeafTerms(kind: number): readonly string[];
  /** The kind id (see `SearchHit.kind`) of the product at a position. */
  kindAt(ref: number): number;
  /** Sales per kind id of the products holding a stemmed word (which kind a word means most). */
  kindSalesOf(term: string): ReadonlyMap<number, number> | undefined;
  /** A product's position in this index (a hit's `ref`), by id. */
  refOf(id: string): number | undefined;
  /** Stemmed name words of the product at a hit's `ref`. */
  nameTermsAt(ref: number): readonly string[];
  /** Stemmed name words of a product (for explaining and for unsaid-attribute checks). */
  nameTerms(product: Product): readonly string[];
}

const FUZZY_PENALTY = 0.3;
const SANS = stem("sans");
const MAX_TERMS = 16;
const PHRASE_BONUS = 0.15;

interface Posting {
  ids: Int32Array;
  w: Float32Array;
}

export function buildProductIndex(products: readonly Product[]): ProductIndex {
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
  const matcher = new TermMatcher(postings.keys());

  // Scratch buffers reused across queries (the index is used from one thread).
  const acc = new Float64Array(n);
  const hits = new Uint8Array(n);
  const tokBest = new Float64Array(n);
  // Products touched by the current query: a typed buffer and its length (no array regrowth).
  const touchedBuf = new Int32Array(Math.max(1, n));
  let nt = 0;
  const tokTouched: number[] = [];

  const knows = (t: string) => postings.has(t);
  const kindSalesCache = new Map<string, Map<number, number>>();

  function queryTerms(words: string[], language?: "fr" | "en"): string[] {
    const english = language === "en";
    const stems = joinSplitWords(words.map((w) => fold(w)));
    // English words are read as English even where the catalog prints them ("Tomato ketchup");
    // the English article goes first, so that "tea" bridged to "thé" stays.
    const bridged = bridgeVocabulary(
      english ? stems.filter((t) => t !== "the") : stems,
      english ? undefined : knows,
    );
    const out: string[] = [];
    for (const t of bridged) {
      // "the" left here is "thé".
      if (!t || (isStopWord(t) && t !== "the") || out.includes(t)) continue;
      out.push(t);
      if (out.length >= MAX_TERMS) break;
    }
    return out;
  }

  /**
   * Stems of the words, with a word heard in two pieces joined back when the catalog knows the
   * whole ("pan zani" -> panzani, "nu tella" -> nutella).
   */
  function joinSplitWords(folded: string[]): string[] {
    const out: string[] = [];
    for (let i = 0; i < folded.length; i++) {
      const a = folded[i]!;
      const b = folded[i + 1];
      const sa = stem(a);
      const known = (w: string) => postings.has(stem(w)) || isStopWord(w);
      if (b !== undefined && !/\d/.test(a + b) && !known(a) && !known(b)) {
        const whole = stem(a + b);
        const near = whole.length >= 5 ? expansions(whole) : [];
        if (postings.has(whole) || (near.length > 0 && near[0]!.cost <= 1.5)) {
          out.push(whole);
          i++;
          continue;
        }
      }
      out.push(sa);
    }
    return out;
  }

  function expansions(term: string): TermMatch[] {
    if (postings.has(term)) return [{ term, cost: 0 }];
    // Glued words ("cocacola") and numbers are exact-only.
    return matcher.match(term, 3);
  }

  // Hit objects reused across `reuse` searches: at 100k products a generic word has thousands of
  // equal matches, and fresh objects for each would be most of the garbage of an utterance.
  const pool: SearchHit[] = [];
  const pooledOut: SearchHit[] = [];
  function pooled(selected: number[], termCount: number): SearchHit[] {
    const out = pooledOut;
    out.length = selected.length;
    for (let i = 0; i < selected.length; i++) {
      const id = selected[i]!;
      let h = pool[i];
      if (!h) {
        h = { product: list[id]!, score: 0, matched: 0, terms: 0, kind: 0, ref: 0, sales: 0 };
        pool.push(h);
      }
      h.product = list[id]!;
      h.score = acc[id]!;
      h.matched = hits[id]!;
      h.terms = termCount;
      h.kind = kinds[id]!;
      h.ref = id;
      h.sales = sales[id]!;
      out[i] = h;
    }
    return out;
  }

  function searchWords(words: string[], opts: SearchOptions = {}): SearchHit[] {
    const terms = queryTerms(words, opts.language);
    if (terms.length === 0) return [];
    nt = 0;
    // For equal matches only (no filter), rarer words go first and a product first met when too
    // few words remain to reach the best count so far is skipped: "lait entier bio" need not
    // visit every organic product of a 100k catalog.
    const prune = opts.tier !== undefined && !opts.filter && !opts.category;
    const steps = terms.map((term) => {
      const exs = expansions(term);
      let df = 0;
      for (const ex of exs) df += postings.get(ex.term)?.ids.length ?? 0;
      return { exs, df };
    });
    if (prune) steps.sort((a, b) => a.df - b.df);
    let most = 0;
    for (let step = 0; step < steps.length; step++) {
      const exs = steps[step]!.exs;
      const allowNew = !prune || steps.length - step >= most;
      if (exs.length === 1) {
        // One word, one posting list: add straight in.
        const post = postings.get(exs[0]!.term);
        if (!post) continue;
        const base = idf.get(exs[0]!.term)! * (1 - FUZZY_PENALTY * Math.min(exs[0]!.cost, 2));
        const { ids, w } = post;
        for (let k = 0; k < ids.length; k++) {
          const id = ids[k]!;
          if (hits[id] === 0) {
            if (!allowNew) continue;
            touchedBuf[nt++] = id;
          }
          acc[id] += base * w[k]!;
          if (++hits[id]! > most) most = hits[id]!;
        }
        continue;
      }
      tokTouched.length = 0;
      for (const ex of exs) {
        const post = postings.get(ex.term);
        if (!post) continue;
        const base = idf.get(ex.term)! * (1 - FUZZY_PENALTY * Math.min(ex.cost, 2));
        const { ids, w } = post;
        for (let k = 0; k < ids.length; k++) {
          const id = ids[k]!;
          if (hits[id] === 0 && !allowNew) continue;
          const v = base * w[k]!;
          if (tokBest[id] === 0) tokTouched.push(id);
          if (v > tokBest[id]!) tokBest[id] = v;
        }
      }
      for (const id of tokTouched) {
        if (hits[id] === 0) touchedBuf[nt++] = id;
        acc[id] += tokBest[id]!;
        if (++hits[id]! > most) most = hits[id]!;
        tokBest[id] = 0;
      }
    }
    const category = opts.category ? fold(opts.category).trim() : null;
    // Score every touched product in place, then build hit objects only for those selected:
    // at 100k products a common word touches thousands.
    let maxMatched = 0;
    let kept = 0;
    for (let t = 0; t < nt; t++) {
      const id = touchedBuf[t]!;
      const matched = hits[id]!;
      const product = list[id]!;
      if ((category && !inCategory(categoryPaths[id]!, category)) || (opts.filter && !opts.filter(product))) {
        acc[id] = 0;
        hits[id] = 0;
        continue;
      }
      let score = acc[id]! - 0.04 * nameLen[id]!;
      if (matched >= 2 && terms.length >= 2) score *= 1 + PHRASE_BONUS * phrasePairs(terms, nameTerms[id]!);
      acc[id] = score;
      touchedBuf[kept++] = id;
      if (matched > maxMatched) maxMatched = matched;
    }
    nt = kept;
    const limit = opts.limit ?? (opts.tier !== undefined ? Number.POSITIVE_INFINITY : 20);
    let selected: number[];
    if (opts.tier !== undefined) {
      let best = Number.NEGATIVE_INFINITY;
      for (let t = 0; t < nt; t++) {
        const id = touchedBuf[t]!;
        if (hits[id] === maxMatched && acc[id]! > best) best = acc[id]!;
      }
      const floor = best >= 0 ? best * opts.tier : best / opts.tier;
      selected = [];
      for (let t = 0; t < nt; t++) {
        const id = touchedBuf[t]!;
        if (hits[id] === maxMatched && acc[id]! >= floor) selected.push(id);
      }
    } else {
      selected = topByScore(Array.from(touchedBuf.subarray(0, nt)), acc, limit);
    }
    const out: SearchHit[] = opts.reuse ? pooled(selected, terms.length) : [];
    if (!opts.reuse) {
      for (const id of selected) {
        out.push({
          product: list[id]!,
          score: acc[id]!,
          matched: hits[id]!,
          terms: terms.length,
          kind: kinds[id]!,
          ref: id,
          sales: sales[id]!,
        });
      }
    }
    for (let t = 0; t < nt; t++) {
      const id = touchedBuf[t]!;
      acc[id] = 0;
      hits[id] = 0;
    }
    // Equal matches are ranked by the caller; only a limited list is sorted here.
    if (opts.tier === undefined)
      out.sort((a, b) => b.score - a.score || b.product.sales30d - a.product.sales30d);
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

/** Whether two ascending id lists share an id: each id of the shorter, sought by halving in the longer. */
function intersects(a: Int32Array, b: Int32Array): boolean {
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

/** The ids of the `limit` best scores (ties at the cut kept), without sorting them all. */
function topByScore(ids: number[], score: Float64Array, limit: number): number[] {
  if (ids.length <= limit) return ids.slice();
  const values = Float64Array.from(ids, (id) => score[id]!);
  values.sort();
  const cut = values[values.length - limit]!;
  return ids.filter((id) => score[id]! >= cut);
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
