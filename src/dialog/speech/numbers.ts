/**
 * Numbers to words for speech, French and English. Voice platforms disagree on how they read
 * "2,49 €" (Alexa has no currency say-as), so prices and quantities are spoken as words we
 * write ourselves. The reverse direction (words -> numbers) lives in src/language.
 */

export type Lang = "fr" | "en";

export function langOf(locale: string | undefined): Lang {
  return locale?.toLowerCase().startsWith("en") ? "en" : "fr";
}

const FR_UNITS = [
  "zéro",
  "un",
  "deux",
  "trois",
  "quatre",
  "cinq",
  "six",
  "sept",
  "huit",
  "neuf",
  "dix",
  "onze",
  "douze",
  "treize",
  "quatorze",
  "quinze",
  "seize",
];
const FR_TENS = ["", "dix", "vingt", "trente", "quarante", "cinquante", "soixante"];

function frBelow100(n: number): string {
  if (n <= 16) return FR_UNITS[n] ?? "";
  if (n < 20) return `dix-${FR_UNITS[n - 10]}`;
  if (n < 70) {
    const t = Math.floor(n / 10);
    const u = n % 10;
    if (u === 0) return FR_TENS[t] ?? "";
    if (u === 1) return `${FR_TENS[t]} et un`;
    return `${FR_TENS[t]}-${FR_UNITS[u]}`;
  }
  if (n < 80) return n === 71 ? "soixante et onze" : `soixante-${frBelow100(n - 60)}`;
  if (n === 80) return "quatre-vingts";
  return `quatre-vingt-${frBelow100(n - 80)}`;
}

function frBelow1000(n: number): string {
  const h = Math.floor(n / 100);
  const rest = n % 100;
  if (h === 0) return frBelow100(rest);
  const hundreds = h === 1 ? "cent" : `${FR_UNITS[h]} cent${rest === 0 ? "s" : ""}`;
  return rest === 0 ? hundreds : `${hundreds} ${frBelow100(rest)}`;
}

/** "deux cent quatre-vingts", "mille deux cents", "vingt et un". */
export function frenchCardinal(n: number): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`Cannot say ${n}`);
  if (n < 1000) return frBelow1000(n);
  if (n < 1_000_000) {
    const th = Math.floor(n / 1000);
    const rest = n % 1000;
    // "quatre-vingt mille", "deux cent mille": no plural s before mille.
    const head = th === 1 ? "mille" : `${frBelow1000(th).replace(/(vingt|cent)s$/, "$1")} mille`;
    return rest === 0 ? head : `${head} ${frBelow1000(rest)}`;
  }
  const m = Math.floor(n / 1_000_000);
  const rest = n % 1_000_000;
  const head = `${frenchCardinal(m)} million${m > 1 ? "s" : ""}`;
  return rest === 0 ? head : `${head} ${frenchCardinal(rest)}`;
}

const EN_UNITS = [
  "zero",
  "one",
  "two",
  "three",
  "four",
  "five",
  "six",
  "seven",
  "eight",
  "nine",
  "ten",
  "eleven",
  "twelve",
  "thirteen",
  "fourteen",
  "fifteen",
  "sixteen",
  "seventeen",
  "eighteen",
  "nineteen",
];
const EN_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

function enBelow1000(n: number): string {
  const h = Math.floor(n / 100);
  const rest = n % 100;
  const tail =
    rest < 20
      ? (EN_UNITS[rest] ?? "")
      : `${EN_TENS[Math.floor(rest / 10)]}${rest % 10 ? `-${EN_UNITS[rest % 10]}` : ""}`;
  if (h === 0) return tail;
  return rest === 0 ? `${EN_UNITS[h]} hundred` : `${EN_UNITS[h]} hundred and ${tail}`;
}

/** "two hundred and forty-nine", "one thousand and five". */
export function englishCardinal(n: number): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`Cannot say ${n}`);
  if (n < 1000) return enBelow1000(n);
  if (n < 1_000_000) {
    const th = Math.floor(n / 1000);
    const rest = n % 1000;
    const head = `${enBelow1000(th)} thousand`;
    if (rest === 0) return head;
    return rest < 100 ? `${head} and ${enBelow1000(rest)}` : `${head} ${enBelow1000(rest)}`;
  }
  const m = Math.floor(n / 1_000_000);
  const rest = n % 1_000_000;
  const head = `${englishCardinal(m)} million`;
  return rest === 0 ? head : `${head} ${englishCardinal(rest)}`;
}

export function cardinal(n: number, lang: Lang): string {
  return lang === "fr" ? frenchCardinal(n) : englishCardinal(n);
}

const EN_ORDINALS = [
  "zeroth",
  "first",
  "second",
  "third",
  "fourth",
  "fifth",
  "sixth",
  "seventh",
  "eighth",
  "ninth",
  "tenth",
];

/** "premier", "deuxième", "vingt et unième"; "first", "second", "twenty-first". */
export function ordinal(n: number, lang: Lang, feminine = false): string {
  if (lang === "fr") {
    if (n === 1) return feminine ? "première" : "premier";
    const c = frenchCardinal(n);
    return `${c
      .replace(/(cent|vingt)s$/, "$1")
      .replace(/e$/, "")
      .replace(/q$/, "qu")
      .replace(/f$/, "v")}ième`.replace(/cinqième$/, "cinquième");
  }
  if (n <= 10) return EN_ORDINALS[n] ?? String(n);
  const c = englishCardinal(n);
  const last = c.split(/[\s-]/).pop() ?? "";
  const map: Record<string, string> = {
    one: "first",
    two: "second",
    three: "third",
    five: "fifth",
    eight: "eighth",
    nine: "ninth",
    twelve: "twelfth",
  };
  const replaced = map[last] ?? (last.endsWith("y") ? `${last.slice(0, -1)}ieth` : `${last}th`);
  return c.slice(0, c.length - last.length) + replaced;
}
