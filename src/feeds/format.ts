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

/**
 * ISO 8601 local time with the store's offset ("2026-03-01T00:00+0100"), the form the
 * specification shows for sale_price_effective_date and promotion dates.
 */
export function isoInZone(date: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      timeZoneName: "longOffset",
    })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(parts.timeZoneName ?? "");
  const offset = m ? `${m[1]}${m[2]}${m[3]}` : "+0000";
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}${offset}`;
}

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
