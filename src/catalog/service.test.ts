import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, disposeTestDatabase, openDatabase, testDatabaseBackends } from "../db/index.js";
import type { Product } from "./product.js";
import {
  bumpCatalogVersion,
  bumpOffersVersion,
  type CatalogChange,
  catalogChangePayload,
  findProduct,
  loadActiveProducts,
  markCatalogChanged,
  markOffersChanged,
  parseCatalogChange,
  readCatalogVersion,
  readCatalogVersions,
} from "./repository.js";
import { CatalogService } from "./service.js";

const names = (products: Product[]) => products.map((p) => p.name);

async function insertProduct(db: Database, id: string, name: string, active = true): Promise<void> {
  await db.query(
    `INSERT INTO products (id, gtin, name, brand, quantity_text, category, labels, sold_by, price_cents, sales_30d, active)
     VALUES ($1, NULL, $2, 'Test', '6 x 1 L', 'Crèmerie > Laits', '{Bio}', 'unit', 599, 10, $3)`,
    [id, name, active],
  );
}

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.each(testDatabaseBackends())("catalog repository and service on $name", (backend) => {
  let db: Database;
  let service: CatalogService<string[]>;
  beforeAll(async () => {
    db = await backend.open();
    await insertProduct(db, "P1", "Lait entier");
    await insertProduct(db, "P0", "Lait retiré", false);
    await markCatalogChanged(db);
    service = await CatalogService.start(db, { buildIndex: names, pollMs: 0 });
  });
  afterAll(async () => {
    await service.stop();
    await disposeTestDatabase(db);
  });

  it("reads products back as the catalog model, hiding inactive ones from the index", async () => {
    const [p] = await loadActiveProducts(db);
    expect(p).toMatchObject({
      id: "P1",
      gtin: null,
      category: ["Crèmerie", "Laits"],
      labels: ["Bio"],
      quantity: { count: 6, amount: 1000, unit: "ml", net: 6000 },
      priceCents: 599,
    });
    expect(service.snapshot.index).toEqual(["Lait entier"]);
    expect((await findProduct(db, "P0"))?.active).toBe(false);
    expect(await findProduct(db, "nope")).toBeNull();
  });

  it("reloads when a change is announced", async () => {
    const before = service.version;
    await insertProduct(db, "P2", "Lait demi-écrémé");
    const version = await markCatalogChanged(db);
    expect(version).toBe(before + 1);
    await until(() => service.version === version);
    expect(service.snapshot.index).toEqual(["Lait entier", "Lait demi-écrémé"]);
    expect(service.snapshot.byId.get("P2")?.name).toBe("Lait demi-écrémé");
  });

  it("catches up by polling when a change was committed without a notification", async () => {
    const polled = await CatalogService.start(db, { buildIndex: names, pollMs: 50 });
    try {
      await insertProduct(db, "P3", "Lait de chèvre");
      const version = await bumpCatalogVersion((t, p) => db.query(t, p));
      await until(() => polled.version === version);
      expect(polled.snapshot.index).toContain("Lait de chèvre");
      expect(await readCatalogVersion(db)).toBe(version);
    } finally {
      await polled.stop();
    }
  });

  it("on an offers change, moves the offers version and tells listeners, keeping the index", async () => {
    await service.refresh(); // the polling test above committed a change this one never heard
    const heard: CatalogChange[] = [];
    const off = service.onChange((c) => heard.push(c));
    const snapshot = service.snapshot;
    const builds = service.buildCount;
    const version = await markOffersChanged(db);
    await until(() => service.offersVersion === version);
    expect(heard).toEqual([{ kind: "offers", version }]);
    expect(service.snapshot).toBe(snapshot);
    expect(service.buildCount).toBe(builds);
    expect(await readCatalogVersions(db)).toEqual({ catalog: snapshot.version, offers: version });
    off();
  });

  it("rebuilds on a product change and tells listeners before the new index is in place", async () => {
    const seenIndex: string[][] = [];
    const off = service.onChange((c) => {
      if (c.kind === "catalog") seenIndex.push(service.snapshot.index);
    });
    const builds = service.buildCount;
    const offers = service.offersVersion;
    await insertProduct(db, "P4", "Lait sans lactose");
    const version = await markCatalogChanged(db);
    await until(() => service.version === version);
    expect(service.buildCount).toBe(builds + 1);
    expect(service.offersVersion).toBe(offers);
    expect(seenIndex).toHaveLength(1);
    expect(seenIndex[0]).not.toContain("Lait sans lactose");
    expect(service.snapshot.index).toContain("Lait sans lactose");
    off();
  });

  it("catches up with a missed offers change by polling, without a rebuild", async () => {
    let built = 0;
    const polled = await CatalogService.start(db, {
      buildIndex: (p) => {
        built++;
        return names(p);
      },
      pollMs: 50,
    });
    try {
      const heard: CatalogChange[] = [];
      polled.onChange((c) => heard.push(c));
      const version = await bumpOffersVersion((t, p) => db.query(t, p));
      await until(() => polled.offersVersion === version);
      expect(heard).toEqual([{ kind: "offers", version }]);
      expect(built).toBe(1);
      expect(polled.buildCount).toBe(1);
    } finally {
      await polled.stop();
    }
  });
});

describe("catalog change payloads", () => {
  it("round-trip both kinds, keep the plain version for a product change, and reject others", () => {
    expect(catalogChangePayload({ kind: "catalog", version: 7 })).toBe("7");
    expect(catalogChangePayload({ kind: "offers", version: 7 })).toBe("offers:7");
    for (const c of [
      { kind: "catalog", version: 12 },
      { kind: "offers", version: 3 },
    ] as const)
      expect(parseCatalogChange(catalogChangePayload(c))).toEqual(c);
    for (const bad of ["", "offers:", "offers:x", "stock:3", "-1", "1.5"])
      expect(parseCatalogChange(bad)).toBeNull();
  });
});

const url = process.env.PANIER_TEST_DATABASE_URL;
describe.runIf(url)("catalog service across nodes on postgres", () => {
  let writer: Database;
  let reader: Database;
  let service: CatalogService<string[]>;
  beforeAll(async () => {
    writer = await testDatabaseBackends()[1]!.open();
    const [row] = await writer.query<{ s: string }>("SELECT current_schema() AS s");
    // A second node: its own pool and LISTEN connection on the same schema.
    reader = await openDatabase({ url, schemaName: row!.s, migrate: false });
    service = await CatalogService.start(reader, { buildIndex: names, pollMs: 0 });
  });
  afterAll(async () => {
    await service.stop();
    await reader.close();
    await disposeTestDatabase(writer);
  });

  it("follows a change another connection commits, through LISTEN/NOTIFY alone", async () => {
    await insertProduct(writer, "N1", "Beurre doux");
    const version = await markCatalogChanged(writer);
    await until(() => service.version === version);
    expect(service.snapshot.index).toEqual(["Beurre doux"]);
  });

  it("follows an offers change from another connection without rebuilding", async () => {
    const snapshot = service.snapshot;
    const builds = service.buildCount;
    const version = await markOffersChanged(writer);
    await until(() => service.offersVersion === version);
    expect(service.snapshot).toBe(snapshot);
    expect(service.buildCount).toBe(builds);
  });
});
