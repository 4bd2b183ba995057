import { createHash, randomBytes } from "node:crypto";
import type { Database } from "../db/index.js";

/**
 * Shopper sessions: a random bearer token ("pns_" + 32 bytes); only its SHA-256 is stored, so a
 * database leak gives no usable token. 30 days by default; sign-out revokes.
 */
const PREFIX = "pns_";
export const SESSION_DAYS = 30;

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export interface Session {
  token: string;
  customerId: string;
  expiresAt: Date;
}

export async function createSession(
  db: Database,
  customerId: string,
  options: { now?: Date; days?: number } = {},
): Promise<Session> {
  const now = options.now ?? new Date();
  const token = PREFIX + randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + (options.days ?? SESSION_DAYS) * 86_400_000);
  await db.query(
    "INSERT INTO sessions (token_hash, customer_id, created_at, expires_at) VALUES ($1, $2, $3, $4)",
    [hashToken(token), customerId, now.toISOString(), expiresAt.toISOString()],
  );
  return { token, customerId, expiresAt };
}

/** The shopper a live session token stands for, or null. */
export async function verifySessionToken(
  db: Database,
  token: string,
  now: Date = new Date(),
): Promise<string | null> {
  if (!token.startsWith(PREFIX)) return null;
  const rows = await db.query<{ customer_id: string }>(
    "SELECT customer_id FROM sessions WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > $2",
    [hashToken(token), now.toISOString()],
  );
  return rows[0]?.customer_id ?? null;
}

export async function revokeSession(db: Database, token: string, now: Date = new Date()): Promise<boolean> {
  const rows = await db.query(
    "UPDATE sessions SET revoked_at = $2 WHERE token_hash = $1 AND revoked_at IS NULL RETURNING token_hash",
    [hashToken(token), now.toISOString()],
  );
  return rows.length > 0;
}

/** The principal http/auth.ts expects from a TokenResolver. */
export interface ShopperPrincipal {
  kind: "shopper";
  customerId: string;
}

/** A TokenResolver for http/auth.ts: shopper session tokens; other tokens are not its kind. */
export function sessionTokenResolver(
  db: Database,
  now: () => Date = () => new Date(),
): (token: string) => Promise<ShopperPrincipal | null> {
  return async (token) => {
    const customerId = await verifySessionToken(db, token, now());
    return customerId ? { kind: "shopper", customerId } : null;
  };
}
