/** GTIN-8, -12, -13 and -14 (EAN/UPC) validation with the GS1 mod-10 check digit. */

export const GTIN_LENGTHS = [8, 12, 13, 14] as const;

export function gtinCheckDigit(body: string): number {
  let sum = 0;
  // Weights alternate 3,1,3... starting from the digit next to the check digit.
  for (let i = body.length - 1, w = 3; i >= 0; i--, w = w === 3 ? 1 : 3) sum += Number(body[i]) * w;
  return (10 - (sum % 10)) % 10;
}

export type GtinProblem = "not_digits" | "bad_length" | "bad_check_digit";

export function gtinProblem(gtin: string): GtinProblem | null {
  if (!/^\d+$/.test(gtin)) return "not_digits";
  if (!(GTIN_LENGTHS as readonly number[]).includes(gtin.length)) return "bad_length";
  const expected = gtinCheckDigit(gtin.slice(0, -1));
  return Number(gtin[gtin.length - 1]) === expected ? null : "bad_check_digit";
}

export function isValidGtin(gtin: string): boolean {
  return gtinProblem(gtin) === null;
}

/** The GTIN-14 form (left-padded with zeros), to compare codes given at different lengths. */
export function toGtin14(gtin: string): string {
  return gtin.padStart(14, "0");
}

/** Appends the check digit to a body of 7, 11, 12 or 13 digits (used by generators and tests). */
export function withCheckDigit(body: string): string {
  return body + String(gtinCheckDigit(body));
}
