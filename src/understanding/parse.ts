import { fold, isNumberWord, normalize, splitGluedMeasure } from "../language/index.js";
import { splitBareList } from "./list.js";
import { detectIntent, IMPLICIT_ADD } from "./intent.js";
import type { Lexicon } from "./lexicon.js";
import { brandAt } from "./lexicon.js";
import { readMention } from "./mention.js";
import type { Intent, ItemMention, Understanding } from "./types.js";
import { PRODUCT_INTENTS } from "./types.js";
import { ITEM_START } from "./words.js";

/** Longest utterance read, in characters: a spoken request is far shorter. */
export const MAX_UTTERANCE_CHARS = 1000;
const MAX_TOKENS = 120;
const SEP = "xsepx";
/** An explicit request to add, at the start of the utterance (after fillers). */
const ADD_REQUEST =
  /^(?:(?:euh|alors|bon|oui|et|s il te plait|s il vous plait|please) )*(?:ajoute|ajouter|ajoutez|rajoute|rajouter|rajoutez|mets|met|mettez|remets|prends|prenez|achete|add|put|get|buy|grab|je voudrais|je veux|j aimerais|il me faut|i d like|i want|i need)(?: |$)/;

const ENGLISH_HINTS = new Set([
  "add",
  "the",
  "please",
  "some",
  "my",
  "i",
  "of",
  "and",
  "remove",
  "what",
  "put",
  "want",
  "need",
  "basket",
  "cart",
  "milk",
  "eggs",
  "yes",
  "no",
]);

/** Tokens of an utterance with list separators kept as a marker. */
function utteranceTokens(text: string): string[] {
  const marked = fold(text.slice(0, MAX_UTTERANCE_CHARS))
    // "1/2 kilo", "3/4 de litre": fractions as decimals.
    .replace(/(\d+)\s*\/\s*(\d+)/g, (_, a: string, b: string) =>
      Number(b) ? String(Number(a) / Number(b)) : a,
    )
    .replace(/(?<!\d),|,(?!\d)|;|\s\+\s/g, ` ${SEP} `);
  const out: string[] = [];
  for (const raw of normalize(marked).split(/[\s-]+/)) {
    if (!raw) continue;
    const glued = splitGluedMeasure(raw);
    if (glued) out.push(glued[0], glued[1]);
    else out.push(raw);
    if (out.length >= MAX_TOKENS) break;
  }
  return out;
}

/** Splits tokens into item segments at commas and at "et"/"and"/"plus"/"ainsi que" before a new item. */
function segments(toks: string[], lexicon: Lexicon, language: "fr" | "en" = "fr"): string[][] {
  const out: string[][] = [];
  let cur: string[] = [];
  let i = 0;
  while (i < toks.length) {
    const t = toks[i]!;
    const brand = brandAt(lexicon, toks, i);
    if (brand && brand.end - i > 1) {
      cur.push(...toks.slice(i, brand.end));
      i = brand.end;
      continue;
    }
    if (t === SEP) {
      if (cur.length) out.push(cur);
      cur = [];
      i++;
      continue;
    }
    const next = toks[i + 1] ?? "";
    const joiner =
      t === "et" ||
      t === "and" ||
      t === "puis" ||
      t === "then" ||
      t === "also" ||
      (t === "plus" && cur.length > 0 && !["n", "ne", "y", "a", "de"].includes(toks[i - 1] ?? "")) ||
      (t === "ainsi" && (next === "que" || next === "qu")) ||
      (t === "as" && next === "well");
    if (joiner && cur.length > 0) {
      const skip = t === "ainsi" || t === "as" ? 2 : 1;
      const after = toks[i + skip] ?? "";
      // English lists often drop articles ("butter and jam"); French ones keep them.
      const startsItem =
        ITEM_START.has(after) ||
        (isNumberWord(after) && after !== "demi" && after !== "demie" && after !== "half") ||
        (language === "en" && t !== "et" && after !== "a" && after !== "" && !/^\d/.test(after));
      if (startsItem) {
        out.push(cur);
        cur = [];
        i += skip;
        continue;
      }
    }
    cur.push(t);
    i++;
  }
  if (cur.length) out.push(cur);
  return out;
}

function maskBrands(toks: string[], lexicon: Lexicon): string[] {
  const out = toks.slice();
  for (let i = 0; i < out.length; i++) {
    const b = brandAt(lexicon, toks, i);
    if (b && b.end - i > 1) {
      for (let k = i; k < b.end; k++) out[k] = "marque";
      i = b.end - 1;
    }
  }
  return out;
}

function guessLanguage(toks: string[], locale: string | undefined): "fr" | "en" {
  if (locale?.toLowerCase().startsWith("en")) return "en";
  if (locale?.toLowerCase().startsWith("fr")) return "fr";
  return toks.some((t) => ENGLISH_HINTS.has(t)) ? "en" : "fr";
}

export interface ParseOptions {
  locale?: string;
  /** Called with the language read (from the locale, else guessed) before products are checked. */
  onLanguage?: (language: "fr" | "en") => void;
  /**
   * Whether two words name different products ("lait" and "oeufs"): then a list said without
   * articles or "et" ("lait oeufs pain") is several items. The resolver answers from the catalog.
   */
  separates?: (a: string, b: string) => boolean;
}

/**
 * One utterance -> intent and item mentions. `hasProduct(mention)` tells whether the catalog
 * knows what a mention names (the resolver answers it), so that "quel temps fait-il" is `other`
 * and "du lait" is `add_to_cart`.
 */
export function parseUtterance(
  text: string,
  lexicon: Lexicon,
  hasProduct: (m: ItemMention) => boolean,
  opts: ParseOptions = {},
): Understanding {
  const toks = utteranceTokens(typeof text === "string" ? text : "");
  const plain = toks.filter((t) => t !== SEP);
  const language = guessLanguage(plain, opts.locale);
  opts.onLanguage?.(language);
  // Brand names are no verbs: "Elle et Vire" must not read as "vire" (remove).
  const joined = maskBrands(plain, lexicon).join(" ");
  const ruled = plain.length === 0 ? "other" : detectIntent(joined, plain.length);
  const habitUtterance =
    /(?:^| )(?:comme d habitude|comme d hab|comme toujours|as usual|the usual|my usual)(?: |$)/.test(joined);
  let intent: Intent = ruled ?? "add_to_cart";
  const implicit = IMPLICIT_ADD.test(joined);
  let items: ItemMention[] = [];
  let mentions: ItemMention[] = [];
  if (PRODUCT_INTENTS.has(intent)) {
    const separates = opts.separates;
    mentions = segments(toks, lexicon, language)
      .flatMap((seg) => (separates ? splitBareList(seg, lexicon, separates) : [seg]))
      .map((seg) => readMention(seg, lexicon, language));
    items = mentions.filter((m) => m.words.length > 0 && hasProduct(m));
    if (habitUtterance) for (const m of items) m.habit = true;
  }
  if (ruled === null && items.length === 0) {
    // "ajoute des clémentines" asks to add even when the store has none (the dialog says so).
    intent = habitUtterance ? "reorder" : ADD_REQUEST.test(joined) || implicit ? "add_to_cart" : "other";
  }
  if (ruled === null && items.length > 0 && items.every((m) => m.negated) && !implicit) {
    intent = "remove_from_cart";
  }
  let quantity: number | null = null;
  if (intent === "set_quantity") {
    const numbers = segments(toks, lexicon).map((seg) => readMention(seg, lexicon, language).count);
    quantity = numbers.find((n) => n !== null) ?? null;
  }
  const unknown = mentions.filter((m) => m.words.length > 0 && !items.includes(m));
  return { intent, items, language, quantity, habit: habitUtterance, unknown };
}
