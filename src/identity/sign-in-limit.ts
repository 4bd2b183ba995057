import { createHash } from "node:crypto";
import type { Database } from "../db/index.js";
import { AccountError, checkCredentials, normalizeEmail, type Shopper } from "./accounts.js";

/**
 * Password guessing is throttled per account email in the database, so every API node on the
 * same PostgreSQL shares the count: after `maxFailures` failed attempts within `windowMs` of the
 * first one, sign-in is refused (even with the right password) until the window ends; a
 * success clears the count. The attempt is counted before the password is checked, in one
 * atomic upsert, so concurrent guesses on several nodes cannot exceed the limit.
 */
export interface SignInLimit {
  maxFailures: number;
  windowMs: number;
}

export const SIGN_IN_LIMIT: SignInLimit = { maxFailures: 5, windowMs: 15 * 60_000 };

/** Refused for too many failures; `retryAfterS` is what Retry-After should say. */
export class TooManyAttemptsError extends AccountError {
  constructor(readonly retryAfterS: number) {
    super(429, "too_many_attempts", "Too many failed sign-ins for this account; try again later");
    this.name = "TooManyAttemptsError";
  }
}

const emailKey = (email: string) => createHash("sha256").update(normalizeEmail(email)).digest("hex");

/**
 * The shopper for an email and password, or null; throws TooManyAttemptsError while the account
 * is throttled.
 */
export async function signInWithLimit(
  db: Database,
  email: string,
  password: string,
  options: { now?: Date; limit?: SignInLimit } = {},
): Promise<Shopper | null> {
  const now = options.now ?? new Date();
  const limit = options.limit ?? SIGN_IN_LIMIT;
  const key = emailKey(email);
  const windowOpenedAfter = new Date(now.getTime() - limit.windowMs).toISOString();
  const [row] = await db.query<{ failures: number; window_start: Date | string }>(
    `INSERT INTO sign_in_attempts (email_hash, failures, window_start) VALUES ($1, 1, $2::timestamptz)
     ON CONFLICT (email_hash) DO UPDATE SET
       failures = CASE WHEN sign_in_attempts.window_start <= $3::timestamptz THEN 1
                       ELSE sign_in_attempts.failures + 1 END,
       window_start = CASE WHEN sign_in_attempts.window_start <= $3::timestamptz THEN $2::timestamptz
                           ELSE sign_in_attempts.window_start END
     RETURNING failures, window_start`,
    [key, now.toISOString(), windowOpenedAfter],
  );
  if (row && Number(row.failures) > limit.maxFailures) {
    const endsAt = new Date(row.window_start).getTime() + limit.windowMs;
    throw new TooManyAttemptsError(Math.max(1, Math.ceil((endsAt - now.getTime()) / 1000)));
  }
  const shopper = await checkCredentials(db, email, password);
  if (shopper) await db.query("DELETE FROM sign_in_attempts WHERE email_hash = $1", [key]);
  return shopper;
}

/** Removes counts whose window has ended (they no longer throttle anything). */
export async function purgeSignInAttempts(
  db: Database,
  now: Date,
  limit: SignInLimit = SIGN_IN_LIMIT,
): Promise<number> {
  const rows = await db.query(
    "DELETE FROM sign_in_attempts WHERE window_start <= $1::timestamptz RETURNING email_hash",
    [new Date(now.getTime() - limit.windowMs).toISOString()],
  );
  return rows.length;
}
