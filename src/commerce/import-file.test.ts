import { readFileSync } from "node:fs";
import { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, disposeTestDatabase, testDatabaseBackends } from "../db/index.js";
import { importDemoData, importFile } from "./import-file.js";

const DEMO = fileURLToPath(new URL("../../data/demo/", import.meta.url));
const fixture = (name: string) =>
  fileURLToPath(new URL(`../../test/fixtures/import/${name}`, import.meta.url));

describe.each(testDatabaseBackends())("stores, offers and customers import on $name", (backend) => {
  let db: Database;
  beforeAll(async () => {
    db = await backend.open();
    await importFile(db, "catalog", fixture("catalog.jsonl"));
  });
  afterAll(async () => {
    await disposeTestDatabase(db);
  });
  const count = async (table: string) =>
    Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`))[0]!.n);

  it("stores: a JSON array, bad elements named by the line they start on, nothing kept on error", async () => {
    const report = await importFile(db, "stores", fixture("stores-broken.json"));
    expect(report).toMatchObject({ format: "json", read: 4, badLines: 2, committed: false });
    expect(report.errors.map((e) => [e.line, e.field, e.code])).toEqual([
      [45, "timezone", "invalid_field"],
      [106, "code", "duplicate"],
    ]);
    expect(report.errors[1]!.reason).toMatch(/store LYO-PARTDIEU, already on line 2/);
    expect(await count("stores")).toBe(0);
    const demo = await importFile(db, "stores", `${DEMO}stores.fr.json`);
    expect(demo).toMatchObject({ inserted: 3, committed: true });
    const again = await importFile(db, "stores", `${DEMO}stores.fr.json`);
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 3 });
  });

  it("offers: unknown store or product, negative stock, bad promotion and duplicates are line errors", async () => {
    const report = await importFile(db, "offers", fixture("offers-broken.jsonl"));
    expect(report.committed).toBe(false);
    expect(report.errors.map((e) => [e.line, e.field, e.code])).toEqual([
      [3, "store", "unknown_store"],
      [4, "gtin", "unknown_product"],
      [5, "stock", "negative_value"],
      [6, "promotion.value", "invalid_field"],
      [7, "gtin", "duplicate"],
    ]);
    expect(await count("offers")).toBe(0);

    const allowed = await importFile(db, "offers", fixture("offers-broken.jsonl"), { maxErrors: 5 });
    expect(allowed).toMatchObject({ committed: true, inserted: 3, badLines: 5 });
    const rows = await db.query<{
      product_id: string;
      price_cents: number | null;
      stock: number;
      promotion: unknown;
    }>("SELECT product_id, price_cents, stock, promotion FROM offers ORDER BY store_code, product_id");
    expect(rows).toEqual([
      { product_id: "3073363998823", price_cents: 119, stock: 120, promotion: null },
      {
        product_id: "3456442527297",
        price_cents: null,
        stock: 3,
        promotion: { type: "x_for_y", buy: 3, pay: 2, label: "3 pour 2" },
      },
      expect.objectContaining({ product_id: "4006381333931", stock: 12.5 }),
    ]);
  });

  it("offers in full mode remove the offers of the named stores that the file no longer lists", async () => {
    const one = '{"store":"LYO-PARTDIEU","gtin":"3073363998823","stock":120,"price":1.19}\n';
    const delta = await importFile(db, "offers", Readable.from([one]));
    expect(delta).toMatchObject({ unchanged: 1, delisted: 0 });
    const full = await importFile(db, "offers", Readable.from([one]), { mode: "full" });
    // The LYO 6-pack offer goes; PAR-VOLTAIRE's offer stays (the file does not name that store).
    expect(full).toMatchObject({ unchanged: 1, delisted: 1 });
    expect((await db.query("SELECT store_code, product_id FROM offers ORDER BY 1, 2")).length).toBe(2);
  });

  it("customers: unknown store, unknown product in the history, duplicate email naming both lines", async () => {
    const report = await importFile(db, "customers", fixture("customers-broken.jsonl"));
    expect(report.committed).toBe(false);
    expect(report.errors.map((e) => [e.line, e.field, e.code])).toEqual([
      [2, "store", "unknown_store"],
      [3, "history.1.gtin", "unknown_product"],
      [4, "email", "duplicate"],
      [5, "email", "invalid_field"],
    ]);
    expect(report.errors[2]!.reason).toMatch(/already on line 1/);
    expect(await count("customers")).toBe(0);
    const ok = await importFile(db, "customers", fixture("customers-broken.jsonl"), { maxErrors: 4 });
    expect(ok).toMatchObject({ inserted: 1, committed: true });
    expect(await db.query("SELECT product_id, times FROM purchase_history ORDER BY product_id")).toEqual([
      { product_id: "3073363998823", times: 4 },
      { product_id: "96385074", times: 2 },
    ]);
    // A full file is each listed customer's whole history.
    const line = JSON.stringify({
      id: "c-ana",
      name: "Ana",
      email: "ana@example.org",
      store: "LYO-PARTDIEU",
      postal_code: "69003",
      history: [{ gtin: "3073363998823", times: 5 }],
    });
    const full = await importFile(db, "customers", Readable.from([line]), { mode: "full" });
    expect(full).toMatchObject({ updated: 1, committed: true });
    expect(await db.query("SELECT product_id, times FROM purchase_history")).toEqual([
      { product_id: "3073363998823", times: 5 },
    ]);
  });

  it("the demo data imports whole, and a second time changes nothing", async () => {
    await db.query("TRUNCATE purchase_history, customers, offers CASCADE");
    const first = await importDemoData(db, DEMO);
    expect(first.map((r) => [r.kind, r.committed, r.badLines])).toEqual([
      ["stores", true, 0],
      ["catalog", true, 0],
      ["offers", true, 0],
      ["customers", true, 0],
    ]);
    const offers = readFileSync(`${DEMO}offers.fr.jsonl`, "utf8").trim().split("\n").length;
    expect(await count("offers")).toBe(offers);
    const second = await importDemoData(db, DEMO);
    for (const r of second) {
      expect(r, r.kind).toMatchObject({
        inserted: 0,
        updated: 0,
        delisted: 0,
        unchanged: r.read,
        committed: true,
      });
    }
  });
});
