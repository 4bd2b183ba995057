import type { Database } from "../db/index.js";
import type { FeedGenerator } from "./generate.js";

export interface FeedSchedulerOptions {
  /** Full regeneration period; daily by default (feed items expire after 30 days without refresh). */
  intervalMs?: number;
  /** Catalog changes arriving within this window trigger one regeneration. */
  debounceMs?: number;
  log?: (message: string, data?: Record<string, unknown>) => void;
}

export interface FeedScheduler {
  stop(): Promise<void>;
  /** Requests a regeneration now (debounced like a catalog change). */
  poke(): void;
}

export const DAY_MS = 86_400_000;

/**
 * Keeps the feed files fresh off the request path: at start when a file is missing or older than
 * the period, every period, and shortly after each `catalog_changed` notification (the importer
 * sends it; on PostgreSQL every node hears it and regenerates its own files).
 */
export async function startFeedScheduler(
  db: Database,
  generator: FeedGenerator,
  options: FeedSchedulerOptions = {},
): Promise<FeedScheduler> {
  const intervalMs = options.intervalMs ?? DAY_MS;
  const debounceMs = options.debounceMs ?? 2000;
  const log = options.log ?? (() => {});
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  const run = (reason: string) => {
    if (stopped) return;
    generator.generateAll().catch((err: unknown) => {
      log("feed generation failed", { reason, error: err instanceof Error ? err.message : String(err) });
    });
  };
  const poke = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      run("catalog_changed");
    }, debounceMs);
    timer.unref?.();
  };
  const interval = setInterval(() => run("schedule"), intervalMs);
  interval.unref?.();
  const unlisten = await db.listen("catalog_changed", poke);

  const stale = async () => {
    if (!(await generator.complete())) return true;
    const meta = generator.meta("products.xml", null);
    return !meta || Date.now() - Date.parse(meta.lastModified) > intervalMs;
  };
  if (await stale()) run("start");

  return {
    poke,
    async stop() {
      stopped = true;
      clearInterval(interval);
      if (timer) clearTimeout(timer);
      await unlisten();
      await generator.settled();
    },
  };
}
