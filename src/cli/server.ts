import type { FastifyInstance } from "fastify";
import pino, { type Logger } from "pino";
import { countProducts } from "../catalog/index.js";
import { startFeedScheduler } from "../feeds/index.js";
import { acquireLock, type Database, openDatabase, updateLockUrl } from "../db/index.js";
import {
  type AppDeps,
  buildApp,
  type Config,
  closeAppServices,
  createAppServices,
  LOG_REDACT,
} from "../http/index.js";
import { ensureAdminKeyFile } from "../identity/index.js";
import { DEMO_DIR, loadDemoData } from "./demo-data.js";
import { startPurgeJob } from "./purge-job.js";

export interface StartedServer {
  app: FastifyInstance;
  deps: AppDeps;
  /** Where it listens, e.g. http://127.0.0.1:3000. */
  url: string;
  /** Graceful stop: no new connections, in-flight requests finish, background work ends, the
   * database closes, the data-folder lock is released. Safe to call twice. */
  stop(): Promise<void>;
}

export function createLogger(config: Config): Logger {
  return pino({ level: config.logLevel, redact: LOG_REDACT });
}

/**
 * Starts a Panier server: takes the data-folder lock (embedded PGlite only), opens and migrates
 * the database, loads the demo data into an empty embedded database, makes sure an admin key
 * exists, builds the app and listens.
 */
export async function startServer(
  config: Config,
  log: Logger = createLogger(config),
): Promise<StartedServer> {
  const embedded = !config.databaseUrl;
  const cleanups: (() => Promise<void> | void)[] = [];
  const cleanup = async () => {
    for (const fn of cleanups.reverse()) {
      try {
        await fn();
      } catch (err) {
        log.error({ err }, "error during shutdown");
      }
    }
    cleanups.length = 0;
  };
  try {
    if (embedded) {
      const release = acquireLock(config.dataDir, localUrl(config.host, config.port));
      cleanups.push(release);
    }
    const db: Database = await openDatabase(
      embedded ? { dataDir: config.dataDir } : { url: config.databaseUrl, schemaName: config.databaseSchema },
    );
    cleanups.push(() => db.close());
    log.info(
      embedded ? { database: "pglite", dataDir: config.dataDir } : { database: "postgres" },
      "database ready",
    );

    if (embedded && config.demo === "auto" && (await countProducts(db)) === 0) {
      log.info({ from: DEMO_DIR }, "empty embedded database: loading the demo data");
      const loaded = await loadDemoData(db);
      log.info(loaded, "demo data loaded");
    }

    if (!config.apiKey) {
      const { path, created } = await ensureAdminKeyFile(db, config.dataDir);
      // The path, never the key.
      log.info({ path }, created ? "admin key created: read it from this file" : "admin key file in place");
    }

    const deps = await createAppServices(db, config, {
      onError: (err, what) => log.error({ err }, `${what} failed`),
      onCatalogReload: (version, products) => log.info({ version, products }, "catalog reloaded"),
    });
    cleanups.push(() => closeAppServices(deps));
    // Feeds (issue 8): regenerate off the request path — at start when missing, daily, on catalog change.
    if (deps.feeds) {
      const feedScheduler = await startFeedScheduler(db, deps.feeds, {
        log: (msg, data) => log.info(data ?? {}, msg),
      });
      cleanups.push(() => feedScheduler.stop());
      // Prices and stock are in the feeds: a change the catalog service picks up by its fallback
      // poll (a missed notification) regenerates them too; a notified one coalesces with this.
      cleanups.push(deps.catalog.onChange(() => feedScheduler.poke()));
    }
    // Expired sessions, lapsed holds, old Idempotency-Keys: deleted hourly, off the request path.
    const purgeJob = startPurgeJob(db, log);
    cleanups.push(() => purgeJob.stop());
    const app = await buildApp(deps, { loggerInstance: log });
    cleanups.push(() => app.close());
    const address = await app.listen({ port: config.port, host: config.host });
    const port = new URL(address).port;
    const url = localUrl(config.host, Number(port));
    if (embedded) updateLockUrl(config.dataDir, url);
    log.info(
      { url, products: deps.catalog.snapshot.products.length, catalogVersion: deps.catalog.version },
      "Panier is serving",
    );

    let stopping: Promise<void> | undefined;
    return {
      app,
      deps,
      url,
      stop: () => {
        stopping ??= cleanup();
        return stopping;
      },
    };
  } catch (err) {
    await cleanup();
    throw err;
  }
}

/** Where a process on this machine reaches the server (the CLI routes writes there). */
function localUrl(host: string, port: number): string {
  if (host === "0.0.0.0" || host === "::" || host === "") return `http://127.0.0.1:${port}`;
  return host.includes(":") ? `http://[${host}]:${port}` : `http://${host}:${port}`;
}
