import type { Database } from "../db/index.js";

/** How long a checkout's Idempotency-Key replays its first order; older keys are forgotten. */
export const IDEMPOTENCY_KEEP_MS = 24 * 3_600_000;

/**
 * Deletes commerce rows that can no longer matter: slot holds that expired without becoming an
 * order (an order keeps its hold, even cancelled, through orders.hold_id), and Idempotency-Key
 * records older than IDEMPOTENCY_KEEP_MS (a retry within that time still replays the first
 * order; the same key after it places a new one). Safe to run on several nodes.
 */
export async function purgeExpired(
  db: Database,
  now: Date,
): Promise<{ holds: number; idempotencyKeys: number }> {
  const holds = await db.query(
    `DELETE FROM slot_holds h
     WHERE h.expires_at <= $1::timestamptz AND h.status IN ('held', 'released')
       AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.hold_id = h.id)
     RETURNING h.id`,
    [now.toISOString()],
  );
  const keys = await db.query(
    "DELETE FROM idempotency_keys WHERE created_at <= $1::timestamptz RETURNING key",
    [new Date(now.getTime() - IDEMPOTENCY_KEEP_MS).toISOString()],
  );
  return { holds: holds.length, idempotencyKeys: keys.length };
}
