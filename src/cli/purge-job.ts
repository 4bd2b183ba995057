import type { Logger } from "pino";
import { purgeExpiredCommerce } from "../commerce/index.js";
import type { Database } from "../db/index.js";
import { purgeExpiredIdentity } from "../identity/index.js";

export const PURGE_INTERVAL_MS = 3_600_000;

/**
 * Deletes rows that can no longer matter (expired sessions, lapsed slot holds, old
 * Idempotency-Keys, ended sign-in windows), once shortly after start and then hourly. Every node
 * may run it: the deletes are idempotent. The timer is unref'd so it never keeps the process up;
 * failures are logged with the error only (no rows, hence no personal data).
 */
export function startPurgeJob(
  db: Database,
  log: Logger,
  options: { intervalMs?: number; firstDelayMs?: number; now?: () => Date } = {},
): { stop(): Promise<void> } {
  const now = options.now ?? (() => new Date());
  let running: Promise<void> | undefined;
  let stopped = false;
  const runOnce = () => {
    if (stopped || running) return;
    running = (async () => {
      try {
        const at = now();
        const commerce = await purgeExpiredCommerce(db, at);
        const identity = await purgeExpiredIdentity(db, at);
        log.info({ ...commerce, ...identity }, "expired rows purged");
      } catch (err) {
        log.error({ err: err instanceof Error ? { message: err.message } : String(err) }, "purge failed");
      } finally {
        running = undefined;
      }
    })();
  };
  const first = setTimeout(runOnce, options.firstDelayMs ?? 5_000);
  const timer = setInterval(runOnce, options.intervalMs ?? PURGE_INTERVAL_MS);
  first.unref();
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearTimeout(first);
      clearInterval(timer);
      await running; // let a purge in progress finish before the database closes
    },
  };
}
