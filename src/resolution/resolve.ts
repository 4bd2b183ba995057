import type { Product, SearchHit } from "../catalog/index.js";
import { phoneticKey, stem, tokens } from "../language/index.js";
import type { ItemMention } from "../understanding/index.js";
import { rankCandidates } from "./rank.js";
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

export type Purpose = "add" | "remove" | "info";

export function searchMention(m: ItemMention, ctx: ResolveContext): SearchHit[] {
  const sold = ctx.sold;
  return ctx.index.searchWords(m.words, {
    tier: TIER,
    reuse: true,
    language: ctx.language,
    filter: sold ? (p) => sold.has(p.id) : undefined,
  });
}

/** Whether the catalog knows what a mention names well enough to act on it. */
/** Words that qualify a product but never name one alone ("c'est bio ?", "du nature"). */
const QUALIFIERS = new Set(
  ["bio", "nature", "sans", "leger", "allege", "zero", "entier", "frais", "doux", "fort", "extra", "fin"]
    .concat(["gros", "petit", "grand", "light", "premium", "classique", "original"])
    .map(stem),
);

export function isKnownMention(m: ItemMention, ctx: ResolveContext): boolean {
  if (m.brand) return true;
  const terms = ctx.index.queryTerms(m.words, ctx.language);
  if (terms.length === 0 || terms.every((t) => QUALIFIERS.has(t))) return false;
  let good = 0;
  let words = 0;
  for (const t of terms) {
    const near = ctx.index.near(t);
    // Short words only when they sound the same ("knor" = Knorr, but "fait" is not "lait").
    const n0 = near[0];
    const ok =
      n0 !== undefined &&
      (n0.cost === 0 ||
        (n0.cost <= 1.8 && t.length >= 5) ||
        (n0.cost <= 2 && t.length >= 8) ||
        (t.length >= 4 && phoneticKey(t) === phoneticKey(n0.term)) ||
        (n0.cost === 1.6 && near.length === 1));
    if (!ok) continue;
    good++;
    // A number alone ("make it 2") names nothing; with a word it may ("pizza 4 fromages").
    if (!/^\d/.test(t)) words++;
  }
  return words > 0 && good * 2 >= terms.length;
}

/**
 * When a brand and a product word are both said ("du sucre Daddy"), the kind the word means is
 * the one that sells most across the store, not within the brand: sales per kind of the
 * products matching the words without the brand. A brand said alone ("du Nutella") keeps the
 * brand's own best-selling kind.
 */
function genericKindSales(m: ItemMention, ctx: ResolveContext): Map<number, number> | undefined {
  if (!m.brand) return undefined;
  const brandWords = new Set(tokens(m.brand));
  const core = m.words.filter((w) => !brandWords.has(w));
  if (core.length === 0 || core.length === m.words.length) return undefined;
  // Per kind, the sales of its products holding the scarcest of the words: "yaourt fraise" weighs
  // fruit yoghurts by their strawberry ones, not plain yoghurts by all of theirs.
  const per = ctx.index
    .queryTerms(core, ctx.language)
    .map((t) => ctx.index.kindSalesOf(t))
    .filter((x): x is ReadonlyMap<number, number> => x !== undefined);
  if (per.length === 0) return undefined;
  per.sort((a, b) => a.size - b.size);
  const out = new Map<number, number>();
  for (const [kind, sales] of per[0]!) {
    let least = sales;
    for (let k = 1; k < per.length; k++) least = Math.min(least, per[k]!.get(kind) ?? 0);
    out.set(kind, least);
  }
  return out;
}

export function resolveMention(
  m: ItemMention,
  ctx: ResolveContext,
  purpose: Purpose = "add",
): Resolution | null {
  const kindSales = genericKindSales(m, ctx);
  const hits = searchMention(m, ctx);
  if (hits.length === 0) return null;
  const ranked = rankCandidates(hits, m, ctx, 4, kindSales);
  if (ranked.length === 0) return null;
  const win = ranked[0]!;
  const product = win.hit.product;
  const amount = amountFor(product, m, purpose === "add");
  const coverage = win.hit.matched / Math.max(1, win.hit.terms);
  const next = ranked[1];
  let confidence: number;
  let reason: string;
  if (!next) {
    confidence = 0.95;
    reason = "only match";
  } else if (win.kindNamed && !next.kindNamed) {
    confidence = 0.85;
    reason = "kind named";
  } else if (win.history > next.history) {
    confidence = 0.9;
    reason = "usual product";
  } else if (win.nameSaid && !next.nameSaid) {
    confidence = 0.85;
    reason = "name said";
  } else if (win.hit.kind !== next.hit.kind) {
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
