import { join } from "node:path";
import { buildProductIndex, CatalogService, type Product, type ProductIndex } from "../catalog/index.js";
import type { Database } from "../db/index.js";
import { FeedGenerator } from "../feeds/index.js";
import { createCommerce } from "../commerce/index.js";
import { createVoiceWebhooks } from "../channels/index.js";
import { createDialog, createEngineUnderstander, engineFor } from "../dialog/index.js";
import {
  configuredKeyResolver,
  createAccountLinking,
  databaseKeyResolver,
  getShopper,
  oauthClientsFromEnv,
  sessionTokenResolver,
  signInWithLimit,
  TooManyAttemptsError,
} from "../identity/index.js";
import { OfferedProductsCache, StoreCache } from "../stores/index.js";
import type { TokenResolver } from "./auth.js";
import type { Config } from "./config.js";
import type { AppDeps } from "./deps.js";

export interface ServiceOptions {
  /** Catalog poll fallback (ms); LISTEN/NOTIFY normally reloads at once. */
  catalogPollMs?: number;
  /** Where background failures (a catalog reload) are reported. */
  onError?: (err: unknown, what: string) => void;
  onCatalogReload?: (version: number, products: number) => void;
  /** Index builder override (tests). */
  buildIndex?: (products: Product[]) => ProductIndex;
}

/**
 * Creates the services the HTTP layer runs on, once per process (server start-up, tests).
 * Each issue that adds a field to AppDeps creates it here. Pair with closeAppServices.
 */
export async function createAppServices(
  db: Database,
  config: Config,
  options: ServiceOptions = {},
): Promise<AppDeps> {
  const tokenResolvers: TokenResolver[] = [];
  if (config.apiKey) tokenResolvers.push(configuredKeyResolver(config.apiKey, ["admin", "channel"]));
  tokenResolvers.push(databaseKeyResolver(db));
  tokenResolvers.push(sessionTokenResolver(db));
  const catalog = await CatalogService.start<ProductIndex>(db, {
    buildIndex: options.buildIndex ?? buildSearchIndex,
    pollMs: options.catalogPollMs ?? config.catalogPollMs,
    onError: (err) => options.onError?.(err, "catalog reload"),
    onReload: (s) => options.onCatalogReload?.(s.version, s.products.length),
  });
  const commerce = createCommerce(db);
  const dialog = createDialog({
    db,
    commerce,
    understander: createEngineUnderstander({
      db,
      engine: () => engineFor(catalog.snapshot.index),
      offersVersion: () => catalog.offersVersion,
    }),
  });
  // Account linking for voice assistants (and later AI agents): a linked token acts as its shopper.
  const oauth = await createAccountLinking({
    db,
    issuer: config.publicUrl,
    clients: oauthClientsFromEnv(process.env),
    shoppers: {
      // Same per-email throttle as POST /v1/accounts/sign-in; a throttled attempt is refused
      // like a wrong password on the login page.
      checkCredentials: (e, p) =>
        signInWithLimit(db, e, p).catch((err) => {
          if (err instanceof TooManyAttemptsError) return null;
          throw err;
        }),
      getShopper: (id) => getShopper(db, id),
    },
  });
  tokenResolvers.push(oauth.tokenResolver);
  const voice = createVoiceWebhooks({
    services: { dialog, shopperForToken: oauth.server.shopperForToken, storeFor: voiceStore(db) },
  });
  tokenResolvers.unshift(voice.tokenResolver); // a constant-time compare, before any database lookup
  const offeredProducts = new OfferedProductsCache(db);
  // Re-read what each store sells as soon as offers change, off the request path.
  catalog.onChange((c) => {
    if (c.kind === "offers") offeredProducts.refresh(c.version);
  });
  return {
    db,
    config,
    tokenResolvers,
    catalog,
    offeredProducts,
    storeCache: new StoreCache(db),
    commerce,
    dialog,
    oauth,
    voice,
    // Merchant Center feed files; server start-up runs their scheduler (startFeedScheduler).
    feeds: new FeedGenerator(db, { dir: join(config.dataDir, "feeds"), publicUrl: config.publicUrl }),
  };
}

/**
 * The store a voice session shops in: the linked shopper's home store, else PANIER_VOICE_STORE,
 * else the first store (a single-store deployment needs no setting).
 */
function voiceStore(db: Database): (customerId: string | undefined) => Promise<string> {
  let fallback = process.env.PANIER_VOICE_STORE || undefined;
  return async (customerId) => {
    const home = customerId ? (await getShopper(db, customerId))?.storeCode : undefined;
    if (home) return home;
    if (!fallback) {
      const rows = await db.query<{ code: string }>("SELECT code FROM stores ORDER BY code LIMIT 1");
      if (!rows[0])
        throw new Error("No store yet: load one (panier demo load, or an import) or set PANIER_VOICE_STORE");
      fallback = rows[0].code;
    }
    return fallback;
  };
}

/** Stops background work; the database is the caller's to close. */
export async function closeAppServices(deps: AppDeps): Promise<void> {
  await deps.catalog.stop();
}

function buildSearchIndex(products: Product[]): ProductIndex {
  return buildProductIndex(products);
}
