import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, disposeTestDatabase, testDatabaseBackends } from "../db/index.js";
import {
  AccountError,
  checkCredentials,
  createSession,
  DEMO_PASSWORD,
  hashPassword,
  revokeSession,
  sessionTokenResolver,
  setDemoPasswords,
  signUp,
  verifyPassword,
} from "./index.js";

describe("password hashing", () => {
  it("hashes with scrypt and a salt, and verifies only the right password", async () => {
    const a = await hashPassword("correct horse");
    const b = await hashPassword("correct horse");
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword("correct horse", a)).toBe(true);
    expect(await verifyPassword("correct hors", a)).toBe(false);
    expect(await verifyPassword("x", "bcrypt$whatever")).toBe(false);
  });
});

describe.each(testDatabaseBackends())("shopper accounts and sessions on $name", (backend) => {
  let db: Database;
  beforeAll(async () => {
    db = await backend.open();
  });
  afterAll(async () => {
    await disposeTestDatabase(db);
  });

  it("signs up, refuses a second account on the same email, and signs in", async () => {
    const s = await signUp(db, { email: " Lea@Example.org ", password: "s3cret-pass", name: "Léa" });
    expect(s.email).toBe("lea@example.org");
    await expect(
      signUp(db, { email: "lea@example.org", password: "another-pass", name: "L" }),
    ).rejects.toMatchObject({
      code: "email_taken",
    });
    await expect(signUp(db, { email: "x@example.org", password: "short", name: "X" })).rejects.toBeInstanceOf(
      AccountError,
    );
    expect((await checkCredentials(db, "LEA@example.org", "s3cret-pass"))?.id).toBe(s.id);
    expect(await checkCredentials(db, "lea@example.org", "wrong-pass")).toBeNull();
    expect(await checkCredentials(db, "nobody@example.org", "s3cret-pass")).toBeNull();
    const [row] = await db.query<{ password_hash: string }>(
      "SELECT password_hash FROM customers WHERE id = $1",
      [s.id],
    );
    expect(row!.password_hash).not.toContain("s3cret");
  });

  it("issues session tokens stored only as hashes, which expire and can be revoked", async () => {
    const s = await signUp(db, { email: "tom@example.org", password: "tom-password", name: "Tom" });
    let now = new Date("2026-11-25T08:00:00Z");
    const resolve = sessionTokenResolver(db, () => now);
    const session = await createSession(db, s.id, { now });
    expect(await resolve(session.token)).toEqual({ kind: "shopper", customerId: s.id });
    expect(await resolve("pnr_somekey")).toBeNull();
    expect(await resolve(`${session.token}x`)).toBeNull();
    const stored = await db.query<{ token_hash: string }>(
      "SELECT token_hash FROM sessions WHERE customer_id = $1",
      [s.id],
    );
    expect(stored[0]!.token_hash).not.toBe(session.token);
    now = new Date(session.expiresAt.getTime() + 1);
    expect(await resolve(session.token)).toBeNull();
    now = new Date("2026-11-25T08:00:00Z");
    expect(await revokeSession(db, session.token)).toBe(true);
    expect(await resolve(session.token)).toBeNull();
  });

  it("gives imported demo shoppers the documented demo password", async () => {
    await db.query(
      "INSERT INTO customers (id, name, email) VALUES ('cust-claire', 'Claire', 'claire.martin@example.org')",
    );
    expect(await setDemoPasswords(db)).toBe(1);
    expect((await checkCredentials(db, "claire.martin@example.org", DEMO_PASSWORD))?.id).toBe("cust-claire");
    // Run again (a second demo load): nothing changes.
    expect(await setDemoPasswords(db)).toBe(0);
  });
});
