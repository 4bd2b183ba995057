import { gtinProblem } from "../catalog/index.js";

/**
 * GTIN ranges Merchant Center refuses: in-store / restricted-circulation codes (prefixes 2, 02,
 * 04: weighed goods, store-made products) and coupon codes (05, 99, 981-984). The prefix is read
 * on the 13-digit form: a GTIN-12 (UPC) gets a leading 0, and the first digit of a GTIN-14 (the
 * packaging indicator) is not part of the prefix.
 */
export type GtinRange = "in_store" | "coupon";

export function gtinRange(gtin: string): GtinRange | null {
  let body: string;
  if (gtin.length === 14) body = gtin.slice(1);
  else if (gtin.length === 13) body = gtin;
  else if (gtin.length === 12) body = `0${gtin}`;
  else return null;
  if (body.startsWith("2") || body.startsWith("02") || body.startsWith("04")) return "in_store";
  if (body.startsWith("05") || body.startsWith("99") || /^98[1-4]/.test(body)) return "coupon";
  return null;
}

/** Whether the catalog GTIN may be submitted as `gtin`: well formed and outside the in-store range. */
export function submittableGtin(gtin: string | null): boolean {
  return gtin !== null && gtinProblem(gtin) === null && gtinRange(gtin) === null;
}
