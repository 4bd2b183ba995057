import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { acquireLock, DataDirLockedError, lockPath, readLock, updateLockUrl } from "./lock.js";

describe("data folder lock", () => {
  let dir: string;
  beforeEach(() => {
    dir = join(mkdtempSync(join(tmpdir(), "panier-lock-")), "data");
  });
  afterEach(() => rmSync(join(dir, ".."), { recursive: true, force: true }));

  it("is taken, read, updated and released by its holder", () => {
    const release = acquireLock(dir, "http://127.0.0.1:0");
    expect(readLock(dir)).toMatchObject({ pid: process.pid, url: "http://127.0.0.1:0" });
    updateLockUrl(dir, "http://127.0.0.1:4321");
    expect(readLock(dir)?.url).toBe("http://127.0.0.1:4321");
    release();
    expect(existsSync(lockPath(dir))).toBe(false);
    expect(readLock(dir)).toBeUndefined();
  });

  it("refuses while another live process holds it, saying who", () => {
    acquireLock(dir, "x")(); // creates the folder
    writeFileSync(
      lockPath(dir),
      JSON.stringify({ pid: process.ppid, url: "http://127.0.0.1:3000", startedAt: "" }),
    );
    expect(() => acquireLock(dir, "cli:import")).toThrow(DataDirLockedError);
    expect(() => acquireLock(dir, "cli:import")).toThrow(`pid ${process.ppid}, http://127.0.0.1:3000`);
    writeFileSync(lockPath(dir), JSON.stringify({ pid: process.ppid, url: "cli:import", startedAt: "" }));
    expect(() => acquireLock(dir, "http://127.0.0.1:3000")).toThrow(/in use by `panier import`/);
  });

  it("takes over a lock left by a process that died", () => {
    acquireLock(dir, "x")();
    writeFileSync(lockPath(dir), JSON.stringify({ pid: 2 ** 22 + 12345, url: "http://old", startedAt: "" }));
    expect(readLock(dir)).toBeUndefined();
    const release = acquireLock(dir, "http://new");
    expect(readLock(dir)?.url).toBe("http://new");
    release();
  });
});
