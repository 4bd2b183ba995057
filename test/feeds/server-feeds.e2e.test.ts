import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { XMLParser } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { runCli, type ServerProcess, startServerProcess } from "../support/server-process.js";

vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

/** `npm start` on a fresh folder publishes the feeds by itself, and every feed link leads to a page. */
describe("feeds of a running server", () => {
  let dataDir: string;
  let server: ServerProcess;
  const env = () => ({ PANIER_DATA_DIR: dataDir, PANIER_PUBLIC_URL: "https://shop.example" });

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "panier-feeds-e2e-"));
    server = await startServerProcess(env());
  });
  afterAll(async () => {
    await server?.stop("SIGKILL");
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("generates the feeds at start, off the request path, and serves them", async () => {
    let res: Response | undefined;
    for (let i = 0; i < 120; i++) {
      res = await fetch(`${server.url}/feeds/google/products.xml?store=LYO-PARTDIEU`);
      if (res.status === 200) break;
      expect(res.status).toBe(503);
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(res?.status).toBe(200);
    const items = new XMLParser({ parseTagValue: false }).parse(await res!.text()).rss.channel.item as Record<
      string,
      string
    >[];
    expect(items.length).toBeGreaterThan(600);
    // Feed links lead somewhere real (the public URL is the deployment's; the path is served here).
    for (const item of items.slice(0, 3)) {
      const path = new URL(item["g:link"]!).pathname;
      const page = await fetch(`${server.url}${path}`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<script type="application/ld+json">');
    }
  });

  it("validates through the running server from the CLI", async () => {
    const res = await runCli(["feed", "validate", "--store", "TLS-PURPAN"], env());
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toMatch(/products-TLS-PURPAN: 699 products, 699 in the feed, 0 left out for errors/);
  });
});
