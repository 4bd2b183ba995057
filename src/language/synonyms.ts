// Grocery vocabulary bridges: matching query words against the English and French bridge phrases.
import { stem } from "./stem.js";
import { ENGLISH_PHRASES, ENGLISH_WORDS } from "./synonyms-english.js";
import { FRENCH_PHRASES, FRENCH_WORDS } from "./synonyms-french.js";

/**
 * Grocery vocabulary bridges, applied to query words before they meet the French catalog.
 *
 * `PHRASES` rewrite multi-word expressions (English names of French products, French idioms)
 * into catalog words; `WORDS` map one word to catalog words. Both are about the language of
 * groceries, not about any one catalog: the catalog's own words (names, brands, categories,
 * labels) are indexed directly.
 */

const PHRASES: [string, string][] = [...ENGLISH_PHRASES, ...FRENCH_PHRASES];

const WORDS: Record<string, string> = { ...ENGLISH_WORDS, ...FRENCH_WORDS };

function stemPhrase(phrase: string): string[] {
  return phrase.split(" ").filter(Boolean).map(stem);
}

/** Phrase rewrites as stemmed token sequences, longest first. */
const STEMMED_PHRASES: { from: string[]; to: string[] }[] = PHRASES.map(([from, to]) => ({
  from: stemPhrase(from),
  to: stemPhrase(to),
})).sort((a, b) => b.from.length - a.from.length);

const STEMMED_WORDS = new Map<string, string[]>();
for (const [from, to] of Object.entries(WORDS)) {
  if (from.endsWith("_")) continue;
  STEMMED_WORDS.set(stem(from), stemPhrase(to));
}

/**
 * Rewrites stemmed query tokens into catalog words: English names, French idioms. Tokens that
 * the catalog itself knows (`known`) are left alone unless a multi-word phrase claims them.
 */
export function bridgeVocabulary(stems: string[], known?: (t: string) => boolean): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < stems.length) {
    let done = false;
    for (const p of STEMMED_PHRASES) {
      if (p.from.length < 2 && known?.(stems[i]!)) continue;
      if (i + p.from.length > stems.length) continue;
      let ok = true;
      for (let k = 0; k < p.from.length; k++) {
        if (stems[i + k] !== p.from[k]) {
          ok = false;
          break;
        }
      }
      if (ok) {
        out.push(...p.to);
        i += p.from.length;
        done = true;
        break;
      }
    }
    if (done) continue;
    const t = stems[i]!;
    const w = STEMMED_WORDS.get(t);
    // A word the catalog itself uses keeps its own meaning ("chips", "orange").
    if (w && !known?.(t)) out.push(...w);
    else out.push(t);
    i++;
  }
  return out.filter(Boolean);
}

/** Phrases of two words or more, by their first stemmed word. */
const LONG_PHRASES = new Map<string, string[][]>();
for (const p of STEMMED_PHRASES) {
  if (p.from.length < 2) continue;
  const list = LONG_PHRASES.get(p.from[0]!) ?? [];
  list.push(p.from);
  LONG_PHRASES.set(p.from[0]!, list);
}

/**
 * Length of the grocery phrase (two words or more) that starts at `words[i]`, or 0: lets readers
 * keep "stock cube" whole where "stock" alone is no product word ("en stock").
 */
export function phraseLengthAt(words: readonly string[], i: number): number {
  const list = LONG_PHRASES.get(stem(words[i] ?? ""));
  if (!list) return 0;
  for (const from of list) {
    if (i + from.length > words.length) continue;
    let ok = true;
    for (let k = 1; k < from.length; k++) {
      if (stem(words[i + k]!) !== from[k]) {
        ok = false;
        break;
      }
    }
    if (ok) return from.length;
  }
  return 0;
}
