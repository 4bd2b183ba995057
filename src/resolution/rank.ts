import type { Product, SearchHit } from "../catalog/index.js";
import type { ItemMention } from "../understanding/index.js";
import { isSoldByWeight, sizeMatches, unitsFor } from "./sizing.js";

/**
 * Narrowing rules applied to the products that match a mention's words, each kept only when
 * something passes it: what the shopper said always wins over what they did not say.
 */

type Rule = (p: Product) => boolean;

function narrow(list: SearchHit[], rule: Rule): SearchHit[] {
  const kept = list.filter((h) => rule(h.product));
  return kept.length > 0 ? kept : list;
}

/** Products sold in packs of several items ("6 x 1 L", "12 pièces", "4 x 125 g"). */
function isMulti(p: Product): boolean {
  return p.quantity.count > 1;
}

const ITEM_CONTAINER_FIT: Record<string, Rule> = {
  // A bottle is a liquid in one container of 25 cl or more; a can is 50 cl or less.
  bouteille: (p) => p.quantity.unit === "ml" && p.quantity.amount >= 250,
  canette: (p) => p.quantity.unit === "ml" && p.quantity.amount <= 500,
  brique: (p) => p.quantity.unit === "ml",
  pot: (p) => p.quantity.unit === "g" || p.quantity.unit === "ml",
  boite: (p) => !isSoldByWeight(p),
  tranche: (p) => p.quantity.unit === "g",
};

export function applyConstraints(hits: SearchHit[], m: ItemMention): SearchHit[] {
  let list = hits;
  if (m.brand) {
    const brand = m.brand;
    list = narrow(list, (p) => p.brand === brand);
  }
  const container = m.container;
  if (container) {
    const fit = ITEM_CONTAINER_FIT[container.name];
    if (fit) list = narrow(list, fit);
    if (container.kind === "pack") list = narrow(list, isMulti);
    if (container.kind === "item" && m.count === 1) list = narrow(list, (p) => !isMulti(p));
  }
  if (m.packSize !== null) {
    const n = m.packSize;
    list = narrow(list, (p) => p.quantity.count === n);
  }
  if (m.size) {
    const size = m.size;
    list = narrow(list, (p) => sizeMatches(p, size) || (isSoldByWeight(p) && size.unit === "g"));
  }
  if (m.amount && !m.size) {
    const amount = m.amount;
    list = narrow(list, (p) => (isSoldByWeight(p) && amount.unit === "g") || unitsFor(p, amount) !== null);
    // Fewest units that make the amount: two litres are two 1 L bottles, not four 50 cl.
    const units = (p: Product) => (isSoldByWeight(p) ? 1 : (unitsFor(p, amount) ?? 1e9));
    const best = Math.min(...list.map((h) => units(h.product)));
    list = narrow(list, (p) => units(p) === best);
  }
  if (m.count !== null && m.count > 0 && container?.kind !== "package" && container?.kind !== "pack") {
    // A count of things: the pack holding exactly that count, else single items, else packs
    // that divide it.
    const n = m.count;
    const exact = list.filter((h) => h.product.quantity.count === n && !isSoldByWeight(h.product));
    if (exact.length > 0 && n > 1) list = exact;
    else if (!list.some((h) => isSoldByWeight(h.product))) {
      list = narrow(list, (p) => p.quantity.count === 1);
      list = narrow(list, (p) => n % p.quantity.count === 0);
    }
  }
  return list;
}

/** "le grand", "le petit": the largest or smallest unit among what is left. */
export function applySizeWord(hits: SearchHit[], m: ItemMention): SearchHit[] {
  if (!m.sizeWord || hits.length < 2) return hits;
  const nets = hits.map((h) => h.product.quantity.net);
  const target = m.sizeWord === "large" ? Math.max(...nets) : Math.min(...nets);
  return hits.filter((h) => h.product.quantity.net === target);
}
