import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withCheckDigit } from "../src/catalog/index.js";
import { importDemoData, importFile } from "../src/commerce/index.js";
import { type Database, disposeTestDatabase, openDatabase, testDatabaseBackends } from "../src/db/index.js";
import { buildApp } from "../src/http/app.js";
import { loadConfig } from "../src/http/config.js";
import type { AppDeps } from "../src/http/deps.js";
import { closeAppServices, createAppServices } from "../src/http/services.js";
import { DEMO_DIR } from "./scenarios/harness.js";

const STORE = "LYO-PARTDIEU";

interface Hit {
  id: string;
  name: string;
  offer?: { price_cents: number; stock: number };
}
interface SearchBody {
  catalog_version: number;
  items: Hit[];
}

async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > end) throw new Error(`never came: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * A retailer sends offers (stock, price, promotion) many times a day. Two API nodes on one
 * database: an offers import must show its prices and stock on both, through the caches of what
 * a store sells, while neither rebuilds its product index (seconds per node on a large catalog);
 * a catalog import still rebuilds it on both. The fallback poll is a minute, so the change
 * travels by notification (on PostgreSQL across connections; on PGlite within the process).
 */
describe.each(testDatabaseBackends())("offers and catalog changes across two nodes on $name", (backend) => {
  let db: Database;
  let second: Database | undefined;
  let dir: string;
  const nodes: { app: FastifyInstance; deps: AppDeps }[] = [];
  const gtin = withCheckDigit("376999000111");
  const name = "Kéfir de fruits gingembre";

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "panier-offers-"));
    db = await backend.open();
    await importDemoData(db, DEMO_DIR);
    if (backend.name === "postgres") {
      const [row] = await db.query<{ s: string }>("SELECT current_schema() AS s");
      second = await openDatabase({
        url: process.env.PANIER_TEST_DATABASE_URL,
        schemaName: row!.s,
        migrate: false,
      });
    }
    for (const nodeDb of [db, second ?? db]) {
      const deps = await createAppServices(nodeDb, loadConfig({}), { catalogPollMs: 60_000 });
      nodes.push({ deps, app: await buildApp(deps, { logger: false }) });
    }
  }, 120_000);
  afterAll(async () => {
    for (const n of nodes) {
      await n.app.close();
      await closeAppServices(n.deps);
    }
    await second?.close();
    await disposeTestDatabase(db);
    rmSync(dir, { recursive: true, force: true });
  });

  const search = async (node: number, query: string) =>
    (await nodes[node]!.app.inject({ method: "GET", url: `/v1/products?${query}` })).json() as SearchBody;
  /** One shopper's turn on a node; the ids of what the cart holds after it. */
  const addKefir = async (node: number, conversation: string) => {
    const res = await nodes[node]!.app.inject({
      method: "POST",
      url: `/v1/conversations/${conversation}/turns`,
      payload: { text: "ajoute un kéfir de fruits gingembre", locale: "fr-FR", storeId: STORE },
    });
    expect(res.statusCode).toBe(200);
    return (res.json() as { cart: { lines: { id: string }[] } }).cart.lines.map((l) => l.id);
  };
  const file = (fileName: string, lines: object[]) => {
    const path = join(dir, fileName);
    writeFileSync(path, lines.map((l) => `${JSON.stringify(l)}\n`).join(""));
    return path;
  };

  it("rebuilds both nodes' index on a catalog import", async () => {
    const builds = nodes.map((n) => n.deps.catalog.buildCount);
    const path = file("catalog.jsonl", [
      {
        gtin,
        name,
        brand: "Fermentée",
        quantity: "75 cl",
        category: "Boissons > Boissons fermentées",
        sold_by: "unit",
        price: 3.5,
        sales_30d: 3,
      },
    ]);
    const report = await importFile(db, "catalog", path, { mode: "delta" });
    expect(report).toMatchObject({ committed: true, inserted: 1 });
    for (const [i, n] of nodes.entries()) {
      const body = await until(
        () => search(i, "q=kefir"),
        (b) => b.items.some((h) => h.id === gtin),
      );
      expect(body.catalog_version).toBe(report.catalogVersion);
      expect(n.deps.catalog.buildCount).toBe(builds[i]! + 1);
      // Not sold in the store yet: neither search nor the dialog (its stock map) offers it.
      expect((await search(i, `q=kefir&store=${STORE}`)).items.map((h) => h.id)).not.toContain(gtin);
      expect(await addKefir(i, `kefir-before-${i}`)).not.toContain(gtin);
    }
  });

  it("shows an offers import's stock and prices on both nodes without rebuilding either index", async () => {
    const [sold] = await db.query<{ id: string; name: string; price_cents: number | null }>(
      `SELECT p.id, p.name, o.price_cents FROM offers o JOIN products p ON p.id = o.product_id
       WHERE o.store_code = $1 AND p.name ILIKE 'Lait demi-écrémé%' ORDER BY p.id LIMIT 1`,
      [STORE],
    );
    const before = nodes.map((n) => ({
      snapshot: n.deps.catalog.snapshot,
      builds: n.deps.catalog.buildCount,
      offers: n.deps.catalog.offersVersion,
    }));
    // Prime each node's cache of what the store sells at the current offers version.
    for (const i of nodes.keys()) await search(i, `q=kefir&store=${STORE}`);
    const newPrice = (sold!.price_cents ?? 100) + 7;
    const path = file("offers.jsonl", [
      { store: STORE, gtin, stock: 12, price: 3.29 },
      { store: STORE, product_id: sold!.id, stock: 5, price: newPrice / 100 },
    ]);
    const heard: string[] = [];
    const unlisten = await db.listen("catalog_changed", (p) => heard.push(p));
    const report = await importFile(db, "offers", path, { mode: "delta" });
    expect(report).toMatchObject({ committed: true, inserted: 1, updated: 1 });
    expect(report.catalogVersion).toBeUndefined();
    expect(report.offersVersion).toBe(before[0]!.offers + 1);
    await expect.poll(() => heard).toEqual([`offers:${report.offersVersion}`]);
    await unlisten();

    for (const [i, n] of nodes.entries()) {
      const kefir = await until(
        () => search(i, `q=kefir&store=${STORE}`),
        (b) => b.items.some((h) => h.id === gtin),
      );
      expect(kefir.items.find((h) => h.id === gtin)!.offer).toMatchObject({ price_cents: 329, stock: 12 });
      const milk = await search(i, `q=${encodeURIComponent(sold!.name)}&store=${STORE}&limit=50`);
      expect(milk.items.find((h) => h.id === sold!.id)?.offer).toMatchObject({
        price_cents: newPrice,
        stock: 5,
      });
      expect(n.deps.catalog.offersVersion).toBe(report.offersVersion);
      // The same index object and build count: no rebuild for products that did not change.
      expect(n.deps.catalog.snapshot).toBe(before[i]!.snapshot);
      expect(n.deps.catalog.buildCount).toBe(before[i]!.builds);
      expect(kefir.catalog_version).toBe(before[i]!.snapshot.version);
      // The dialog's stock map follows the offers version, not only its few-second expiry.
      expect(await addKefir(i, `kefir-after-${i}`)).toContain(gtin);
    }
  });

  it("bumps nothing for an offers file that changes nothing", async () => {
    const versions = await db.query<{ version: string; offers_version: string }>(
      "SELECT version, offers_version FROM catalog_version",
    );
    const path = file("same.jsonl", [{ store: STORE, gtin, stock: 12, price: 3.29 }]);
    const report = await importFile(db, "offers", path, { mode: "delta" });
    expect(report).toMatchObject({ committed: true, unchanged: 1, updated: 0 });
    expect(report.offersVersion).toBeUndefined();
    expect(await db.query("SELECT version, offers_version FROM catalog_version")).toEqual(versions);
  });
});
