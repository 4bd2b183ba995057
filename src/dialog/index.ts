export type { Turn, Reply, ReplyOption, CartSummary, CartLineSummary, Locale } from "./types.js";
