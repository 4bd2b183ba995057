import { lookupUnit, phraseLengthAt, readNumber, STOP_WORDS } from "../language/index.js";
import { brandAt, type Lexicon, pairKey } from "./lexicon.js";
import type { ItemMention, Measure } from "./types.js";
import { HABIT, NON_PRODUCT, SIZE_LARGE, SIZE_NOUNS, SIZE_SMALL } from "./words.js";

/**
 * Reads one item mention from the tokens of one segment ("deux litres de lait demi-écrémé",
 * "un pack de six bouteilles d'eau Cristaline", "un pot de Nutella de 750 grammes"): quantity,
 * container, pack size, size, brand, habit cues; what remains are the product words.
 *
 * A number counts things only before the product words begin, or when a unit follows it; a
 * number inside a name stays a product word ("pizza 4 fromages", "Isio 4", "taille 4").
 */
export function readMention(toks: string[], lexicon: Lexicon, language: "fr" | "en" = "fr"): ItemMention {
  const m: ItemMention = {
    text: toks.join(" "),
    words: [],
    brand: null,
    count: null,
    container: null,
    packSize: null,
    amount: null,
    size: null,
    sizeWord: null,
    habit: false,
    negated: false,
  };
  let productStarted = false;
  let i = 0;
  while (i < toks.length) {
    const t = toks[i]!;
    // Brands first: "Les 2 Vaches", "1664", "Elle et Vire", "Le Petit Marseillais".
    const brand = brandAt(lexicon, toks, i);
    if (brand && !(brand.end - i === 1 && STOP_WORDS.has(t))) {
      m.brand ??= brand.brand;
      for (let k = i; k < brand.end; k++) m.words.push(toks[k]!);
      productStarted = true;
      i = brand.end;
      continue;
    }
    const num = readNumber(toks, i);
    if (num && num.end > i) {
      const consumed = readQuantity(toks, i, num.value, num.end, m, productStarted, lexicon);
      if (consumed > i) {
        i = consumed;
        continue;
      }
      // A number inside a name is a product word, in digits as catalogs print it ("4 fromages").
      if (!/^(?:un|une|a|an)$/.test(t) && Number.isInteger(num.value)) {
        m.words.push(String(num.value));
        productStarted = true;
        i = num.end;
        continue;
      }
    }
    // Units without a number: "un pack de lait" has its number; "pack de 12 Kronenbourg".
    const unit = lookupUnit(t);
    if (unit && isContainerUse(toks, i, m.words.length > 0)) {
      if (unit.kind === "pack") {
        m.container ??= { kind: "pack", name: unit.container! };
        const after = skipOf(toks, i + 1);
        const n = readNumber(toks, after);
        if (n && isPackSize(n.value, toks, after, n.end, lexicon)) {
          m.packSize = n.value;
          i = skipContainer(toks, n.end, m);
          continue;
        }
        i++;
        continue;
      }
      if (unit.kind === "item" || unit.kind === "package" || unit.kind === "piece") {
        if (!m.container || m.container.kind === "pack") {
          if (m.container?.kind === "pack") m.container = { kind: "pack", name: unit.container ?? "piece" };
          else m.container = { kind: unit.kind, name: unit.container ?? "piece" };
        }
        i++;
        continue;
      }
    }
    if (SIZE_LARGE.has(t) || SIZE_SMALL.has(t)) {
      const next = toks[i + 1];
      const prev = toks[i - 1];
      // "un grand coca" asks for size; "des petits pois" names a product.
      const inName = next !== undefined && lexicon.sizedNames.has(pairKey(t, next));
      const sizeLike =
        (!inName && next !== undefined && /^(?:un|une|le|la|les|a|the|mon|ma)$/.test(prev ?? "")) ||
        next === undefined ||
        SIZE_NOUNS.has(next) ||
        (lookupUnit(next) !== null && !m.words.length) ||
        prev === "plus" ||
        STOP_WORDS.has(next) ||
        NON_PRODUCT.has(next);
      if (sizeLike) {
        m.sizeWord = SIZE_LARGE.has(t) ? "large" : "small";
        i += next !== undefined && SIZE_NOUNS.has(next) ? 2 : 1;
        continue;
      }
    }
    // "mets du lait" often reaches us as "mais du lait".
    if (i === 0 && t === "mais" && toks.length > 1 && /^(?:du|de|des|d|un|une|le|la|les)$/.test(toks[1]!)) {
      i++;
      continue;
    }
    if ((t === "twice" || t === "thrice") && m.count === null) {
      m.count = t === "twice" ? 2 : 3;
      i++;
      continue;
    }
    if (HABIT.has(t)) {
      m.habit = true;
      i++;
      continue;
    }
    if (t === "pas" || t === "without" || (t === "no" && i > 0)) {
      // "pas de lait" names something to leave out; "sans" stays a product word (sans lactose).
      if (toks[i + 1] === "de" || toks[i + 1] === "d" || t !== "pas") m.negated = true;
      i++;
      continue;
    }
    // A grocery phrase stays whole even when its first word alone names nothing ("stock cube").
    const phrase = NON_PRODUCT.has(t) ? phraseLengthAt(toks, i) : 0;
    if (phrase >= 2) {
      for (let k = i; k < i + phrase; k++) m.words.push(toks[k]!);
      productStarted = true;
      i += phrase;
      continue;
    }
    // In French, "the" is "thé".
    if (NON_PRODUCT.has(t) || (STOP_WORDS.has(t) && !(t === "the" && language === "fr"))) {
      i++;
      continue;
    }
    m.words.push(t);
    productStarted = true;
    i++;
  }
  return m;
}

/** "pack de 12": a count of items, not an article ("pack d'une ...") nor a brand ("pack de 1664"). */
function isPackSize(value: number, toks: string[], at: number, end: number, lexicon: Lexicon): boolean {
  if (!(value >= 2 && value <= 100) || /^(?:un|une|a|an)$/.test(toks[at] ?? "")) return false;
  return brandAt(lexicon, [String(value), ...toks.slice(end, end + 3)], 0) === null;
}

const CONTAINER_LEAD = new Set([
  "un",
  "une",
  "le",
  "la",
  "les",
  "des",
  "a",
  "an",
  "the",
  "mon",
  "ma",
  "mes",
  "my",
  "some",
  "ce",
  "cette",
  "this",
]);

/**
 * Whether a unit word without a number is used as one ("une brique de lait", "un pack d'eau",
 * "a roll of") rather than inside a product name ("kitchen roll", "papier toilette rouleaux").
 */
function isContainerUse(toks: string[], i: number, afterProductWords: boolean): boolean {
  const t = toks[i]!;
  const next = toks[i + 1];
  if (t === "can" && /^(?:you|i|we|u)$/.test(next ?? "")) return false;
  if (next === "de" || next === "d" || next === "of" || next === "du" || next === "des") return true;
  if (!afterProductWords)
    return i === 0 || CONTAINER_LEAD.has(toks[i - 1]!) || lookupUnit(toks[i - 1]!) !== null;
  return false;
}

function skipOf(toks: string[], i: number): number {
  return toks[i] === "de" || toks[i] === "d" || toks[i] === "of" ? i + 1 : i;
}

/** After "pack de 6", an item container may follow ("bouteilles", "canettes"): note it. */
function skipContainer(toks: string[], i: number, m: ItemMention): number {
  const unit = lookupUnit(toks[i] ?? "");
  if (unit && (unit.kind === "item" || unit.kind === "piece")) {
    m.container = { kind: "pack", name: unit.container ?? "piece" };
    return i + 1;
  }
  return i;
}

/**
 * Reads what a number at `i` means and returns the index after it, or `i` when the number is
 * a product word.
 */
function readQuantity(
  toks: string[],
  i: number,
  value: number,
  end: number,
  m: ItemMention,
  productStarted: boolean,
  lexicon: Lexicon,
): number {
  if (!Number.isFinite(value) || value < 0) return i;
  // Brands said as numbers ("seize cent soixante quatre" = 1664).
  const asBrand = brandAt(lexicon, [String(value), ...toks.slice(end, end + 3)], 0);
  if (asBrand && value >= 10 && !lookupUnit(toks[end] ?? "")) {
    m.brand ??= asBrand.brand;
    m.words.push(String(value));
    return end;
  }
  const unitTok = toks[end];
  const unit = unitTok ? lookupUnit(unitTok) : null;
  if (unit && (unit.kind === "mass" || unit.kind === "volume")) {
    let total = value * unit.factor!;
    let j = end + 1;
    // "un kilo et demi", "un litre et demi"
    if (toks[j] === "et" && (toks[j + 1] === "demi" || toks[j + 1] === "demie")) {
      total += 0.5 * unit.factor!;
      j += 2;
    } else if (unit.factor === 1000 && unit.kind === "mass") {
      // "un kilo deux cents (grammes)": kilos and grams said together.
      const grams = readNumber(toks, j);
      if (grams && grams.value >= 50 && grams.value < 1000 && !/^(?:un|une|a|an)$/.test(toks[j]!)) {
        const g = lookupUnit(toks[grams.end] ?? "");
        if (!g || (g.kind === "mass" && g.factor === 1)) {
          total += grams.value;
          j = g ? grams.end + 1 : grams.end;
        }
      } else if (
        grams &&
        Number.isInteger(grams.value) &&
        grams.value >= 1 &&
        grams.value <= 9 &&
        !/^(?:un|une|a|an)$/.test(toks[j]!) &&
        !lookupUnit(toks[grams.end] ?? "")
      ) {
        // "un kilo cinq" is 1.5 kg, "deux kilos deux" 2.2 kg.
        total += grams.value * 100 * (value >= 1 ? 1 : 0);
        j = grams.end;
      }
    }
    const measure: Measure = {
      unit: unit.kind === "mass" ? "g" : "ml",
      value: Math.round(total * 1000) / 1000,
    };
    // A measure after a container or count, or after the product words, is the size of one unit.
    const isSize =
      (m.count !== null || m.container !== null || productStarted) &&
      (toks[i - 1] === "de" ||
        toks[i - 1] === "d" ||
        toks[i - 1] === "of" ||
        productStarted ||
        m.container !== null);
    if (isSize && (m.count !== null || m.container !== null)) m.size = measure;
    else if (isSize && m.amount === null && productStarted) m.size = measure;
    else if (m.amount === null) m.amount = measure;
    else m.size = measure;
    return skipOf(toks, j);
  }
  if (unit && unit.kind === "pack") {
    const article = /^(?:un|une|a|an)$/.test(toks[i - 1] ?? "");
    // "a six pack" = one pack of six; "deux packs" = two packs.
    if (article && value >= 2 && value <= 48) {
      m.packSize = value;
      m.count ??= 1;
    } else m.count = value;
    m.container = { kind: "pack", name: unit.container! };
    const after = skipOf(toks, end + 1);
    const n = readNumber(toks, after);
    if (n && isPackSize(n.value, toks, after, n.end, lexicon)) {
      m.packSize = n.value;
      return skipContainer(toks, n.end, m);
    }
    return after;
  }
  if (unit && (unit.kind === "item" || unit.kind === "package" || unit.kind === "piece")) {
    if (unitTok === "can" && /^(?:you|i|we|u)$/.test(toks[end + 1] ?? "")) return i;
    if (m.container?.kind === "pack" && productStarted === false && m.count !== null) {
      // "un pack de six bouteilles"
      m.packSize = value;
      m.container = { kind: "pack", name: unit.container ?? "piece" };
    } else {
      m.count = value;
      m.container = { kind: unit.kind, name: unit.container ?? "piece" };
    }
    return skipOf(toks, end + 1);
  }
  if (unitTok === "fois" || unitTok === "times") {
    m.count = value;
    // "deux fois six oeufs": twice the box of six; a number with its own unit reads on its own.
    const next = readNumber(toks, end + 1);
    if (
      !productStarted &&
      next &&
      next.value >= 2 &&
      next.value <= 100 &&
      !lookupUnit(toks[next.end] ?? "")
    ) {
      m.packSize = next.value;
      return next.end;
    }
    return end + 1;
  }
  // "une boîte de 12 oeufs", "un paquet de 6 yaourts", "yaourts par 8": items per unit.
  const before = toks[i - 1];
  if (
    Number.isInteger(value) &&
    value >= 2 &&
    value <= 100 &&
    ((m.container !== null && !productStarted && (before === "de" || before === "d" || before === "of")) ||
      (productStarted && (before === "par" || before === "x" || before === "lot")))
  ) {
    m.packSize = value;
    return skipOf(toks, end);
  }
  // A bare number counts things only before the product words ("trois citrons").
  if (!productStarted && m.count === null) {
    m.count = value;
    return skipOf(toks, end);
  }
  // "un pack de six" after the product ("un pack de lait de six").
  if (m.container?.kind === "pack" && m.packSize === null && toks[i - 1] === "de") {
    m.packSize = value;
    return end;
  }
  return i;
}
