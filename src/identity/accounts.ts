import { randomBytes, scrypt as scryptCb, timingSafeEqual } from "node:crypto";
import { promisify } from "node:util";
import type { Database } from "../db/index.js";

/**
 * Shopper accounts: email + password. Passwords are hashed with scrypt (N=2^15, r=8, p=1, 16-byte
 * salt, 64-byte key) and stored as "scrypt$N$r$p$salt$hash"; checks compare in constant time.
 */
const scrypt = promisify(scryptCb) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: { N: number; r: number; p: number; maxmem: number },
) => Promise<Buffer>;

const PARAMS = { N: 2 ** 15, r: 8, p: 1 };
const KEY_LEN = 64;
const MAXMEM = 64 * 1024 * 1024;

export class AccountError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "AccountError";
  }
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password.normalize("NFC"), salt, KEY_LEN, { ...PARAMS, maxmem: MAXMEM });
  return `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$${salt.toString("base64")}$${key.toString("base64")}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split("$");
  if (scheme !== "scrypt" || !salt || !hash) return false;
  const expected = Buffer.from(hash, "base64");
  const key = await scrypt(password.normalize("NFC"), Buffer.from(salt, "base64"), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: MAXMEM,
  });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

// A hash to compare against when the email is unknown, so that timing does not reveal accounts.
let decoy: Promise<string> | undefined;

export interface Shopper {
  id: string;
  name: string;
  email: string;
  locale: string;
  storeCode: string | null;
  postalCode: string | null;
}

interface CustomerRow {
  id: string;
  name: string;
  email: string;
  locale: string;
  store_code: string | null;
  postal_code: string | null;
  password_hash?: string | null;
}

const toShopper = (r: CustomerRow): Shopper => ({
  id: r.id,
  name: r.name,
  email: r.email,
  locale: r.locale,
  storeCode: r.store_code,
  postalCode: r.postal_code,
});

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

export const MIN_PASSWORD_LENGTH = 8;

export async function signUp(
  db: Database,
  input: {
    email: string;
    password: string;
    name: string;
    locale?: string;
    storeCode?: string;
    postalCode?: string;
  },
): Promise<Shopper> {
  if (input.password.length < MIN_PASSWORD_LENGTH) {
    throw new AccountError(
      422,
      "weak_password",
      `A password needs at least ${MIN_PASSWORD_LENGTH} characters`,
    );
  }
  if (input.storeCode) {
    const store = await db.query("SELECT 1 FROM stores WHERE code = $1", [input.storeCode]);
    if (store.length === 0)
      throw new AccountError(422, "store_not_found", `No store with code ${input.storeCode}`);
  }
  const hash = await hashPassword(input.password);
  const rows = await db.query<CustomerRow>(
    `INSERT INTO customers (id, name, email, locale, store_code, postal_code, password_hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (email) DO NOTHING
     RETURNING id, name, email, locale, store_code, postal_code`,
    [
      `cust_${randomBytes(8).toString("hex")}`,
      input.name.trim(),
      normalizeEmail(input.email),
      input.locale ?? "fr-FR",
      input.storeCode ?? null,
      input.postalCode ?? null,
      hash,
    ],
  );
  if (!rows[0])
    throw new AccountError(409, "email_taken", "An account already uses this email; sign in instead");
  return toShopper(rows[0]);
}

/** The shopper for an email and password, or null (same answer and similar time either way). */
export async function checkCredentials(
  db: Database,
  email: string,
  password: string,
): Promise<Shopper | null> {
  const rows = await db.query<CustomerRow>(
    "SELECT id, name, email, locale, store_code, postal_code, password_hash FROM customers WHERE lower(email) = $1",
    [normalizeEmail(email)],
  );
  const row = rows[0];
  if (!row?.password_hash) {
    decoy ??= hashPassword("decoy-password");
    await verifyPassword(password, await decoy);
    return null;
  }
  return (await verifyPassword(password, row.password_hash)) ? toShopper(row) : null;
}

export async function getShopper(db: Database, id: string): Promise<Shopper | null> {
  const rows = await db.query<CustomerRow>(
    "SELECT id, name, email, locale, store_code, postal_code FROM customers WHERE id = $1",
    [id],
  );
  return rows[0] ? toShopper(rows[0]) : null;
}

/**
 * The demo shoppers' password after a demo load (docs/demo-accounts.md). Only imported demo
 * customers without a password of their own get it; returns how many were set.
 */
export const DEMO_PASSWORD = "panier-demo";

export async function setDemoPasswords(db: Database, password: string = DEMO_PASSWORD): Promise<number> {
  const rows = await db.query<{ id: string }>(
    "SELECT id FROM customers WHERE password_hash IS NULL AND id LIKE 'cust-%' ORDER BY id",
  );
  if (rows.length === 0) return 0;
  // One salt for the batch: demo accounts share a documented password anyway, and scrypt is slow.
  const hash = await hashPassword(password);
  const updated = await db.query(
    "UPDATE customers SET password_hash = $2 WHERE id = ANY($1::text[]) AND password_hash IS NULL RETURNING id",
    [rows.map((r) => r.id), hash],
  );
  return updated.length;
}
