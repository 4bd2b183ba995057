import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, disposeTestDatabase, testDatabaseBackends } from "../db/index.js";
import {
  createSession,
  purgeExpiredIdentity,
  revokeSession,
  signInWithLimit,
  signUp,
  TooManyAttemptsError,
  verifySessionToken,
} from "./index.js";

describe.each(testDatabaseBackends())("sign-in throttling and identity clean-up on $name", (backend) => {
  let db: Database;
  beforeAll(async () => {
    db = await backend.open();
    await signUp(db, { email: "ana@example.org", password: "ana-password", name: "Ana" });
    await signUp(db, { email: "ben@example.org", password: "ben-password", name: "Ben" });
  });
  afterAll(async () => {
    await disposeTestDatabase(db);
  });

  const at = (minutes: number) => new Date(Date.parse("2026-11-25T08:00:00Z") + minutes * 60_000);

  it("refuses even the right password after 5 failures, until the window passes; others unaffected", async () => {
    for (let i = 0; i < 5; i++) {
      expect(await signInWithLimit(db, "ana@example.org", "wrong-pass", { now: at(i) })).toBeNull();
    }
    const refused = await signInWithLimit(db, " ANA@example.org", "ana-password", { now: at(5) }).catch(
      (e) => e,
    );
    expect(refused).toBeInstanceOf(TooManyAttemptsError);
    expect(refused).toMatchObject({ status: 429, code: "too_many_attempts" });
    expect(refused.retryAfterS).toBe(10 * 60); // the window opened at the first failure (minute 0)
    expect((await signInWithLimit(db, "ben@example.org", "ben-password", { now: at(5) }))?.name).toBe("Ben");
    // Still refused just before the window ends, allowed after it.
    await expect(signInWithLimit(db, "ana@example.org", "ana-password", { now: at(14) })).rejects.toThrow(
      TooManyAttemptsError,
    );
    expect((await signInWithLimit(db, "ana@example.org", "ana-password", { now: at(15) }))?.name).toBe("Ana");
  });

  it("a success resets the count", async () => {
    for (let i = 0; i < 4; i++) await signInWithLimit(db, "ben@example.org", "nope-nope", { now: at(100) });
    expect(await signInWithLimit(db, "ben@example.org", "ben-password", { now: at(101) })).not.toBeNull();
    for (let i = 0; i < 5; i++) await signInWithLimit(db, "ben@example.org", "nope-nope", { now: at(102) });
    await expect(signInWithLimit(db, "ben@example.org", "ben-password", { now: at(103) })).rejects.toThrow(
      TooManyAttemptsError,
    );
  });

  it("stores no email address in the attempts table", async () => {
    const rows = await db.query<{ email_hash: string }>("SELECT email_hash FROM sign_in_attempts");
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r.email_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("purges expired and revoked sessions and ended sign-in windows, keeping live ones", async () => {
    const [ana] = await db.query<{ id: string }>("SELECT id FROM customers WHERE email = 'ana@example.org'");
    const id = ana?.id as string;
    await createSession(db, id, { now: at(0), days: 1 });
    const live = await createSession(db, id, { now: at(0), days: 30 });
    const revoked = await createSession(db, id, { now: at(0), days: 30 });
    expect(await revokeSession(db, revoked.token, at(1))).toBe(true);
    const count = async (sql: string, params: unknown[] = []) => (await db.query(sql, params)).length;

    // Ben's throttle window opened at minute 102: still live at minute 110.
    expect(await purgeExpiredIdentity(db, at(110))).toEqual({ sessions: 1, signInAttempts: 0 });
    expect(await count("SELECT 1 FROM sign_in_attempts")).toBe(1);
    expect(await count("SELECT 1 FROM sessions WHERE customer_id = $1", [id])).toBe(2);

    const later = at(2 * 24 * 60);
    expect(await purgeExpiredIdentity(db, later)).toEqual({ sessions: 1, signInAttempts: 1 });
    expect(await count("SELECT 1 FROM sign_in_attempts")).toBe(0);
    expect(await count("SELECT 1 FROM sessions WHERE customer_id = $1", [id])).toBe(1);
    expect(await verifySessionToken(db, live.token, later)).toBe(id);
  });
});
