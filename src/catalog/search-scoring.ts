// Scoring a query against the index's posting lists: accumulation, tiers and top hits.
import { fold } from "../language/index.js";
import type { IndexTables } from "./search-postings.js";
import type { QueryReader } from "./search-query.js";
import type { SearchHit, SearchOptions } from "./search-types.js";

const FUZZY_PENALTY = 0.3;
const PHRASE_BONUS = 0.15;

/** The index's `searchWords`: scratch buffers live here, reused across queries (one thread). */
export function makeSearcher(
  tables: IndexTables,
  reader: QueryReader,
): (words: string[], opts?: SearchOptions) => SearchHit[] {
  const { list, n, postings, idf, nameTerms, nameLen, categoryPaths, kinds, sales } = tables;
  const { queryTerms, expansions } = reader;
  // Scratch buffers reused across queries (the index is used from one thread).
  const acc = new Float64Array(n);
  const hits = new Uint8Array(n);
  const tokBest = new Float64Array(n);
  // Products touched by the current query: a typed buffer and its length (no array regrowth).
  const touchedBuf = new Int32Array(Math.max(1, n));
  let nt = 0;
  const tokTouched: number[] = [];

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

  return searchWords;
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
