export * from "./types.js";
export { resolveMention, isKnownMention, type Purpose } from "./resolve.js";
export { rankCandidates, applyConstraints, type Ranked } from "./rank.js";
export { amountFor, pieceWeight, DEFAULT_WEIGHT_G, MAX_UNITS, MAX_WEIGHT_G } from "./sizing.js";
export {
  createEngine,
  type Engine,
  type EngineResult,
  type ResolvedItem,
  type UnderstandInput,
} from "./engine.js";
