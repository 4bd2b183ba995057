import type { Product, SearchHit } from "../catalog/index.js";
import type { ItemMention } from "../understanding/index.js";
import { applyConstraints, applySizeWord } from "./rank.js";
import { amountFor } from "./sizing.js";
import type { ResolveContext, Resolution } from "./types.js";

/**
 * Mention -> ranked products. Candidates are the products that match the mention's words best
 * (name, brand, category, labels; typos and sound-alikes allowed); then what the shopper said
 * narrows them (brand, pack, container, size, count); then, among what is left — all of which
 * meet every stated constraint — the shopper's history decides, then the most-bought kind across
 * the store (a generic "du lait" is the kind of milk that sells most), then stock, then how
 * closely the name matches, then popularity.
 */

/** Candidates scoring at least this share of the best score are "equal matches". */
const TIER = 0.8;
const SEARCH_LIMIT = 400;

export type Purpose = "add" | "remove" | "info";

function tierOf(hits: SearchHit[]): SearchHit[] {
  let maxMatched = 0;
  for (const h of hits) if (h.matched > maxMatched) maxMatched = h.matched;
  const top = hits.filter((h) => h.matched === maxMatched);
  const best = top[0]!.score;
  return top.filter((h) => h.score >= best * TIER);
}

function leafKey(p: Product): string {
  return p.category.join(">");
}

interface Ranked {
  hit: SearchHit;
  history: number;
  kind: number;
  inStock: number;
}

function historyScores(list: SearchHit[], ctx: ResolveContext): Map<string, number> | null {
  const history = ctx.history;
  if (!history || history.size === 0) return null;
  const bought: { p: Product; times: number }[] = [];
  for (const [id, times] of history) {
    const p = ctx.index.get(id);
    if (p && times > 0) bought.push({ p, times });
  }
  const scores = new Map<string, number>();
  for (const h of list) {
    const p = h.product;
    let s = history.get(p.id) ?? 0;
    // The usual brand of that kind counts too, so a size said still gets the usual brand.
    for (const b of bought) {
      if (b.p.id !== p.id && b.p.brand === p.brand && leafKey(b.p) === leafKey(p)) s += 0.25 * b.times;
    }
    if (s > 0) scores.set(p.id, s);
  }
  return scores;
}

export function rankCandidates(hits: SearchHit[], m: ItemMention, ctx: ResolveContext): Ranked[] {
  const tier = tierOf(hits);
  const constrained = applyConstraints(tier, m);
  const history = historyScores(constrained, ctx);
  // The kind that sells most among all equal matches, before size and pack narrow them: "un
  // pack de lait" is a pack of the milk people buy most, whatever packs sell.
  const kindSales = new Map<string, number>();
  for (const h of tier) {
    const k = leafKey(h.product);
    kindSales.set(k, (kindSales.get(k) ?? 0) + h.product.sales30d);
  }
  const ranked: Ranked[] = constrained.map((hit) => ({
    hit,
    history: history?.get(hit.product.id) ?? 0,
    kind: kindSales.get(leafKey(hit.product)) ?? 0,
    inStock: ctx.stock ? ((ctx.stock.get(hit.product.id) ?? 0) > 0 ? 1 : 0) : 1,
  }));
  ranked.sort(
    (a, b) =>
      b.history - a.history ||
      b.kind - a.kind ||
      Math.round(b.hit.score * 10) - Math.round(a.hit.score * 10) ||
      b.inStock - a.inStock ||
      b.hit.product.sales30d - a.hit.product.sales30d ||
      a.hit.product.id.localeCompare(b.hit.product.id),
  );
  if (m.sizeWord && ranked.length > 1) {
    // "le grand" among the winning kind and brand.
    const lead = ranked[0]!.hit.product;
    const same = ranked.filter(
      (r) => leafKey(r.hit.product) === leafKey(lead) && r.hit.product.brand === lead.brand,
    );
    const sized = applySizeWord(
      same.map((r) => r.hit),
      m,
    );
    const ids = new Set(sized.map((h) => h.product.id));
    ranked.sort((a, b) => Number(ids.has(b.hit.product.id)) - Number(ids.has(a.hit.product.id)));
  }
  return ranked;
}

export function searchMention(m: ItemMention, ctx: ResolveContext): SearchHit[] {
  const sold = ctx.sold;
  return ctx.index.searchWords(m.words, {
    limit: SEARCH_LIMIT,
    language: ctx.language,
    filter: sold ? (p) => sold.has(p.id) : undefined,
  });
}

/** Whether the catalog knows what a mention names well enough to act on it. */
export function isKnownMention(m: ItemMention, ctx: ResolveContext): boolean {
  if (m.brand) return true;
  const terms = ctx.index.queryTerms(m.words, ctx.language);
  if (terms.length === 0) return false;
  let good = 0;
  for (const t of terms) {
    const near = ctx.index.near(t);
    if (near.length > 0 && (near[0]!.cost === 0 || (near[0]!.cost <= 1.5 && t.length >= 5))) good++;
  }
  return good * 2 >= terms.length && good > 0;
}

export function resolveMention(
  m: ItemMention,
  ctx: ResolveContext,
  purpose: Purpose = "add",
): Resolution | null {
  const hits = searchMention(m, ctx);
  if (hits.length === 0) return null;
  const ranked = rankCandidates(hits, m, ctx);
  if (ranked.length === 0) return null;
  const win = ranked[0]!;
  const product = win.hit.product;
  const amount = amountFor(product, m, purpose === "add");
  const coverage = win.hit.matched / Math.max(1, win.hit.terms);
  const distinctKinds = new Set(ranked.map((r) => leafKey(r.hit.product))).size;
  let confidence: number;
  let reason: string;
  if (ranked.length === 1) {
    confidence = 0.95;
    reason = "only match";
  } else if (win.history > (ranked[1]?.history ?? 0)) {
    confidence = 0.9;
    reason = "usual product";
  } else if (distinctKinds > 1) {
    confidence = 0.65;
    reason = "most-bought kind";
  } else {
    confidence = 0.75;
    reason = "most popular of its kind";
  }
  confidence = Math.round(confidence * coverage * 100) / 100;
  const alternatives: Product[] = [];
  for (const r of ranked.slice(1)) {
    if (alternatives.length >= 3) break;
    alternatives.push(r.hit.product);
  }
  if (alternatives.length < 3) {
    for (const h of hits) {
      if (alternatives.length >= 3) break;
      if (h.product.id !== product.id && !alternatives.includes(h.product)) alternatives.push(h.product);
    }
  }
  const base = { product, confidence, alternatives, reason };
  return "weightG" in amount ? { ...base, weightG: amount.weightG } : { ...base, quantity: amount.quantity };
}
