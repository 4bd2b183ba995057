import { singular } from "./normalize.js";

/**
 * A light stemmer for matching French and English grocery words: plural folded (see
 * `singular`), then the feminine/participle endings that do not change meaning in a shop
 * ("fumés" = "fumé" = "fumée", "râpé" = "râpée", "écrémé" = "écrémée") and the final mute "e"
 * ("tomates" = "tomate"), kept after s, g and c ("fraise" is not "frais"). Works on folded tokens.
 */
export function stem(token: string): string {
  let t = singular(token);
  if (t.length <= 3 || /\d/.test(t)) return t;
  if (t.endsWith("ee") && t.length > 4) t = t.slice(0, -1);
  // The mute "e" goes, except where it carries the consonant's sound: "fraise" is not "frais".
  if (t.endsWith("e") && t.length > 4 && !/[sgc]e$/.test(t)) t = t.slice(0, -1);
  return t;
}
