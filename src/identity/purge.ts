import type { Database } from "../db/index.js";
import { purgeExpiredOAuthModels } from "./oauth/index.js";
import { purgeSignInAttempts } from "./sign-in-limit.js";

/**
 * Deletes identity rows that can no longer matter: sessions past their expiry or revoked (a
 * token is checked against both, so neither row would ever authenticate again), sign-in counts
 * whose window has ended, and expired OAuth codes and tokens. Safe to run on several nodes.
 */
export async function purgeExpired(
  db: Database,
  now: Date,
): Promise<{ sessions: number; signInAttempts: number }> {
  const sessions = await db.query(
    "DELETE FROM sessions WHERE expires_at <= $1::timestamptz OR revoked_at IS NOT NULL RETURNING token_hash",
    [now.toISOString()],
  );
  const signInAttempts = await purgeSignInAttempts(db, now);
  await purgeExpiredOAuthModels(db);
  return { sessions: sessions.length, signInAttempts };
}
