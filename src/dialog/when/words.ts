/**
 * Hour and minute words as spoken in slot phrases ("dix-huit heures trente", "half past six"),
 * rewritten as digits before the time grammar reads them. Only the numbers a clock needs.
 */

import { CARDINAL_WORDS } from "../../language/index.js";

// Single words come from the language tables, keeping only what a clock says (up to 50 minutes;
// "vingts" is no clock word). Compounds are listed here because this reader rewrites text by
// pattern rather than reading tokens: "dix sept" must become 17 before "dix" becomes 10.
const SINGLE = Object.fromEntries(
  Object.entries(CARDINAL_WORDS).filter(([w, n]) => n <= 50 && w !== "vingts"),
);

const COMPOUND: Record<string, number> = {
  zero: 0,
  "dix sept": 17,
  "dix huit": 18,
  "dix neuf": 19,
  "vingt et une": 21,
  "vingt et un": 21,
  "vingt deux": 22,
  "vingt trois": 23,
  "quarante cinq": 45,
  "forty five": 45,
};

function alternation(words: string[]): string {
  return words
    .sort((a, b) => b.length - a.length)
    .map((w) => w.replace(/ /g, "\\s+"))
    .join("|");
}

// "un"/"une"/"one" are articles far more often than hours: only read as numbers next to a clock word.
const AMBIGUOUS = new Set(["un", "une", "one"]);
const CLOCK_AFTER = String.raw`(?=\s+(?:h\b|heures?\b|o'?clock\b|am\b|pm\b))`;

const TABLE: Record<string, number> = { ...SINGLE, ...COMPOUND };
const PLAIN = new RegExp(
  String.raw`\b(${alternation(Object.keys(TABLE).filter((w) => !AMBIGUOUS.has(w)))})\b`,
  "g",
);
const GUARDED = new RegExp(String.raw`\b(${alternation([...AMBIGUOUS])})\b${CLOCK_AFTER}`, "g");

/** Folded text with hyphens as spaces -> the same text with clock number words as digits. */
export function clockWordsToDigits(text: string): string {
  return text
    .replace(PLAIN, (w) => String(TABLE[w.replace(/\s+/g, " ")] ?? w))
    .replace(GUARDED, (w) => String(TABLE[w] ?? w))
    .replace(/\b(20) (\d)\b/g, (_m, t, u) => String(Number(t) + Number(u)))
    .replace(/\b([345]0) ([1-9])\b/g, (_m, t, u) => String(Number(t) + Number(u)))
    .replace(/\bhalf past (\d{1,2})\b/g, "$1:30")
    .replace(/\b(?:a )?quarter past (\d{1,2})\b/g, "$1:15")
    .replace(/\b(?:a )?quarter to (\d{1,2})\b/g, (_m, h) => `${(Number(h) + 23) % 24}:45`);
}
