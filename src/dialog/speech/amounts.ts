import { cardinal, type Lang } from "./numbers.js";

/**
 * Money, weights and counts, each as screen text ("2,49 €", "1,5 kg") and as words for speech
 * ("deux euros quarante-neuf", "un kilo et demi"). Money is in integer cents, weights in grams.
 */

export function priceText(cents: number, lang: Lang): string {
  const abs = Math.abs(cents);
  const euros = Math.floor(abs / 100);
  const c = String(abs % 100).padStart(2, "0");
  const sign = cents < 0 ? "-" : "";
  if (lang === "fr") return `${sign}${groupThousands(euros, "\u202f")},${c} €`;
  return `${sign}€${groupThousands(euros, ",")}.${c}`;
}

function groupThousands(n: number, sep: string): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, sep);
}

/** "deux euros quarante-neuf", "un euro", "quatre-vingt-dix-neuf centimes"; "two euros forty-nine". */
export function priceWords(cents: number, lang: Lang): string {
  const abs = Math.abs(cents);
  const euros = Math.floor(abs / 100);
  const c = abs % 100;
  const minus = cents < 0 ? (lang === "fr" ? "moins " : "minus ") : "";
  if (lang === "fr") {
    if (euros === 0) return `${minus}${cardinal(c, "fr")} centime${c > 1 ? "s" : ""}`;
    const e = `${cardinal(euros, "fr")} euro${euros > 1 ? "s" : ""}`;
    return minus + (c === 0 ? e : `${e} ${cardinal(c, "fr")}`);
  }
  if (euros === 0) return `${minus}${cardinal(c, "en")} cent${c === 1 ? "" : "s"}`;
  const e = `${cardinal(euros, "en")} euro${euros === 1 ? "" : "s"}`;
  return minus + (c === 0 ? e : `${e} ${cardinal(c, "en")}`);
}

/** "1,5 kg", "500 g"; "1.5 kg". */
export function weightText(grams: number, lang: Lang): string {
  if (grams < 1000) return `${Math.round(grams)} g`;
  const kg = Math.round(grams / 10) / 100;
  const s = String(kg);
  return `${lang === "fr" ? s.replace(".", ",") : s} kg`;
}

/** "un kilo et demi", "cinq cents grammes", "deux kilos deux cent cinquante"; "one and a half kilos". */
export function weightWords(grams: number, lang: Lang): string {
  const g = Math.round(grams);
  const kilos = Math.floor(g / 1000);
  const rest = g % 1000;
  if (lang === "fr") {
    if (kilos === 0) return `${cardinal(rest, "fr")} gramme${rest > 1 ? "s" : ""}`;
    const k = `${cardinal(kilos, "fr")} kilo${kilos > 1 ? "s" : ""}`;
    if (rest === 0) return k;
    if (rest === 500) return `${k} et demi`;
    if (kilos === 0 && rest === 250) return "un quart de kilo";
    return `${k} ${cardinal(rest, "fr")}`;
  }
  if (kilos === 0) {
    if (rest === 500) return "half a kilo";
    return `${cardinal(rest, "en")} gram${rest === 1 ? "" : "s"}`;
  }
  if (rest === 0) return `${cardinal(kilos, "en")} kilo${kilos === 1 ? "" : "s"}`;
  if (rest === 500) return kilos === 1 ? "one and a half kilos" : `${cardinal(kilos, "en")} and a half kilos`;
  return `${cardinal(kilos, "en")} kilo${kilos === 1 ? "" : "s"} ${cardinal(rest, "en")} grams`;
}

/** A count for text and speech alike: words up to twenty, digits beyond. */
export function countWords(n: number, lang: Lang): string {
  return cardinal(n, lang);
}

const UNIT_WORDS: Record<Lang, Record<string, [string, string]>> = {
  fr: {
    l: ["litre", "litres"],
    cl: ["centilitre", "centilitres"],
    ml: ["millilitre", "millilitres"],
    g: ["gramme", "grammes"],
    kg: ["kilo", "kilos"],
  },
  en: {
    l: ["litre", "litres"],
    cl: ["centilitre", "centilitres"],
    ml: ["millilitre", "millilitres"],
    g: ["gram", "grams"],
    kg: ["kilo", "kilos"],
  },
};

/**
 * A product name as it should be heard: "Lait demi-écrémé Lactel 6 x 1 L" -> "... six fois un litre".
 * Numbers glued to units are what synthesizers most often misread.
 */
export function spokenName(name: string, lang: Lang): string {
  return name
    .replace(
      /(\d+)\s*[x×]\s*(?=\d)/gi,
      (_m, n) => `${cardinal(Number(n), lang)} ${lang === "fr" ? "fois" : "by"} `,
    )
    .replace(/(\d+)(?:[,.](\d+))?\s*(kg|cl|ml|g|l)\b/gi, (_m, whole, dec, unit) => {
      const u = UNIT_WORDS[lang][String(unit).toLowerCase()];
      if (!u) return _m;
      const n = Number(whole);
      if (dec === "5") {
        if (n === 0) return lang === "fr" ? `un demi-${u[0]}` : `half a ${u[0]}`;
        return lang === "fr"
          ? `${cardinal(n, lang)} ${n > 1 ? u[1] : u[0]} et demi`
          : `${cardinal(n, lang)} and a half ${u[1]}`;
      }
      if (dec)
        return `${cardinal(n, lang)} ${lang === "fr" ? "virgule" : "point"} ${cardinal(Number(dec), lang)} ${u[1]}`;
      return `${cardinal(n, lang)} ${n > 1 ? u[1] : u[0]}`;
    });
}
