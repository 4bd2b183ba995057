import type { Product } from "../catalog/index.js";
import type { ItemMention, Measure } from "../understanding/index.js";

/**
 * How much of a product a mention asks for, in selling units or grams (DESIGN.md, quantity
 * rules): a volume or weight picks the size and the count that make it up; a count of things
 * sold in packs picks the pack holding that count; a count of packages is the quantity; products
 * sold by weight get grams (said, estimated from typical piece weights, or a default).
 */

export const MAX_UNITS = 99;
export const MAX_WEIGHT_G = 99_000;
/** Grams put in the cart when a product sold by weight is asked for with no amount. */
export const DEFAULT_WEIGHT_G = 1000;
const DEFAULT_PIECE_G = 200;

/** Typical weight of one piece of loose produce, by the first word of its name (stemmed-ish). */
const PIECE_GRAMS: [RegExp, number][] = [
  [/^pomme(s)? de terre/, 200],
  [/^pomme/, 180],
  [/^poire/, 180],
  [/^banane/, 180],
  [/^orange/, 220],
  [/^clementine|^mandarine/, 80],
  [/^citron vert/, 70],
  [/^citron/, 120],
  [/^pamplemousse/, 350],
  [/^kiwi/, 90],
  [/^peche|^nectarine|^brugnon/, 150],
  [/^abricot/, 50],
  [/^mangue/, 400],
  [/^ananas/, 1200],
  [/^melon/, 1000],
  [/^tomate/, 130],
  [/^carotte/, 120],
  [/^oignon/, 130],
  [/^echalote/, 30],
  [/^courgette/, 300],
  [/^aubergine/, 300],
  [/^poivron/, 180],
  [/^poireau/, 250],
  [/^concombre/, 400],
  [/^avocat/, 200],
  [/^navet/, 150],
  [/^betterave/, 150],
  [/^patate douce/, 300],
  [/^chou fleur|^brocoli/, 600],
  [/^chou/, 1000],
];

export function pieceWeight(product: Product): number {
  const name = product.name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();
  for (const [re, g] of PIECE_GRAMS) if (re.test(name)) return g;
  return DEFAULT_PIECE_G;
}

export function isSoldByWeight(p: Product): boolean {
  return p.soldBy === "weight" || p.quantity.perKg;
}

/** Units of `p` that make up `amount`, when they do exactly (within 2 %), else null. */
export function unitsFor(p: Product, amount: Measure): number | null {
  if (isSoldByWeight(p) || p.quantity.unit !== amount.unit) return null;
  const q = amount.value / p.quantity.net;
  const r = Math.round(q);
  if (r >= 1 && Math.abs(q - r) <= 0.02 * q) return r;
  return null;
}

/** Whether a product's unit matches a size said for one unit ("de 750 grammes"). */
export function sizeMatches(p: Product, size: Measure): boolean {
  return sizeFit(p, size) > 0;
}

/**
 * How well a product's unit fits a size said for one unit: 3 its content is that size ("un
 * litre" -> 1 L), 2 each of its items is ("1 L" -> 6 x 1 L), 1 close to it within 2 % ("2 L"
 * -> 6 x 33 cl = 1.98 L), 0 not at all.
 */
export function sizeFit(p: Product, size: Measure): number {
  if (isSoldByWeight(p) || p.quantity.unit !== size.unit) return 0;
  const exact = 0.005 * size.value;
  if (Math.abs(p.quantity.net - size.value) <= exact) return 3;
  if (Math.abs(p.quantity.amount - size.value) <= exact) return 2;
  const tol = 0.02 * size.value;
  return Math.abs(p.quantity.net - size.value) <= tol || Math.abs(p.quantity.amount - size.value) <= tol
    ? 1
    : 0;
}

export type Amount = { quantity: number } | { weightG: number };

function clampUnits(n: number): number {
  if (!Number.isFinite(n) || n < 1) return 1;
  return Math.min(MAX_UNITS, Math.round(n));
}

function clampGrams(g: number): number {
  if (!Number.isFinite(g) || g <= 0) return DEFAULT_WEIGHT_G;
  return Math.min(MAX_WEIGHT_G, Math.max(1, Math.round(g)));
}

/**
 * The amount to put in the cart for `p`. `withDefault` is false when removing or asking: then a
 * product sold by weight with no amount said gets no weight.
 */
export function amountFor(p: Product, m: ItemMention, withDefault: boolean): Amount {
  if (isSoldByWeight(p)) {
    if (m.amount && m.amount.unit === "g") return { weightG: clampGrams(m.amount.value) };
    if (m.size && m.size.unit === "g" && m.count === null) return { weightG: clampGrams(m.size.value) };
    const pieces = m.container?.kind === "package" ? null : m.count;
    if (pieces !== null && pieces > 0) return { weightG: clampGrams(pieces * pieceWeight(p)) };
    if (!withDefault) return { quantity: 1 };
    return { weightG: DEFAULT_WEIGHT_G };
  }
  if (m.amount && !m.size) {
    const units = unitsFor(p, m.amount);
    if (units !== null) return { quantity: clampUnits(units) };
    if (p.quantity.unit === m.amount.unit) return { quantity: clampUnits(m.amount.value / p.quantity.net) };
    return { quantity: 1 };
  }
  const count = m.count;
  if (count === null || count <= 0) return { quantity: 1 };
  const kind = m.container?.kind;
  if (kind === "package" || kind === "pack") return { quantity: clampUnits(count) };
  // "deux fois six oeufs": the count is of units holding the pack size said.
  if (m.packSize !== null && m.packSize > 1) return { quantity: clampUnits(count) };
  // A count of things: the pack holding that count, or that many single items.
  const per = p.quantity.unit === "piece" || p.quantity.count > 1 ? p.quantity.count : 1;
  if (per === count) return { quantity: 1 };
  if (per === 1) return { quantity: clampUnits(count) };
  if (count % per === 0) return { quantity: clampUnits(count / per) };
  return { quantity: clampUnits(count / per) };
}
