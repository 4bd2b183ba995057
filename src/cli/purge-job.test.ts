import pino from "pino";
import { describe, expect, it } from "vitest";
import type { Database } from "../db/index.js";
import { startPurgeJob } from "./purge-job.js";

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Records the DELETE statements; optionally fails them. */
function fakeDb(fail = false) {
  const statements: string[] = [];
  const db = {
    query: async (sql: string) => {
      statements.push(sql);
      if (fail) throw new Error("connection refused");
      return [];
    },
  } as unknown as Database;
  return { db, statements };
}

function memoryLog() {
  const lines: Record<string, unknown>[] = [];
  const log = pino({ level: "info" }, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { log, lines };
}

describe("periodic purge job", () => {
  it("purges sessions, holds and idempotency keys repeatedly, and stops", async () => {
    const { db, statements } = fakeDb();
    const { log, lines } = memoryLog();
    const job = startPurgeJob(db, log, { firstDelayMs: 1, intervalMs: 30 });
    await wait(100);
    await job.stop();
    const runs = lines.filter((l) => l.msg === "expired rows purged").length;
    expect(runs).toBeGreaterThanOrEqual(2);
    for (const table of ["sessions", "slot_holds", "idempotency_keys", "sign_in_attempts"]) {
      expect(statements.some((s) => s.includes(`DELETE FROM ${table}`))).toBe(true);
    }
    const after = statements.length;
    await wait(80);
    expect(statements.length).toBe(after);
  });

  it("logs a failure and keeps going", async () => {
    const { db, statements } = fakeDb(true);
    const { log, lines } = memoryLog();
    const job = startPurgeJob(db, log, { firstDelayMs: 1, intervalMs: 30 });
    await wait(100);
    await job.stop();
    const failures = lines.filter((l) => l.msg === "purge failed");
    expect(failures.length).toBeGreaterThanOrEqual(2);
    expect(statements.length).toBe(failures.length);
  });
});
