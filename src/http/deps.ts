import type { CatalogService, ProductIndex } from "../catalog/index.js";
import type { VoiceWebhooks } from "../channels/index.js";
import type { Commerce } from "../commerce/index.js";
import type { Database } from "../db/index.js";
import type { DialogService } from "../dialog/index.js";
import type { AccountLinking } from "../identity/index.js";
import type { FeedGenerator } from "../feeds/index.js";
import type { OfferedProductsCache, StoreCache } from "../stores/index.js";
import type { TokenResolver } from "./auth.js";
import type { Config } from "./config.js";

/**
 * What the HTTP layer is built from. Route plugins receive it; each issue adds the services
 * it needs here (catalog index, dialog, ...), created once in server start-up (src/cli/server.ts).
 */
export interface AppDeps {
  db: Database;
  config: Config;
  tokenResolvers: TokenResolver[];
  /** The current catalog and its search index, following changes made on any node. */
  catalog: CatalogService<ProductIndex>;
  /** Which products each store sells, for store-filtered searches. */
  offeredProducts: OfferedProductsCache;
  /** Stores by code, kept a few seconds (store-scoped searches read one per request). */
  storeCache: StoreCache;
  /** Dialogflow CX and Alexa webhooks; absent until a dialog runs (the endpoints answer 503). */
  voice?: VoiceWebhooks;
  /** The OAuth 2.0 server for account linking, mounted under /oauth. */
  oauth?: AccountLinking;
  /** Merchant Center feed files (PANIER_DATA_DIR/feeds); the routes make one when absent. */
  feeds?: FeedGenerator;
  /** Carts, slots, checkout and orders; the commerce routes make one when absent. */
  commerce?: Commerce;
  /** The conversation (shared by the conversation API and the voice webhooks); routes make one when absent. */
  dialog?: DialogService;
}
