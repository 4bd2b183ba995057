export type { Turn, Reply, ReplyOption, CartSummary, CartLineSummary, Locale } from "./types.js";
export {
  createDialog,
  type DialogService,
  type DialogOptions,
  type TurnAccess,
  ConversationNotFoundError,
  hashConversationToken,
} from "./service.js";
export { ConversationBusyError, type Owner, type ConversationRecord, type StoredTurn } from "./store.js";
export type {
  Understander,
  Understanding,
  UnderstoodItem,
  Candidate,
  Intent as DialogIntent,
} from "./ports.js";
export { createEngineUnderstander, engineFor, ASK_BELOW } from "./understander.js";
export { parseSlotPhrase, type SlotWindow, type SlotPhraseContext } from "./when/phrases.js";
export {
  render,
  type Piece,
  type Sentence,
  priceWords,
  priceText,
  weightWords,
  cardinal,
  ordinal,
  SHARED_SSML_TAGS,
  SHARED_SAY_AS,
} from "./speech/index.js";
export { ssmlProblems } from "./speech/ssml-check.js";
