import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Database, disposeTestDatabase, testDatabaseBackends } from "../../db/index.js";
import { ImportAbortedError, type ImportProgress, importCatalog } from "./index.js";

const FIXTURES = join(import.meta.dirname, "../../../test/fixtures/import");
const fixture = (name: string) => join(FIXTURES, name);
const DEMO = join(import.meta.dirname, "../../../data/demo/catalog.fr.jsonl");

/** A stream with no file name: formats must be recognised by content alone. */
const streamOf = (name: string) => Readable.from([readFileSync(fixture(name))]);

interface Row {
  id: string;
  gtin: string | null;
  name: string;
  brand: string | null;
  quantity_text: string;
  category: string;
  labels: string[];
  sold_by: string;
  price_cents: number;
  image: string | null;
  description: string | null;
  sales_30d: number;
  active: boolean;
}

describe.each(testDatabaseBackends())("catalog import on $name", (backend) => {
  let db: Database;
  beforeAll(async () => {
    db = await backend.open();
  });
  afterAll(async () => {
    await disposeTestDatabase(db);
  });
  beforeEach(async () => {
    await db.query("TRUNCATE products CASCADE");
  });

  const products = () =>
    db.query<Row>(
      `SELECT id, gtin, name, brand, quantity_text, category, labels, sold_by, price_cents, image, description,
              sales_30d, active FROM products ORDER BY id`,
    );
  const version = async () =>
    Number((await db.query<{ v: string }>("SELECT version AS v FROM catalog_version"))[0]!.v);

  it("lands the same products from JSONL, comma CSV with BOM and CRLF, and semicolon CSV", async () => {
    const jsonl = await importCatalog(db, streamOf("catalog.jsonl"));
    expect(jsonl).toMatchObject({ format: "jsonl", read: 4, inserted: 4, badLines: 0, committed: true });
    const expected = await products();
    expect(expected.find((p) => p.id === "3456442527297")).toMatchObject({
      labels: ["Bio", "Sans lactose"],
      price_cents: 599,
      description: 'Le pack "familial", 6 briques; UHT',
    });
    expect(expected.find((p) => p.id === "4006381333931")).toMatchObject({ brand: null, sold_by: "weight" });
    for (const file of ["catalog-comma-bom.csv", "catalog-semicolon.csv"]) {
      await db.query("TRUNCATE products CASCADE");
      const report = await importCatalog(db, streamOf(file));
      expect(report, file).toMatchObject({
        format: "csv",
        read: 4,
        inserted: 4,
        badLines: 0,
        committed: true,
      });
      expect(await products(), file).toEqual(expected);
    }
  });

  it("maps Open Food Facts JSONL and TSV onto the same products, saying what it could not map", async () => {
    await importCatalog(db, streamOf("catalog.jsonl"));
    const reference = await products();
    const mapped = (rows: Row[]) =>
      rows
        .filter((r) => r.sold_by !== "weight")
        .map(({ id, gtin, name, brand, quantity_text, category, labels, image }) => ({
          id,
          gtin,
          name,
          brand,
          quantity_text,
          category,
          labels,
          image,
        }));
    for (const file of ["off.jsonl", "off.tsv"]) {
      await db.query("TRUNCATE products CASCADE");
      const report = await importCatalog(db, streamOf(file), { maxErrors: 1 });
      expect(report.format, file).toBe(file.endsWith("jsonl") ? "off-jsonl" : "off-csv");
      expect(report, file).toMatchObject({ read: 4, inserted: 3, badLines: 1, committed: true });
      // The short code "123" is a bad line that is still listed (TSV counts its header line).
      const line = file.endsWith("jsonl") ? 4 : 5;
      expect(report.errors).toEqual([expect.objectContaining({ line, field: "gtin", code: "invalid_gtin" })]);
      expect(report.unmappedFields).toEqual(expect.arrayContaining(["ingredients_text", "nutriscore_grade"]));
      expect(report.defaultedFields).toEqual(expect.arrayContaining(["price", "sold_by"]));
      expect(mapped(await products()), file).toEqual(mapped(reference));
    }
  });

  it("an Open Food Facts update keeps the prices it does not carry", async () => {
    await importCatalog(db, streamOf("catalog.jsonl"));
    const report = await importCatalog(db, streamOf("off.jsonl"), { maxErrors: 1 });
    expect(report).toMatchObject({ inserted: 0, committed: true });
    const milk = (await products()).find((p) => p.id === "3073363998823")!;
    expect(milk.price_cents).toBe(109);
    expect(milk.sales_30d).toBe(4927);
  });

  it("a file with bad lines changes nothing and lists every bad line", async () => {
    await importCatalog(db, streamOf("catalog.jsonl"));
    const before = await products();
    const v = await version();
    const report = await importCatalog(db, streamOf("catalog-broken.jsonl"));
    expect(report.committed).toBe(false);
    expect(report).toMatchObject({ read: 7, badLines: 5, inserted: 0, updated: 0 });
    expect(report.errors.map((e) => [e.line, e.field, e.code])).toEqual([
      [2, "gtin", "bad_check_digit"],
      [3, "quantity", "invalid_quantity"],
      [4, "price", "negative_price"],
      [5, "(line)", "invalid_json"],
      [7, "gtin", "duplicate"],
    ]);
    // The duplicate names both lines.
    expect(report.errors.at(-1)!.reason).toMatch(/3073363998823.*line 1/);
    expect(await products()).toEqual(before);
    expect(await version()).toBe(v);
  });

  it("CSV bad lines carry their line numbers, counting quoted fields that span lines", async () => {
    const csv = [
      "gtin,name,brand,quantity,category,labels,sold_by,price",
      '3073363998823,"Lait',
      'demi-écrémé",Lactel,1 L,Crèmerie > Laits,,unit,1.09',
      "3456442527298,Lait,Lactel,6 x 1 L,Crèmerie > Laits,,unit,5.99",
      "96385074,Yaourt,,4 x 125 g,Crèmerie,,unit,abc",
      '4006381333931,"Tomates ""grappe""",,au kg,Fruits,,weight,-3',
      "",
      "5000112637922,Cola,Coca-Cola,1 fût,Boissons,,unit,2.10",
    ].join("\n");
    const report = await importCatalog(db, Readable.from([csv]));
    expect(report).toMatchObject({ format: "csv", read: 5, badLines: 4, committed: false });
    expect(report.errors.map((e) => [e.line, e.field, e.code])).toEqual([
      [4, "gtin", "bad_check_digit"],
      [5, "price", "invalid_field"],
      [6, "price", "negative_price"],
      [8, "quantity", "invalid_quantity"],
    ]);
    const ok = await importCatalog(db, Readable.from([csv]), { maxErrors: 4 });
    expect(ok.inserted).toBe(1);
    expect((await products())[0]!.name).toBe("Lait\ndemi-écrémé");
  });

  it("an unreadable CSV (quote never closed) is a listed error, never a partial import", async () => {
    const csv = [
      "gtin,name,brand,quantity,category,labels,sold_by,price",
      "96385074,Yaourt,,4 x 125 g,Crèmerie,,unit,1.59",
      '3073363998823,"Lait,Lactel,1 L,Laits,,unit,1.09',
      "5000112637922,Cola,Coca-Cola,1 L,Boissons,,unit,2.10",
    ].join("\n");
    const report = await importCatalog(db, Readable.from([csv]), { maxErrors: 10 });
    expect(report.errors.map((e) => e.code)).toEqual(["invalid_csv"]);
    expect(report.committed).toBe(false);
    expect(await products()).toEqual([]);
  });

  it("--max-errors commits the good lines when the bad ones are few enough, still listing them", async () => {
    const tooStrict = await importCatalog(db, fixture("catalog-broken.jsonl"), { maxErrors: 4 });
    expect(tooStrict.committed).toBe(false);
    expect(await products()).toEqual([]);
    const report = await importCatalog(db, fixture("catalog-broken.jsonl"), { maxErrors: 5 });
    expect(report).toMatchObject({ committed: true, badLines: 5, inserted: 2 });
    expect(report.errors).toHaveLength(5);
    expect((await products()).map((p) => [p.id, p.name])).toEqual([
      ["3073363998823", "Lait demi-écrémé UHT"],
      ["5000112637922", "Cola"],
    ]);
  });

  it("delta adds and updates; full delists what the file no longer lists, and relists on return", async () => {
    await importCatalog(db, fixture("catalog.jsonl"));
    const lines = readFileSync(fixture("catalog.jsonl"), "utf8").trim().split("\n");
    const changed = JSON.parse(lines[0]!) as Record<string, unknown>;
    changed.price = 1.19;
    const partial = [JSON.stringify(changed), lines[1], lines[2]].join("\n");

    const delta = await importCatalog(db, Readable.from([partial]));
    expect(delta).toMatchObject({ mode: "delta", updated: 1, unchanged: 2, delisted: 0 });
    expect((await products()).filter((p) => p.active)).toHaveLength(4);

    const full = await importCatalog(db, Readable.from([partial]), { mode: "full" });
    expect(full).toMatchObject({ mode: "full", updated: 0, unchanged: 3, delisted: 1 });
    const rows = await products();
    expect(rows.filter((p) => !p.active).map((p) => p.id)).toEqual(["96385074"]);
    expect(rows.find((p) => p.id === "3073363998823")!.price_cents).toBe(119);

    const back = await importCatalog(db, fixture("catalog.jsonl"), { mode: "full" });
    expect(back).toMatchObject({ updated: 2, unchanged: 2, delisted: 0 });
    expect((await products()).every((p) => p.active)).toBe(true);
  });

  it("a full import does not delist a product whose line is bad but allowed", async () => {
    await importCatalog(db, fixture("catalog.jsonl"));
    const report = await importCatalog(db, fixture("catalog-broken.jsonl"), { mode: "full", maxErrors: 10 });
    expect(report.committed).toBe(true);
    // 3456442527297 (bad check digit in the file: another code) is gone; the others' lines are there.
    expect(report.delisted).toBe(1);
    expect((await products()).filter((p) => !p.active).map((p) => p.id)).toEqual(["3456442527297"]);
  });

  it("a full import of an empty file is refused instead of delisting everything", async () => {
    await importCatalog(db, fixture("catalog.jsonl"));
    const report = await importCatalog(db, Readable.from(["\n"]), { mode: "full" });
    expect(report).toMatchObject({ committed: false, delisted: 0 });
    expect(report.errors.map((e) => e.code)).toEqual(["empty_file"]);
    expect((await products()).every((p) => p.active)).toBe(true);
  });

  it("a GTIN another product already holds is a line error, not a failed run", async () => {
    await importCatalog(db, fixture("catalog.jsonl"));
    const kit = {
      id: "kit-1",
      gtin: "96385074",
      name: "Kit",
      quantity: "1 pièce",
      category: "Kits",
      sold_by: "unit",
      price: 9,
    };
    const report = await importCatalog(db, Readable.from([JSON.stringify(kit)]));
    expect(report.errors).toEqual([
      {
        line: 1,
        field: "gtin",
        reason: "GTIN 96385074 already belongs to product 96385074",
        code: "gtin_taken",
      },
    ]);
    expect(report.committed).toBe(false);
  });

  it("two imports at once of the same products in opposite orders both commit, one after the other", async () => {
    const lines = readFileSync(DEMO, "utf8").trim().split("\n");
    const repriced = lines
      .map((l) => {
        const r = JSON.parse(l) as { price: number };
        r.price = Math.round(r.price * 100 + 1) / 100;
        return JSON.stringify(r);
      })
      .reverse();
    const [a, b] = await Promise.all([
      // Small batches interleave the two runs: without the import lock they would deadlock.
      importCatalog(db, Readable.from([lines.join("\n")]), { batchSize: 50 }),
      importCatalog(db, Readable.from([repriced.join("\n")]), { batchSize: 50 }),
    ]);
    expect([a.committed, b.committed]).toEqual([true, true]);
    expect(a.inserted + b.inserted).toBe(699);
    expect((await products()).length).toBe(699);
  });

  it("importing the same file twice changes nothing the second time", async () => {
    const first = await importCatalog(db, DEMO);
    expect(first).toMatchObject({ read: 699, inserted: 699, committed: true });
    const v = await version();
    const stamps = await db.query<{ id: string; updated_at: Date }>(
      "SELECT id, updated_at FROM products ORDER BY id",
    );
    const second = await importCatalog(db, DEMO, { mode: "full" });
    expect(second).toMatchObject({ inserted: 0, updated: 0, unchanged: 699, delisted: 0, committed: true });
    expect(await version()).toBe(v);
    expect(await db.query("SELECT id, updated_at FROM products ORDER BY id")).toEqual(stamps);
  });

  it("a committed change bumps catalog_version and notifies catalog_changed", async () => {
    const heard: string[] = [];
    const stop = await db.listen("catalog_changed", (p) => heard.push(p));
    const before = await version();
    const report = await importCatalog(db, fixture("catalog.jsonl"));
    expect(report.catalogVersion).toBe(before + 1);
    await expect.poll(() => heard).toContain(String(before + 1));
    await stop();
  });

  it("aborting mid-file (Ctrl-C) rolls everything back", async () => {
    const controller = new AbortController();
    const seen: ImportProgress[] = [];
    const run = importCatalog(db, DEMO, {
      batchSize: 50,
      signal: controller.signal,
      onProgress: (p) => {
        seen.push(p);
        if (p.read >= 200) controller.abort();
      },
    });
    await expect(run).rejects.toBeInstanceOf(ImportAbortedError);
    expect(seen.length).toBeGreaterThan(1);
    expect(seen[0]!.bytesTotal).toBeGreaterThan(0);
    expect(await products()).toEqual([]);
  });
});
