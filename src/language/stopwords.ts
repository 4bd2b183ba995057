/**
 * Words that never name a product, in French and English (normalised forms): articles,
 * partitives, prepositions, pronouns. Product words such as "sans" (sans lactose), "au"
 * (chocolat au lait is matched on "chocolat" and "lait") and numbers are not here.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  // French
  "le",
  "la",
  "les",
  "l",
  "un",
  "une",
  "des",
  "du",
  "de",
  "d",
  "au",
  "aux",
  "a",
  "en",
  "et",
  "ou",
  "avec",
  "pour",
  "par",
  "sur",
  "dans",
  "ce",
  "cet",
  "cette",
  "ces",
  "qu",
  "que",
  "qui",
  "y",
  // English
  "the",
  "an",
  "of",
  "and",
  "or",
  "with",
  "for",
  "some",
  "any",
  "in",
  "to",
  "on",
]);

export function isStopWord(token: string): boolean {
  return STOP_WORDS.has(token);
}
