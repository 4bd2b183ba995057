import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { Database } from "../db/index.js";

/**
 * API keys for retailers' systems and voice platforms. Only a SHA-256 of the secret is stored:
 * secrets are 32 random bytes, so a fast hash is enough (nothing to brute-force) and lookups
 * stay one indexed query per request.
 */

export const KEY_SCOPES = ["admin", "channel"] as const;
/** `admin`, `channel`, or `brand:<name>` (insights for one brand). */
export type KeyScope = string;

export interface ApiKeyInfo {
  id: string;
  name: string;
  scopes: string[];
  createdAt: Date;
  revokedAt: Date | null;
}

/** A key as the admin API returns it and `panier keys` prints it (from the server or the database). */
export interface ApiKeyJson {
  id: string;
  name: string;
  scopes: string[];
  created_at: string;
  revoked_at: string | null;
}

export function apiKeyJson(k: ApiKeyInfo): ApiKeyJson {
  return {
    id: k.id,
    name: k.name,
    scopes: k.scopes,
    created_at: k.createdAt.toISOString(),
    revoked_at: k.revokedAt?.toISOString() ?? null,
  };
}

/** The principal a key stands for; the same shape http/auth.ts calls a key principal. */
export interface KeyPrincipal {
  kind: "key";
  keyId: string;
  scopes: string[];
}

const SECRET_PREFIX = "pnr_";
const SCOPE_PATTERN = /^(admin|channel|brand:[\w.-]{1,64})$/;

export class InvalidScopeError extends Error {
  readonly code = "invalid_scope";
  constructor(readonly scope: string) {
    super(`Unknown scope "${scope}": use admin, channel or brand:<name>`);
  }
}

export function validateScopes(scopes: string[]): string[] {
  const clean = [...new Set(scopes.map((s) => s.trim()).filter(Boolean))];
  if (clean.length === 0) throw new InvalidScopeError("");
  for (const s of clean) if (!SCOPE_PATTERN.test(s)) throw new InvalidScopeError(s);
  return clean;
}

export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

function newId(): string {
  return `key_${randomBytes(6).toString("hex")}`;
}

/** Creates a key and returns its secret: the only time the secret exists outside the caller. */
export async function createApiKey(
  db: Database,
  input: { name: string; scopes: string[] },
): Promise<{ key: ApiKeyInfo; secret: string }> {
  const name = input.name.trim();
  if (!name) throw new Error("A key needs a name");
  const scopes = validateScopes(input.scopes);
  const id = newId();
  const secret = SECRET_PREFIX + randomBytes(32).toString("base64url");
  const [row] = await db.query<KeyRow>(
    `INSERT INTO api_keys (id, name, secret_hash, scopes) VALUES ($1, $2, $3, $4)
     RETURNING id, name, scopes, created_at, revoked_at`,
    [id, name, hashSecret(secret), scopes],
  );
  return { key: toInfo(row!), secret };
}

interface KeyRow {
  id: string;
  name: string;
  scopes: string[];
  created_at: Date | string;
  revoked_at: Date | string | null;
}

function toInfo(row: KeyRow): ApiKeyInfo {
  return {
    id: row.id,
    name: row.name,
    scopes: row.scopes,
    createdAt: new Date(row.created_at),
    revokedAt: row.revoked_at === null ? null : new Date(row.revoked_at),
  };
}

export async function listApiKeys(db: Database): Promise<ApiKeyInfo[]> {
  const rows = await db.query<KeyRow>(
    "SELECT id, name, scopes, created_at, revoked_at FROM api_keys ORDER BY created_at, id",
  );
  return rows.map(toInfo);
}

/** Revokes a key at once on every node (the resolver reads the database). False when unknown. */
export async function revokeApiKey(db: Database, id: string): Promise<ApiKeyInfo | null> {
  const rows = await db.query<KeyRow>(
    `UPDATE api_keys SET revoked_at = COALESCE(revoked_at, now()) WHERE id = $1
     RETURNING id, name, scopes, created_at, revoked_at`,
    [id],
  );
  return rows[0] ? toInfo(rows[0]) : null;
}

/** The live key a secret belongs to, or null (unknown or revoked). */
export async function findKeyBySecret(db: Database, secret: string): Promise<KeyPrincipal | null> {
  if (!secret.startsWith(SECRET_PREFIX)) return null;
  const rows = await db.query<{ id: string; scopes: string[] }>(
    "SELECT id, scopes FROM api_keys WHERE secret_hash = $1 AND revoked_at IS NULL",
    [hashSecret(secret)],
  );
  return rows[0] ? { kind: "key", keyId: rows[0].id, scopes: rows[0].scopes } : null;
}

/** Token resolver for keys stored in the database. */
export function databaseKeyResolver(db: Database): (token: string) => Promise<KeyPrincipal | null> {
  return (token) => findKeyBySecret(db, token);
}

/**
 * Token resolver for PANIER_API_KEY: the operator's key, with the `channel` and `admin` scopes,
 * compared in constant time and never stored.
 */
export function configuredKeyResolver(
  secret: string,
  scopes: string[] = ["admin", "channel"],
): (token: string) => Promise<KeyPrincipal | null> {
  const expected = createHash("sha256").update(secret).digest();
  return async (token) => {
    const got = createHash("sha256").update(token).digest();
    return timingSafeEqual(got, expected) ? { kind: "key", keyId: "env:PANIER_API_KEY", scopes } : null;
  };
}
