import { fold, tokens } from "../language/index.js";
import type { ProductOption } from "./state.js";

/**
 * How a shopper answers a question the dialog asked: which of the spoken options ("le
 * deuxième", "Candia", "le bio", "le moins cher"), none of them ("aucun"), yes or no. This
 * reads an answer against the options on the table; the understanding engine reads requests.
 */

const ORDINALS: [RegExp, number][] = [
  [/\b(premier|premiere|1er|1ere|first|1st)\b/, 1],
  [/\b(deuxieme|second|seconde|2e|2eme|2nd)\b/, 2],
  [/\b(troisieme|third|3e|3eme|3rd)\b/, 3],
  [/\b(quatrieme|fourth|4e|4th)\b/, 4],
  [/\b(numero|number|option|n) ?(\d)\b/, -1],
  [/^(le |la |the )?(\d)$/, -2],
  [/^(le |la |l |the )?(un|une|one)$/, 1],
  [/^(le |la |the )?(deux|two)$/, 2],
  [/^(le |la |the )?(trois|three)$/, 3],
];

const NONE =
  /\b(aucun|aucune|ni l un ni l autre|rien|laisse tomber|pas celui|aucun des|none|neither|nothing|forget it|never mind|no thanks|non merci)\b/;
const YES =
  /^(oui|ouais|ouai|si|yes|yeah|yep|yup|sure|ok|okay|d accord|dac|vas y|allez y|go|go ahead|parfait|exactement|tout a fait|bien sur|c est bon|je confirme|confirme|confirmer|valide|je valide|valider|please do|do it|correct|that s right|absolutely|of course|confirm)\b/;
const NO =
  /^(non|no|nope|nan|pas maintenant|pas encore|attends|attendez|not now|not yet|wait|stop|cancel|annule|don t|do not)\b/;

function clean(text: string): string {
  return fold(text)
    .replace(/[^\p{L}\p{N}\s]/gu, " ")
    .replace(/\b(euh|heu|hum|bah|ben|alors|well|um|uh|s il (te|vous) plait|please|merci|thanks)\b/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

export function isYes(text: string): boolean {
  const t = clean(text);
  return YES.test(t) && !/\b(pas|not|don t)\b/.test(t);
}

export function isNo(text: string): boolean {
  return NO.test(clean(text));
}

export function isNone(text: string): boolean {
  return NONE.test(clean(text));
}

/** A 1-based position said as an ordinal or a number, or "le dernier"/"the last one". */
export function ordinalAnswer(text: string, count: number): number | null {
  const t = clean(text);
  if (/\b(dernier|derniere|last)\b/.test(t)) return count;
  for (const [re, n] of ORDINALS) {
    const m = re.exec(t);
    if (!m) continue;
    const value = n === -1 ? Number(m[2]) : n === -2 ? Number(m[2]) : n;
    if (value >= 1 && value <= count) return value;
  }
  return null;
}

/**
 * Which product option the answer picks: by position, price ("le moins cher"), or the words
 * that tell the options apart (a brand, "bio", a size). Null when it does not pick exactly one.
 */
export function pickProductOption(text: string, options: ProductOption[]): number | null {
  const pos = ordinalAnswer(text, options.length);
  if (pos !== null) return pos - 1;
  const t = clean(text);
  if (/\b(moins cher|moins chere|cheapest|cheaper|least expensive|pas cher)\b/.test(t)) {
    return indexOfBest(options, (a, b) => a.priceCents - b.priceCents);
  }
  if (/\b(plus cher|plus chere|most expensive|dearest)\b/.test(t)) {
    return indexOfBest(options, (a, b) => b.priceCents - a.priceCents);
  }
  const said = new Set(tokens(t));
  // Words that appear in some options and not in all of them are what can tell them apart.
  const words = options.map((o) => new Set(tokens(`${o.name} ${o.brand ?? ""} ${o.labels.join(" ")}`)));
  const scores = words.map((ws) => {
    let score = 0;
    for (const w of ws) {
      if (w.length < 2 || !said.has(w)) continue;
      const shared = words.filter((other) => other.has(w)).length;
      if (shared < options.length) score += 1;
    }
    return score;
  });
  const best = Math.max(...scores);
  if (best <= 0) return null;
  // Several fit ("le bio" with two organic options): the best ranked of them, as the options
  // are read out best first.
  return scores.indexOf(best);
}

function indexOfBest(options: ProductOption[], cmp: (a: ProductOption, b: ProductOption) => number): number {
  let best = 0;
  for (let i = 1; i < options.length; i++) if (cmp(options[i]!, options[best]!) < 0) best = i;
  return best;
}
