/**
 * A phonetic key for French (and English-sounding brand names): words that sound alike get
 * the same key, so a misheard transcript still finds the product ("pansani" -> Panzani,
 * "nutela" -> Nutella, "lactèle" -> Lactel, "kokakola" -> Coca-Cola). Works on folded tokens.
 * Inspired by Phonex/Soundex-FR: it keeps vowels (they carry French brand names) but merges
 * the spellings of one sound.
 */

const RULES: [RegExp, string][] = [
  [/[^a-z0-9]/g, ""],
  [/ph/g, "f"],
  [/gn/g, "ni"],
  [/qu|q/g, "k"],
  [/ck/g, "k"],
  [/sch|sh/g, "ch"],
  [/c(?=[eiy])/g, "s"],
  [/c/g, "k"],
  [/g(?=[eiy])/g, "j"],
  [/gu(?=[eiy])/g, "g"],
  [/x/g, "ks"],
  [/w/g, "v"],
  [/y/g, "i"],
  [/z/g, "s"],
  [/th/g, "t"],
  [/eau|au/g, "o"],
  [/(ai|ei)(?![nm])/g, "e"],
  [/ou(?=[aei])/g, "w"],
  [/oi/g, "wa"],
  [/ou/g, "u"],
  [/(?<![aeiou])h|(?<=[aeiou])h/g, ""],
  [/(an|am|en|em)(?![aeiou])/g, "A"],
  [/(ain|ein|in|im|un|um|yn)(?![aeiou])/g, "I"],
  [/(on|om)(?![aeiou])/g, "O"],
  [/er$|et$|ez$/g, "e"],
];

const FINAL_MUTE = /[stdxpe]+$/;

export function phoneticKey(token: string): string {
  let t = token.toLowerCase();
  for (const [re, rep] of RULES) t = t.replace(re, rep);
  // Doubled letters sound single: "nutella" = "nutela".
  t = t.replace(/(.)\1+/g, "$1");
  const stripped = t.replace(FINAL_MUTE, "");
  if (stripped.length >= 2) t = stripped;
  return t;
}
