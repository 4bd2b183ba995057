export { fold, normalize, tokens, singular, keyTokens } from "./normalize.js";
export { readNumber, parseNumberWords, isNumberWord, CARDINAL_WORDS, type NumberRead } from "./numbers.js";
export { lookupUnit, splitGluedMeasure, type UnitKind, type UnitWord } from "./units.js";
export { stem } from "./stem.js";
export { phoneticKey } from "./phonetic.js";
export { TermMatcher, editDistance, type TermMatch } from "./fuzzy.js";
export { STOP_WORDS, isStopWord } from "./stopwords.js";
export { bridgeVocabulary, phraseLengthAt } from "./synonyms.js";
