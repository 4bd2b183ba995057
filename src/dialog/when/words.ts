/**
 * Hour and minute words as spoken in slot phrases ("dix-huit heures trente", "half past six"),
 * rewritten as digits before the time grammar reads them. Only the numbers a clock needs.
 */

const FR: Record<string, number> = {
  zero: 0,
  une: 1,
  un: 1,
  deux: 2,
  trois: 3,
  quatre: 4,
  cinq: 5,
  six: 6,
  sept: 7,
  huit: 8,
  neuf: 9,
  dix: 10,
  onze: 11,
  douze: 12,
  treize: 13,
  quatorze: 14,
  quinze: 15,
  seize: 16,
  "dix sept": 17,
  "dix huit": 18,
  "dix neuf": 19,
  vingt: 20,
  "vingt et une": 21,
  "vingt et un": 21,
  "vingt deux": 22,
  "vingt trois": 23,
  trente: 30,
  quarante: 40,
  "quarante cinq": 45,
  cinquante: 50,
};

const EN: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  "forty five": 45,
  fifty: 50,
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

const TABLE = { ...FR, ...EN };
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
