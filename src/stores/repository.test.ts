import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findProduct } from "../catalog/index.js";
import { type Database, disposeTestDatabase, testDatabaseBackends } from "../db/index.js";
import { OfferedProductsCache } from "./offered-cache.js";
import { priceOffer } from "./priced-offer.js";
import { StoreCache } from "./store-cache.js";
import {
  countOffers,
  findOffer,
  findOffers,
  findStore,
  listStores,
  offeredProductIds,
} from "./repository.js";

const FULFILLMENT = {
  pickup: {
    fee: 0,
    min_basket: 15,
    slots: { days: ["mon"], from: "10:00", to: "12:00", length_min: 60, capacity: 5 },
  },
};

describe.each(testDatabaseBackends())("stores and offers on $name", (backend) => {
  let db: Database;
  beforeAll(async () => {
    db = await backend.open();
    await db.query(
      `INSERT INTO stores (code, name, kind, timezone, price_factor, address, opening_hours, fulfillment)
       VALUES ('PAR', 'Paris', 'supermarket', 'Europe/Paris', 1.06, $1, NULL, $2)`,
      [{ street: "1 rue X", postal_code: "75011", city: "Paris", country: "FR" }, FULFILLMENT],
    );
    for (const [id, q, soldBy, price] of [
      ["A", "1 L", "unit", 109],
      ["B", "au kg", "weight", 299],
      ["C", "6 x 1 L", "unit", 599],
    ] as const) {
      await db.query(
        `INSERT INTO products (id, name, quantity_text, category, sold_by, price_cents) VALUES ($1, $1, $2, 'X > Y', $3, $4)`,
        [id, q, soldBy, price],
      );
    }
    await db.query(
      `INSERT INTO offers (store_code, product_id, stock, price_cents, promotion) VALUES
       ('PAR', 'A', 12, NULL, '{"type":"percent","value":20,"label":"-20%"}'),
       ('PAR', 'B', 3.5, 349, '{"type":"x_for_y","buy":3,"pay":2,"ends_at":"2000-01-01T00:00:00Z"}')`,
    );
  });
  afterAll(async () => {
    await disposeTestDatabase(db);
  });

  it("reads stores with their fulfilment terms", async () => {
    expect((await listStores(db)).map((s) => s.code)).toEqual(["PAR"]);
    const store = await findStore(db, "PAR");
    expect(store).toMatchObject({ name: "Paris", priceFactor: 1.06, fulfillment: FULFILLMENT });
    expect(await findStore(db, "NOPE")).toBeNull();
  });

  it("knows what a store sells: a product without an offer line is not sold there", async () => {
    expect(await offeredProductIds(db, "PAR")).toEqual(new Set(["A", "B"]));
    expect(await findOffer(db, "PAR", "C")).toBeNull();
    expect([...(await findOffers(db, "PAR", ["A", "C"])).keys()]).toEqual(["A"]);
    expect(await countOffers(db, "PAR")).toBe(2);
    const cache = new OfferedProductsCache(db, 60_000);
    expect((await cache.get("PAR", 1)).has("A")).toBe(true);
  });

  it("serves the previous set of what a store sells while the new offers version's set is read", async () => {
    const cache = new OfferedProductsCache(db, 60_000);
    expect(await cache.get("PAR", 1)).toEqual(new Set(["A", "B"]));
    await db.query("INSERT INTO offers (store_code, product_id, stock) VALUES ('PAR', 'C', 4)");
    try {
      expect(await cache.get("PAR", 1)).toEqual(new Set(["A", "B"])); // same version: cached
      cache.refresh(2); // what the node does on hearing of an offers change
      expect(await cache.get("PAR", 2)).toEqual(new Set(["A", "B"])); // read in flight: no wait
      await expect.poll(() => cache.get("PAR", 2)).toEqual(new Set(["A", "B", "C"]));
      // A store never read is awaited, not guessed.
      expect(await new OfferedProductsCache(db).get("PAR", 2)).toEqual(new Set(["A", "B", "C"]));
    } finally {
      await db.query("DELETE FROM offers WHERE store_code = 'PAR' AND product_id = 'C'");
    }
  });

  it("prices an offer by the rule: the store's price wins, else catalog x factor; stale promotions hidden", async () => {
    const store = (await findStore(db, "PAR"))!;
    const milk = priceOffer((await findProduct(db, "A"))!, store, (await findOffer(db, "PAR", "A"))!);
    expect(milk).toMatchObject({
      priceCents: 116, // 109 x 1.06 = 115.54
      priceSource: "catalog",
      promotion: { type: "percent", value: 20 },
      promotionPriceCents: 93,
      stock: 12,
      stockUnit: "unit",
      unitPrice: { cents: 116, per: "l" },
    });
    const loose = priceOffer((await findProduct(db, "B"))!, store, (await findOffer(db, "PAR", "B"))!);
    expect(loose).toMatchObject({
      priceCents: 349,
      priceSource: "store",
      promotion: null,
      stock: 3.5,
      stockUnit: "kg",
      unitPrice: { cents: 349, per: "kg" },
    });
  });
  it("caches stores briefly, but finds a store created after a miss at once", async () => {
    const cache = new StoreCache(db, 60_000);
    expect(await cache.get("LIL")).toBeNull();
    await db.query(
      `INSERT INTO stores (code, name, timezone, address, fulfillment) VALUES ('LIL', 'Lille', 'Europe/Paris', $1, $2)`,
      [{ street: "2 rue Y", postal_code: "59000", city: "Lille", country: "FR" }, FULFILLMENT],
    );
    expect((await cache.get("LIL"))?.name).toBe("Lille");
    await db.query("UPDATE stores SET name = 'Lille Centre' WHERE code = 'LIL'");
    expect((await cache.get("LIL"))?.name).toBe("Lille");
    expect((await new StoreCache(db, 0).get("LIL"))?.name).toBe("Lille Centre");
  });
});
