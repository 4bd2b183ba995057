export * from "./types.js";
export { buildLexicon, type Lexicon } from "./lexicon.js";
export { parseUtterance, MAX_UTTERANCE_CHARS, type ParseOptions } from "./parse.js";
export { detectIntent } from "./intent.js";
export { readMention } from "./mention.js";
