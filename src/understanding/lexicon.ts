import type { Product } from "../catalog/index.js";
import { singular, tokens } from "../language/index.js";

/**
 * Vocabulary taken from the catalog itself, so that understanding follows the store's own
 * products: every brand as the words a shopper says ("Elle & Vire" also as "elle et vire",
 * "Coca-Cola" as "coca cola", "1664" as digits whether said in words or not).
 */
export interface Lexicon {
  /** Brand phrases, as token sequences, to the catalog brand name. Longest first per first word. */
  brandPhrases: Map<string, { tokens: string[]; brand: string }[]>;
  /**
   * Word pairs of product names and brands that open with a size word ("petits pois", "petit
   * beurre", "grand cru"), as singular forms: there the size word is part of the name.
   */
  sizedNames: Set<string>;
}

const SIZE_WORDS = new Set([
  "petit",
  "petite",
  "grand",
  "grande",
  "gros",
  "grosse",
  "mini",
  "maxi",
  "big",
  "small",
  "little",
  "large",
]);

/** Key of a word pair for `sizedNames`. */
export function pairKey(a: string, b: string): string {
  return `${singular(a)} ${singular(b)}`;
}

export function buildLexicon(products: Iterable<Product>): Lexicon {
  const brandPhrases = new Map<string, { tokens: string[]; brand: string }[]>();
  const seen = new Set<string>();
  const addPhrase = (toks: string[], brand: string) => {
    if (toks.length === 0) return;
    const key = toks.join(" ");
    if (seen.has(key)) return;
    seen.add(key);
    const first = toks[0]!;
    const list = brandPhrases.get(first) ?? [];
    list.push({ tokens: toks, brand });
    list.sort((a, b) => b.tokens.length - a.tokens.length);
    brandPhrases.set(first, list);
  };
  const brands = new Set<string>();
  const sizedNames = new Set<string>();
  const names = new Set<string>();
  for (const p of products) {
    if (p.brand) brands.add(p.brand);
    names.add(p.name);
  }
  for (const text of [...names, ...brands]) {
    const toks = tokens(text);
    for (let i = 0; i + 1 < toks.length; i++) {
      if (SIZE_WORDS.has(singular(toks[i]!))) sizedNames.add(pairKey(toks[i]!, toks[i + 1]!));
    }
  }
  for (const brand of brands) {
    const toks = tokens(brand);
    addPhrase(toks, brand);
    const spoken = tokens(brand.replace(/&/g, " et "));
    addPhrase(spoken, brand);
    addPhrase(tokens(brand.replace(/&/g, " and ")), brand);
    // "Lay's", "Kellogg's": said without the possessive.
    if (toks.at(-1) === "s" && toks.length > 1) addPhrase(toks.slice(0, -1), brand);
    // "St Michel" is said "saint michel".
    if (toks[0] === "st") addPhrase(["saint", ...toks.slice(1)], brand);
  }
  return { brandPhrases, sizedNames };
}

/** Finds the longest brand phrase starting at token `i`. */
export function brandAt(lexicon: Lexicon, toks: string[], i: number): { brand: string; end: number } | null {
  const list = lexicon.brandPhrases.get(toks[i]!);
  if (!list) return null;
  for (const { tokens: phrase, brand } of list) {
    if (i + phrase.length > toks.length) continue;
    let ok = true;
    for (let k = 1; k < phrase.length; k++) {
      if (toks[i + k] !== phrase[k]) {
        ok = false;
        break;
      }
    }
    if (ok) return { brand, end: i + phrase.length };
  }
  return null;
}
