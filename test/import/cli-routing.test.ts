import { type ChildProcess, execFile, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";

/**
 * `panier import` on the embedded database while a server holds the data folder: the file goes
 * through the server's admin API, or the command refuses; it never opens the PGlite folder itself.
 */
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const FIXTURE = join(ROOT, "test/fixtures/import/catalog.jsonl");

function panier(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", join(ROOT, "src/cli/main.ts"), ...args],
      { cwd: ROOT, env: { ...process.env, DATABASE_URL: "", PANIER_API_KEY: "", ...env }, timeout: 60_000 },
      (err, stdout, stderr) => resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe("panier import while a server holds the embedded database", () => {
  let dataDir: string;
  let fake: Server | undefined;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), "panier-import-"));
  });
  afterEach(async () => {
    await new Promise((r) => (fake ? fake.close(r) : r(undefined)));
    fake = undefined;
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** A stand-in server: holds the lock (this live process's pid) and records what it is sent. */
  async function fakeServer(status = 200) {
    const seen: { url: string; auth?: string; body: string }[] = [];
    fake = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        seen.push({
          url: req.url ?? "",
          auth: req.headers.authorization,
          body: Buffer.concat(chunks).toString(),
        });
        const report = {
          kind: "catalog",
          format: "jsonl",
          mode: "full",
          read: 4,
          inserted: 4,
          updated: 0,
          unchanged: 0,
          delisted: 0,
          badLines: 0,
          errors: [],
          committed: true,
          durationMs: 5,
        };
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(report));
      });
    });
    await new Promise<void>((r) => fake!.listen(0, "127.0.0.1", r));
    const url = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`;
    writeFileSync(join(dataDir, "server.lock"), JSON.stringify({ pid: process.pid, url, startedAt: "now" }));
    return seen;
  }

  it("sends the file through the server's admin API with the admin key file", async () => {
    const seen = await fakeServer();
    writeFileSync(join(dataDir, "admin.key"), "pnr_test_secret\n", { mode: 0o600 });
    const run = await panier(["import", "catalog", FIXTURE, "--mode", "full", "--max-errors", "2"], {
      PANIER_DATA_DIR: dataDir,
    });
    expect(run.stderr).toContain("importing through");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/4 inserted.*committed/);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.auth).toBe("Bearer pnr_test_secret");
    const url = new URL(seen[0]!.url, "http://x");
    expect(url.pathname).toBe("/v1/admin/imports");
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      kind: "catalog",
      mode: "full",
      max_errors: "2",
    });
    expect(seen[0]!.body).toBe(readFileSync(FIXTURE, "utf8"));
    // The CLI never opened the PGlite folder.
    expect(existsSync(join(dataDir, "db"))).toBe(false);
  });

  it("refuses, changing nothing, when the server does not answer or no admin key is at hand", async () => {
    await fakeServer();
    const noKey = await panier(["import", "catalog", FIXTURE], { PANIER_DATA_DIR: dataDir });
    expect(noKey.code).not.toBe(0);
    expect(noKey.stderr).toMatch(/no admin key.*Nothing was imported/);

    await new Promise((r) => fake!.close(r));
    fake = undefined;
    const silent = await panier(["import", "catalog", FIXTURE], {
      PANIER_DATA_DIR: dataDir,
      PANIER_API_KEY: "k",
    });
    expect(silent.code).not.toBe(0);
    expect(silent.stderr).toMatch(/does not answer.*Nothing was imported/);
    expect(existsSync(join(dataDir, "db"))).toBe(false);
  });
});

describe("panier import against a real running server (child process)", () => {
  let dataDir: string;
  let server: ChildProcess | undefined;
  afterAll(async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((r) => server!.once("exit", r));
      server.kill("SIGTERM");
      await exited;
    }
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it("routes the import through it, and the server serves the new products at once", async () => {
    dataDir = mkdtempSync(join(tmpdir(), "panier-serve-"));
    server = spawn(process.execPath, ["--import", "tsx", join(ROOT, "src/cli/main.ts"), "serve"], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: "",
        PANIER_API_KEY: "",
        PANIER_DATA_DIR: dataDir,
        PORT: "0",
        PANIER_DEMO: "off",
        LOG_LEVEL: "warn",
      },
      stdio: "ignore",
    });
    let url = "";
    await expect
      .poll(
        async () => {
          try {
            const lock = JSON.parse(readFileSync(join(dataDir, "server.lock"), "utf8")) as { url: string };
            if (!/:\d+$/.test(lock.url) || lock.url.endsWith(":0")) return false;
            url = lock.url;
            return (await fetch(`${url}/healthz`)).ok && existsSync(join(dataDir, "admin.key"));
          } catch {
            return false;
          }
        },
        { timeout: 60_000, interval: 250 },
      )
      .toBe(true);
    const bad = await panier(["import", "catalog", join(ROOT, "test/fixtures/import/catalog-broken.jsonl")], {
      PANIER_DATA_DIR: dataDir,
    });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("line 2: gtin: GTIN check digit is wrong");
    const good = await panier(["import", "catalog", FIXTURE], { PANIER_DATA_DIR: dataDir });
    expect(good.stderr).toContain("importing through");
    expect(good.code).toBe(0);
    await expect
      .poll(async () =>
        (
          (await (await fetch(`${url}/v1/products?q=yaourt`)).json()) as { items: { id: string }[] }
        ).items.map((i) => i.id),
      )
      .toContain("96385074");
  }, 120_000);
});
