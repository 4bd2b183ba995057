// Query-time reading of words: bridges, stop words, words heard in two pieces, fuzzy expansions.
import { bridgeVocabulary, fold, isStopWord, stem, type TermMatch, TermMatcher } from "../language/index.js";
import type { Posting } from "./search-postings.js";

const MAX_TERMS = 16;

export interface QueryReader {
  /** Stemmed query terms as the index reads `words` (after bridges and stop words). */
  queryTerms(words: string[], language?: "fr" | "en"): string[];
  /** Catalog words a stemmed word may mean: itself when known, else near words (typos, sound-alikes). */
  expansions(term: string): TermMatch[];
}

export function queryReader(postings: ReadonlyMap<string, Posting>): QueryReader {
  const matcher = new TermMatcher(postings.keys());
  const knows = (t: string) => postings.has(t);

  function queryTerms(words: string[], language?: "fr" | "en"): string[] {
    const english = language === "en";
    const stems = joinSplitWords(words.map((w) => fold(w)));
    // English words are read as English even where the catalog prints them ("Tomato ketchup");
    // the English article goes first, so that "tea" bridged to "thé" stays.
    const bridged = bridgeVocabulary(
      english ? stems.filter((t) => t !== "the") : stems,
      english ? undefined : knows,
    );
    const out: string[] = [];
    for (const t of bridged) {
      // "the" left here is "thé".
      if (!t || (isStopWord(t) && t !== "the") || out.includes(t)) continue;
      out.push(t);
      if (out.length >= MAX_TERMS) break;
    }
    return out;
  }

  /**
   * Stems of the words, with a word heard in two pieces joined back when the catalog knows the
   * whole ("pan zani" -> panzani, "nu tella" -> nutella).
   */
  function joinSplitWords(folded: string[]): string[] {
    const out: string[] = [];
    for (let i = 0; i < folded.length; i++) {
      const a = folded[i]!;
      const b = folded[i + 1];
      const sa = stem(a);
      const known = (w: string) => postings.has(stem(w)) || isStopWord(w);
      if (b !== undefined && !/\d/.test(a + b) && !known(a) && !known(b)) {
        const whole = stem(a + b);
        const near = whole.length >= 5 ? expansions(whole) : [];
        if (postings.has(whole) || (near.length > 0 && near[0]!.cost <= 1.5)) {
          out.push(whole);
          i++;
          continue;
        }
      }
      out.push(sa);
    }
    return out;
  }

  function expansions(term: string): TermMatch[] {
    if (postings.has(term)) return [{ term, cost: 0 }];
    // Glued words ("cocacola") and numbers are exact-only.
    return matcher.match(term, 3);
  }

  return { queryTerms, expansions };
}
