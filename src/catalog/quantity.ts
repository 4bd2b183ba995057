/**
 * Printed pack sizes: "6 x 1 L", "4 x 125 g", "1,5L", "33cl", "2 x 6 x 25 cl", "x12",
 * "12 pièces", "au kg". Parsed into how many items a selling unit holds and how much each holds,
 * with the net content in grams, millilitres or pieces.
 */

export type BaseUnit = "g" | "ml" | "piece";

export interface Quantity {
  /** Items in one selling unit: "6 x 1 L" -> 6; "2 x 6 x 25 cl" -> 12; "1 L" -> 1. */
  count: number;
  /** Amount of one item in the base unit: "6 x 1 L" -> 1000 (ml). For "12 pièces" -> 1. */
  amount: number;
  unit: BaseUnit;
  /** count * amount: the net content of one selling unit in the base unit. */
  net: number;
  /** Sold by weight ("au kg"): the price is per kg and the amount is chosen by the shopper. */
  perKg: boolean;
}

export class QuantityParseError extends Error {
  readonly code = "invalid_quantity";
  constructor(readonly input: string) {
    super(
      `Cannot read the quantity "${input}": expected forms like "1 L", "6 x 1 L", "4 x 125 g", "12 pièces", "au kg"`,
    );
  }
}

const UNIT_FACTORS: Record<string, { unit: BaseUnit; factor: number }> = {
  kg: { unit: "g", factor: 1000 },
  kilo: { unit: "g", factor: 1000 },
  kilos: { unit: "g", factor: 1000 },
  g: { unit: "g", factor: 1 },
  gr: { unit: "g", factor: 1 },
  grammes: { unit: "g", factor: 1 },
  gramme: { unit: "g", factor: 1 },
  mg: { unit: "g", factor: 0.001 },
  l: { unit: "ml", factor: 1000 },
  litre: { unit: "ml", factor: 1000 },
  litres: { unit: "ml", factor: 1000 },
  dl: { unit: "ml", factor: 100 },
  cl: { unit: "ml", factor: 10 },
  ml: { unit: "ml", factor: 1 },
  piece: { unit: "piece", factor: 1 },
  pieces: { unit: "piece", factor: 1 },
  pc: { unit: "piece", factor: 1 },
  pcs: { unit: "piece", factor: 1 },
  unite: { unit: "piece", factor: 1 },
  unites: { unit: "piece", factor: 1 },
  u: { unit: "piece", factor: 1 },
  oeufs: { unit: "piece", factor: 1 },
  sachets: { unit: "piece", factor: 1 },
  capsules: { unit: "piece", factor: 1 },
  rouleaux: { unit: "piece", factor: 1 },
  tranches: { unit: "piece", factor: 1 },
};

const NUMBER = String.raw`\d+(?:[.,]\d+)?`;
const MEASURE = new RegExp(String.raw`^(${NUMBER})\s*([a-z]+)$`);

function num(text: string): number {
  return Number(text.replace(",", "."));
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

export function parseQuantity(input: string): Quantity {
  const text = input
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[×*]/g, "x")
    .replace(/\s+/g, " ")
    .trim();
  if (!text) throw new QuantityParseError(input);
  if (/^(au|le|par|prix au) ?kg$|^\/ ?kg$|^vrac$/.test(text)) {
    return { count: 1, amount: 1000, unit: "g", net: 1000, perKg: true };
  }
  // "x12" / "lot de 12": a count of pieces with no size.
  const bare = /^(?:x ?|lot de )(\d+)$/.exec(text);
  if (bare) return pieces(Number(bare[1]), input);

  const parts = text.split(/ ?x ?(?=\d)|(?<=\d) ?x ?/).filter(Boolean);
  if (parts.length === 0 || parts.length > 3) throw new QuantityParseError(input);
  let count = 1;
  for (const part of parts.slice(0, -1)) {
    if (!/^\d+$/.test(part)) throw new QuantityParseError(input);
    count *= Number(part);
  }
  const last = parts[parts.length - 1]!;
  if (/^\d+$/.test(last)) {
    // "6 x 1" is not a size; but "x12" alone was handled above.
    throw new QuantityParseError(input);
  }
  const m = MEASURE.exec(last);
  if (!m) throw new QuantityParseError(input);
  const unit = UNIT_FACTORS[m[2]!];
  if (!unit) throw new QuantityParseError(input);
  const amount = round(num(m[1]!) * unit.factor);
  if (!(amount > 0) || !(count > 0) || !Number.isFinite(amount)) throw new QuantityParseError(input);
  if (unit.unit === "piece") {
    return pieces(count * amount, input);
  }
  return { count, amount, unit: unit.unit, net: round(count * amount), perKg: false };
}

function pieces(n: number, input: string): Quantity {
  if (!Number.isInteger(n) || n <= 0) throw new QuantityParseError(input);
  return { count: n, amount: 1, unit: "piece", net: n, perKg: false };
}

export function tryParseQuantity(input: string): Quantity | null {
  try {
    return parseQuantity(input);
  } catch {
    return null;
  }
}

/** Unit price in cents per kg, per litre or per piece, as French shelf labels show it. */
export interface UnitPrice {
  cents: number;
  per: "kg" | "l" | "piece";
}

export function unitPrice(priceCents: number, quantity: Quantity): UnitPrice {
  if (quantity.perKg) return { cents: priceCents, per: "kg" };
  if (quantity.unit === "piece") return { cents: Math.round(priceCents / quantity.net), per: "piece" };
  return { cents: Math.round((priceCents * 1000) / quantity.net), per: quantity.unit === "g" ? "kg" : "l" };
}

/** "2,49 €/kg" style label. */
export function formatUnitPrice(up: UnitPrice): string {
  const euros = (up.cents / 100).toFixed(2).replace(".", ",");
  const per = up.per === "piece" ? "pièce" : up.per === "l" ? "L" : "kg";
  return `${euros} €/${per}`;
}
