// Google Merchant Center feeds (products, local inventory, promotions), their validation, and the
// schema.org JSON-LD of the storefront product pages.
export { googleCategory, type GoogleCategory } from "./categories.js";
export {
  FeedError,
  FeedGenerator,
  type FeedGeneratorOptions,
  type FeedKind,
  feedFileName,
  type GenerationResult,
} from "./generate.js";
export { gtinRange, type GtinRange } from "./gtin-ranges.js";
export { buildItem, composeTitle, productLink, unitPricing } from "./item.js";
export { loadProductPage, productJsonLd, type ProductPage } from "./product-page.js";
export { type FeedReport, reportHasErrors } from "./report.js";
export { startFeedScheduler, type FeedScheduler, type FeedSchedulerOptions, DAY_MS } from "./scheduler.js";
export { type FileMeta, FileSink, NullSink, type Sink } from "./sink.js";
export type { FeedItem, ItemFacts, OfferRow, Problem } from "./types.js";
export { validateItem } from "./validate.js";
