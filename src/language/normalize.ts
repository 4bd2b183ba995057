/**
 * Text normalisation shared by everything that reads words: catalog search, understanding,
 * recipes. Pure functions. "Crème Fraîche", "creme fraiche" and "CRÈME-FRAÎCHE" normalise alike;
 * "Œufs" becomes "oeufs"; elisions (l' d' qu' j' m' n' s' t' c') are split off the word.
 */

const LIGATURES: Record<string, string> = { œ: "oe", Œ: "oe", æ: "ae", Æ: "ae", ß: "ss" };
const APOSTROPHES = /[\u2018\u2019\u02BC\u0060\u00B4\u2032]/g;
const DASHES = /[\u2010-\u2015\u2212]/g;

/** Lower case, no accents, ligatures spelt out, one kind of apostrophe and hyphen. */
export function fold(text: string): string {
  return text
    .replace(/[œŒæÆß]/g, (c) => LIGATURES[c] ?? c)
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(APOSTROPHES, "'")
    .replace(DASHES, "-");
}

const ELISION = /\b(l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu)'(?=\p{L})/gu;

/**
 * Normalised text for matching: folded, elisions split off ("d'oeufs" -> "d' oeufs" -> tokens
 * "d", "oeufs"), punctuation other than decimal commas/points and hyphens inside words made space.
 */
export function normalize(text: string): string {
  return fold(text)
    .replace(ELISION, "$1 ")
    .replace(/(\d)[,.](\d)/g, "$1.$2")
    .replace(/[^\p{L}\p{N}.\-\s]/gu, " ")
    .replace(/(?<!\d)\.|\.(?!\d)/g, " ")
    .replace(/(^|\s)-+|-+(?=\s|$)/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** Tokens of normalised text; hyphenated words also split ("demi-ecreme" -> "demi", "ecreme"). */
export function tokens(text: string): string[] {
  const n = normalize(text);
  if (!n) return [];
  return n.split(/[\s-]+/).filter(Boolean);
}

const FR_PLURAL_EXCEPTIONS: Record<string, string> = {
  oeufs: "oeuf",
  yeux: "oeil",
  choux: "chou",
  bijoux: "bijou",
  genoux: "genou",
  cailloux: "caillou",
  poux: "pou",
  jeux: "jeu",
  feux: "feu",
  gateaux: "gateau",
  chateaux: "chateau",
  poireaux: "poireau",
  morceaux: "morceau",
  noix: "noix",
  riz: "riz",
  pois: "pois",
  anchois: "anchois",
  ananas: "ananas",
  radis: "radis",
  mais: "mais",
  jus: "jus",
  bras: "bras",
  dos: "dos",
  tomatoes: "tomato",
  potatoes: "potato",
  leaves: "leaf",
  loaves: "loaf",
  knives: "knife",
  children: "child",
  cookies: "cookie",
  series: "series",
  species: "species",
  gas: "gas",
  bus: "bus",
  plus: "plus",
};

/**
 * Folds French and English plurals to the singular for matching ("tomates" -> "tomate",
 * "gâteaux" -> "gateau", "berries" -> "berry", "chevaux" -> "cheval"). Works on folded tokens.
 */
export function singular(token: string): string {
  const t = token;
  if (t.length <= 3) return t;
  const ex = FR_PLURAL_EXCEPTIONS[t];
  if (ex) return ex;
  if (/aux$/.test(t) && t.length > 4) return t.replace(/aux$/, "al");
  if (/eaux$/.test(t)) return t.slice(0, -1);
  if (/eux$/.test(t)) return t.slice(0, -1);
  if (/ies$/.test(t) && t.length > 4) return t.slice(0, -3) + "y";
  if (/(ss|us|is|os|ais)$/.test(t)) return t;
  if (/s$/.test(t)) return t.slice(0, -1);
  if (/x$/.test(t) && /[aeiou]ux$/.test(t)) return t.slice(0, -1);
  return t;
}

/** Normalised, singular tokens: the key form used by indexes. */
export function keyTokens(text: string): string[] {
  return tokens(text).map(singular);
}
