/** Value formats of the Merchant Center specification, shared by the builders and the validator. */

/** "2.49 EUR": amount with a dot and two decimals, then the ISO 4217 currency. */
export function formatPrice(cents: number, currency: string): string {
  return `${(cents / 100).toFixed(2)} ${currency}`;
}

function trimNumber(n: number): string {
  return String(Math.round(n * 1000) / 1000);
}

/** A measure in Google's units: grams become "750 g" or "1.5 kg", millilitres "330 ml" or "6 l". */
export function formatMeasure(amount: number, unit: "g" | "ml" | "ct"): string {
  if (unit === "ct") return `${trimNumber(amount)} ct`;
  if (amount >= 1000) return `${trimNumber(amount / 1000)} ${unit === "g" ? "kg" : "l"}`;
  return `${trimNumber(amount)} ${unit}`;
}

// Dates carry the store's offset; the wall-clock arithmetic lives with the stores.
export { isoInZone } from "../stores/index.js";

// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/g;

/** Feed text: no control characters, whitespace collapsed (tabs and newlines would break TSV). */
export function cleanText(text: string): string {
  return text.replace(CONTROL_CHARS, " ").replace(/\s+/g, " ").trim();
}

/** Midnight UTC of `date`: open-ended dates start there, so a day's regenerations agree. */
export function startOfUtcDay(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 86_400_000) * 86_400_000);
}
