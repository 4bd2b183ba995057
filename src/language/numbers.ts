/**
 * Spoken numbers in French and English, read from normalised tokens (see `tokens()`): "deux",
 * "vingt et un", "quatre vingt dix", "deux cent cinquante", "une douzaine", "une demi douzaine",
 * "un demi", "deux et demi", "1.5", "a dozen", "half a dozen", "twenty one", "a couple".
 * Hyphenated forms arrive already split ("vingt-et-un" -> "vingt", "et", "un").
 */

const SMALL: Record<string, number> = {
  un: 1,
  une: 1,
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
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
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
};

const TENS: Record<string, number> = {
  vingt: 20,
  vingts: 20,
  trente: 30,
  quarante: 40,
  cinquante: 50,
  soixante: 60,
  septante: 70,
  huitante: 80,
  octante: 80,
  nonante: 90,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};

const HUNDRED = new Set(["cent", "cents", "hundred"]);
const THOUSAND = new Set(["mille", "thousand"]);
const DOZEN = new Set(["douzaine", "douzaines", "dozen", "dozens"]);
const HALF = new Set(["demi", "demie", "half"]);
const ARTICLE_ONE = new Set(["un", "une", "a", "an"]);
const COUPLE = new Set(["couple", "paire", "pair"]);

const DIGITS = /^\d+(?:\.\d+)?$/;

/**
 * Single cardinal words, French and English (units, teens and tens): the base tables above,
 * for readers of other kinds of numbers (clock times) that compose them their own way.
 */
export const CARDINAL_WORDS: Readonly<Record<string, number>> = { ...SMALL, ...TENS };

export interface NumberRead {
  value: number;
  /** Index just after the last token read. */
  end: number;
}

/** Whether a token can start a spoken number (articles count: "un kilo", "a dozen"). */
export function isNumberWord(token: string): boolean {
  return (
    token in SMALL ||
    token in TENS ||
    HUNDRED.has(token) ||
    THOUSAND.has(token) ||
    DOZEN.has(token) ||
    HALF.has(token) ||
    ARTICLE_ONE.has(token) ||
    DIGITS.test(token)
  );
}

function smallValue(token: string): number | null {
  if (token in SMALL) return SMALL[token]!;
  if (DIGITS.test(token)) {
    const n = Number(token);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

/** Reads a plain cardinal ("quatre vingt dix", "deux cent", "1.5", "twenty one") at `i`. */
function readCardinal(tokens: string[], i: number): NumberRead | null {
  let total = 0;
  let current = 0;
  let j = i;
  let any = false;
  let lastWasTens = false;
  // Bounded: a cardinal is at most a handful of words; long digit runs are one token.
  while (j < tokens.length && j - i < 8) {
    const t = tokens[j]!;
    const small = t === "a" || t === "an" ? null : smallValue(t);
    if (small !== null) {
      // "deux 3" is two numbers, not 23; only words add up.
      if (any && DIGITS.test(t)) break;
      // "dix sept", "soixante dix neuf", "quatre vingt dix neuf" add up; "deux trois" does not.
      if (any && !lastWasTens && current % 100 !== 0 && !(current % 10 === 0 && small < 10)) break;
      current += small;
      any = true;
      lastWasTens = false;
      j++;
      if (DIGITS.test(t)) break;
      continue;
    }
    if (t in TENS) {
      const v = TENS[t]!;
      // "quatre vingt" = 80: the 4 before multiplies.
      if ((t === "vingt" || t === "vingts") && current % 100 === 4 && any) current = current - 4 + 80;
      else if (any && current % 100 !== 0) break;
      else current += v;
      any = true;
      lastWasTens = true;
      j++;
      continue;
    }
    if (HUNDRED.has(t)) {
      current = (current % 100 || 1) * 100 + Math.floor(current / 100) * 100;
      any = true;
      lastWasTens = false;
      j++;
      continue;
    }
    if (THOUSAND.has(t)) {
      total += (current || 1) * 1000;
      current = 0;
      any = true;
      lastWasTens = false;
      j++;
      continue;
    }
    // "vingt et un", "soixante et onze": "et" joins tens and one/eleven only.
    if ((t === "et" || t === "and") && lastWasTens && j + 1 < tokens.length) {
      const next = tokens[j + 1]!;
      if (next === "un" || next === "une" || next === "onze") {
        j++;
        continue;
      }
    }
    break;
  }
  if (!any) return null;
  return { value: total + current, end: j };
}

/**
 * Reads a spoken or written number at token `i`, including dozens, halves and articles used as
 * "one". Returns null when no number starts there.
 */
export function readNumber(tokens: string[], i: number): NumberRead | null {
  const t = tokens[i];
  if (t === undefined) return null;
  // "half a dozen", "half a kilo"
  if (t === "half") {
    if (tokens[i + 1] === "a" || tokens[i + 1] === "an") {
      if (DOZEN.has(tokens[i + 2] ?? "")) return { value: 6, end: i + 3 };
      return { value: 0.5, end: i + 2 };
    }
    return { value: 0.5, end: i + 1 };
  }
  // "une demi douzaine", "un demi", "a half"
  if (ARTICLE_ONE.has(t) && HALF.has(tokens[i + 1] ?? "")) {
    if (DOZEN.has(tokens[i + 2] ?? "")) return { value: 6, end: i + 3 };
    return { value: 0.5, end: i + 2 };
  }
  if (HALF.has(t)) {
    if (DOZEN.has(tokens[i + 1] ?? "")) return { value: 6, end: i + 2 };
    return { value: 0.5, end: i + 1 };
  }
  // "une douzaine", "a dozen", "a couple of"
  if (ARTICLE_ONE.has(t) && DOZEN.has(tokens[i + 1] ?? "")) return { value: 12, end: i + 2 };
  if (ARTICLE_ONE.has(t) && COUPLE.has(tokens[i + 1] ?? "")) return withOf(tokens, { value: 2, end: i + 2 });
  if (ARTICLE_ONE.has(t) && !(tokens[i + 1] && isCardinalStart(tokens[i + 1]!))) {
    return withHalf(tokens, { value: 1, end: i + 1 });
  }
  if (ARTICLE_ONE.has(t) && (t === "a" || t === "an")) {
    // "a six pack": the article is not part of the number.
    return null;
  }
  const card = readCardinal(tokens, i);
  if (!card) return null;
  if (DOZEN.has(tokens[card.end] ?? "")) return { value: card.value * 12, end: card.end + 1 };
  return withHalf(tokens, card);
}

function isCardinalStart(token: string): boolean {
  return token in SMALL || token in TENS || DIGITS.test(token) || HUNDRED.has(token);
}

/** "deux et demi" -> 2.5; "two and a half" -> 2.5. */
function withHalf(tokens: string[], read: NumberRead): NumberRead {
  const a = tokens[read.end];
  const b = tokens[read.end + 1];
  if (a === "et" && (b === "demi" || b === "demie")) return { value: read.value + 0.5, end: read.end + 2 };
  if (a === "and" && b === "a" && tokens[read.end + 2] === "half") {
    return { value: read.value + 0.5, end: read.end + 3 };
  }
  return read;
}

function withOf(tokens: string[], read: NumberRead): NumberRead {
  return tokens[read.end] === "of" || tokens[read.end] === "de" ? { ...read, end: read.end + 1 } : read;
}

/** Parses a whole phrase as a number ("quatre-vingt-dix" -> 90), or null. */
export function parseNumberWords(tokens: string[]): number | null {
  const r = readNumber(tokens, 0);
  return r && r.end === tokens.length ? r.value : null;
}
