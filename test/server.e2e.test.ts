import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getJson, runCli, type ServerProcess, startServerProcess } from "./support/server-process.js";

// Real processes on a 2-core machine shared with other suites: allow for slow starts.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

interface Hit {
  id: string;
  name: string;
  category: string[];
}

/**
 * The README's first command on a fresh machine: `npm start` serves the demo store on the
 * embedded database. Runs the real command in its own process on an empty data folder.
 */
describe("panier serve on the embedded database", () => {
  let dataDir: string;
  let server: ServerProcess;
  let adminKey: string;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "panier-e2e-"));
    server = await startServerProcess({ PANIER_DATA_DIR: dataDir });
    adminKey = readFileSync(join(dataDir, "admin.key"), "utf8").trim();
  });
  afterAll(async () => {
    await server?.stop("SIGKILL");
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("serves the demo store on first start: search finds the demi-écrémé milks first", async () => {
    const { status, body } = await getJson<{ items: Hit[] }>(
      `${server.url}/v1/products?q=${encodeURIComponent("lait demi-écrémé")}&limit=10`,
    );
    expect(status).toBe(200);
    expect(body.items).toHaveLength(10);
    for (const hit of body.items) expect(hit.name).toMatch(/^Lait demi-écrémé/);
    const stores = await getJson<{ items: unknown[] }>(`${server.url}/v1/stores`);
    expect(stores.body.items).toHaveLength(3);
  });

  it("creates an admin key in admin.key, readable by its owner only, and prints the path, never the key", async () => {
    expect(statSync(join(dataDir, "admin.key")).mode & 0o777).toBe(0o600);
    expect(server.output()).toContain(join(dataDir, "admin.key"));
    expect(server.output()).not.toContain(adminKey);
    expect((await getJson(`${server.url}/v1/admin/keys`, adminKey)).status).toBe(200);
    expect((await getJson(`${server.url}/v1/admin/keys`)).status).toBe(401);
  });

  it("routes `panier keys create` through the running server; `panier demo load` refuses", async () => {
    const created = await runCli(["keys", "create", "--name", "voice", "--scopes", "channel"], {
      PANIER_DATA_DIR: dataDir,
    });
    expect(created.code, created.stderr).toBe(0);
    const secret = created.stdout.trim();
    expect(secret).toMatch(/^pnr_/);
    expect((await getJson(`${server.url}/v1/admin/keys`, secret)).status).toBe(403);
    expect((await getJson(`${server.url}/v1/products?q=pain`, secret)).status).toBe(200);
    expect(server.output()).not.toContain(secret);

    const demo = await runCli(["demo", "load"], { PANIER_DATA_DIR: dataDir });
    expect(demo.code).not.toBe(0);
    expect(demo.stderr).toMatch(/holds the embedded database/);
  });

  it("refuses a second server on the same data folder, naming the one that holds it", async () => {
    await expect(startServerProcess({ PANIER_DATA_DIR: dataDir })).rejects.toThrow(
      /in use by a Panier server \(pid \d+, http:\/\/127\.0\.0\.1:\d+\)/,
    );
    expect((await getJson(`${server.url}/healthz`)).status).toBe(200);
  });

  it("stops gracefully on SIGTERM and starts again on the same data without reloading the demo", async () => {
    expect(existsSync(join(dataDir, "server.lock"))).toBe(true);
    expect(await server.stop("SIGTERM")).toBe(0);
    expect(server.output()).toMatch(/"msg":"stopped"/);
    expect(existsSync(join(dataDir, "server.lock"))).toBe(false);

    const keys = await runCli(["keys", "list", "--json"], { PANIER_DATA_DIR: dataDir });
    expect(keys.code, keys.stderr).toBe(0);
    expect((JSON.parse(keys.stdout) as { name: string }[]).map((k) => k.name)).toContain("voice");

    server = await startServerProcess({ PANIER_DATA_DIR: dataDir });
    expect(server.output()).not.toMatch(/loading the demo data/);
    expect(readFileSync(join(dataDir, "admin.key"), "utf8").trim()).toBe(adminKey);
    const { body } = await getJson<{ items: Hit[] }>(`${server.url}/v1/products?q=lait&limit=1`);
    expect(body.items).toHaveLength(1);
    expect(await server.stop("SIGINT")).toBe(0);
  });
});
