import { isNumberWord, lookupUnit, STOP_WORDS } from "../language/index.js";
import { brandAt, type Lexicon } from "./lexicon.js";

/**
 * Lists said without "et" or commas: a voice transcript of "lait oeufs pain" or "des pâtes du riz"
 * has no punctuation to split at. A segment is cut where a product word is followed — directly,
 * or after an article or a count ("du", "des", "deux") — by another product word that names a
 * different product, as the catalog tells (`separates`). Words the catalog reads together
 * ("lait entier", "coca zéro", "pizza 4 fromages", "sauce tomate Panzani") stay one item.
 */

/** Words that open a new item inside a bare list: partitive and indefinite articles. */
const OPENERS = new Set(["du", "des", "un", "une", "some"]);

export function splitBareList(
  seg: string[],
  lexicon: Lexicon,
  separates: (a: string, b: string) => boolean,
): string[][] {
  if (seg.length < 2) return [seg];
  // Positions of product words: not stop words, numbers, units, letters ("goat's" -> goat s),
  // nor inside a multi-word brand.
  const content = new Array<boolean>(seg.length).fill(false);
  for (let i = 0; i < seg.length; i++) {
    const brand = brandAt(lexicon, seg, i);
    if (brand && brand.end - i > 1) {
      i = brand.end - 1;
      continue;
    }
    const t = seg[i]!;
    content[i] =
      t.length > 1 && !STOP_WORDS.has(t) && !isNumberWord(t) && !/^\d/.test(t) && lookupUnit(t) === null;
  }
  const out: string[][] = [];
  let start = 0;
  for (let i = 1; i < seg.length; i++) {
    if (!content[i - 1]) continue;
    const t = seg[i]!;
    let next = -1;
    if (content[i]) next = i;
    else if (opensItem(seg, i)) {
      for (let j = i + 1; j < seg.length; j++) {
        if (content[j]) {
          next = j;
          break;
        }
      }
    }
    if (next < 0 || t === undefined) continue;
    if (separates(seg[i - 1]!, seg[next]!)) {
      out.push(seg.slice(start, i));
      start = i;
    }
  }
  out.push(seg.slice(start));
  return out;
}

function opensItem(seg: string[], i: number): boolean {
  const t = seg[i]!;
  if (OPENERS.has(t)) return true;
  if (t === "de" && (seg[i + 1] === "la" || seg[i + 1] === "l")) return true;
  return isNumberWord(t) && t !== "demi" && t !== "demie" && t !== "half";
}
