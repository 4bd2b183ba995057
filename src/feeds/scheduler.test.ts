import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, disposeTestDatabase, testDatabaseBackends } from "../db/index.js";
import { importOffers } from "../stores/index.js";
import { FeedGenerator } from "./generate.js";
import { startFeedScheduler } from "./scheduler.js";
import { insertDemoStores, insertOffers, insertProducts, demoProducts } from "./test-seed.js";

async function until(check: () => boolean, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.each(testDatabaseBackends())("feed scheduler on $name", (backend) => {
  let db: Database;
  let dir: string;
  beforeAll(async () => {
    db = await backend.open();
    await insertProducts(db, demoProducts().slice(0, 30));
    await insertDemoStores(db);
    await insertOffers(
      db,
      demoProducts()
        .slice(0, 30)
        .map((p) => ({ store: "TLS-PURPAN", gtin: p.id, stock: 5 })),
    );
    dir = mkdtempSync(join(tmpdir(), "panier-feed-sched-"));
  });
  afterAll(async () => {
    await disposeTestDatabase(db);
    rmSync(dir, { recursive: true, force: true });
  });

  it("generates missing files at start and regenerates after a catalog change", async () => {
    const generator = new FeedGenerator(db, { dir, publicUrl: "https://shop.example" });
    const xml = generator.path("products.xml", "TLS-PURPAN");
    expect(existsSync(xml)).toBe(false);
    const scheduler = await startFeedScheduler(db, generator, { debounceMs: 20 });
    try {
      await until(() => existsSync(xml) && generator.meta("products.xml", "TLS-PURPAN") !== null);
      await generator.settled();
      expect(await generator.complete()).toBe(true);
      const first = generator.meta("products.xml", "TLS-PURPAN")!;

      const id = demoProducts()[0]!.id;
      await db.query("UPDATE products SET name = 'Lait renommé' WHERE id = $1", [id]);
      await db.notify("catalog_changed", "2");
      await until(() => generator.meta("products.xml", "TLS-PURPAN")?.etag !== first.etag);
      await generator.settled();
      expect(readFileSync(xml, "utf8")).toContain("Lait renommé");
    } finally {
      await scheduler.stop();
    }
  });

  it("regenerates after an offers-only import: prices and stock are in the feeds", async () => {
    const generator = new FeedGenerator(db, { dir, publicUrl: "https://shop.example" });
    const scheduler = await startFeedScheduler(db, generator, { debounceMs: 20 });
    try {
      await generator.generateAll();
      const first = generator.meta("products.xml", "TLS-PURPAN")!;
      const gtin = demoProducts()[1]!.id;
      const file = join(dir, "offers.jsonl");
      writeFileSync(file, `${JSON.stringify({ store: "TLS-PURPAN", gtin, stock: 2, price: 12.34 })}\n`);
      const report = await importOffers(db, file, { mode: "delta" });
      expect(report).toMatchObject({ committed: true, updated: 1, catalogVersion: undefined });
      await until(() => generator.meta("products.xml", "TLS-PURPAN")?.etag !== first.etag);
      await generator.settled();
      expect(readFileSync(generator.path("products.xml", "TLS-PURPAN"), "utf8")).toContain("12.34 EUR");
    } finally {
      await scheduler.stop();
    }
  });

  it("runs one generation at a time and folds overlapping requests into one more run", async () => {
    let runs = 0;
    const generator = new FeedGenerator(db, { dir, publicUrl: "https://shop.example", log: () => runs++ });
    const results = await Promise.all([
      generator.generateAll(),
      generator.generateAll(),
      generator.generateAll(),
    ]);
    expect(runs).toBe(2);
    expect(results[1]).toBe(results[2]);
    expect(generator.busy).toBe(false);
  });

  it("does not regenerate fresh, complete files at start", async () => {
    const generator = new FeedGenerator(db, { dir, publicUrl: "https://shop.example" });
    const before = generator.meta("products.xml", null)!;
    const scheduler = await startFeedScheduler(db, generator, { debounceMs: 20 });
    await new Promise((r) => setTimeout(r, 300));
    expect(generator.busy).toBe(false);
    await scheduler.stop();
    expect(generator.meta("products.xml", null)).toEqual(before);
  });
});
