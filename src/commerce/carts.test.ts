import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, disposeTestDatabase, testDatabaseBackends } from "../db/index.js";
import { type Commerce, toCartSummary } from "./index.js";
import { P, refusal, openSeededCommerce, testClock } from "./test-fixtures.js";

const STORE = "LYO-PARTDIEU";

describe.each(testDatabaseBackends())("carts on $name", (backend) => {
  let db: Database;
  let commerce: Commerce;
  const clock = testClock();
  beforeAll(async () => {
    ({ db, commerce } = await openSeededCommerce(backend, clock));
  });
  afterAll(async () => {
    await disposeTestDatabase(db);
  });

  it("keeps one open cart per shopper and store", async () => {
    const a = await commerce.carts.open({ storeCode: STORE, customerId: "cust-a" });
    const again = await commerce.carts.open({ storeCode: STORE, customerId: "cust-a" });
    const other = await commerce.carts.open({ storeCode: "PAR-VOLTAIRE", customerId: "cust-a" });
    expect(again.id).toBe(a.id);
    expect(other.id).not.toBe(a.id);
  });

  it("adds units and weights, prices them, and gives DESIGN's summary shape", async () => {
    const cart = await commerce.carts.open({ storeCode: STORE, conversationId: "conv-1" });
    await commerce.carts.add(cart.id, { productId: P.milkOther, quantity: 2 });
    const after = await commerce.carts.add(cart.id, { productId: P.tomatoes, weightG: 1500 });
    expect(toCartSummary(after)).toEqual({
      lines: [
        { id: P.milkOther, gtin: P.milkOther, name: "Lait demi-écrémé", quantity: 2, total_cents: 210 },
        { id: P.tomatoes, gtin: P.tomatoes, name: "Tomates grappe", weight_g: 1500, total_cents: 524 },
      ],
      total_cents: 734,
    });
    expect(after.lines[1]!.estimated).toBe(true);
    expect(after.totals.estimated).toBe(true);
    // Adding again adds up; setting sets; removing part leaves the rest.
    const more = await commerce.carts.add(cart.id, { productId: P.milkOther, quantity: 1 });
    expect(more.lines[0]!.quantity).toBe(3);
    const set = await commerce.carts.set(cart.id, { productId: P.milkOther, quantity: 5 });
    expect(set.lines[0]!.quantity).toBe(5);
    const less = await commerce.carts.remove(cart.id, { productId: P.milkOther, quantity: 2 });
    expect(less.lines[0]!.quantity).toBe(3);
    const gone = await commerce.carts.remove(cart.id, { productId: P.milkOther });
    expect(gone.lines.map((l) => l.productId)).toEqual([P.tomatoes]);
    const cleared = await commerce.carts.clear(cart.id);
    expect(toCartSummary(cleared)).toEqual({ lines: [], total_cents: 0 });
  });

  it("refuses a product the store does not sell, with the closest alternatives", async () => {
    const cart = await commerce.carts.open({ storeCode: STORE, conversationId: "conv-2" });
    const err = await refusal(commerce.carts.add(cart.id, { productId: P.notSold, quantity: 1 }));
    expect(err.code).toBe("not_sold_here");
    const alts = ((err.details?.alternatives ?? []) as { id: string }[]).map((a) => a.id);
    // Parent category (Laits) products in stock, the same brand first; never the out-of-stock bio.
    expect(alts[0]).toBe(P.milk);
    expect(alts).toContain(P.milkOther);
    expect(alts).not.toContain(P.milkBio);
  });

  it("refuses what is out of stock or beyond stock, and the per-line limit", async () => {
    const cart = await commerce.carts.open({ storeCode: STORE, conversationId: "conv-3" });
    const none = await refusal(commerce.carts.add(cart.id, { productId: P.milkBio, quantity: 1 }));
    expect(none.code).toBe("out_of_stock");
    expect(((none.details?.alternatives ?? []) as { id: string }[]).map((a) => a.id)).toEqual([
      P.milk,
      P.milkOther,
    ]);
    const apples = await refusal(commerce.carts.add(cart.id, { productId: P.apples, weightG: 3000 }));
    expect(apples.code).toBe("insufficient_stock");
    expect(apples.details?.available).toBe(2500);
    await db.query("UPDATE offers SET stock = 500 WHERE product_id = $1", [P.milk]);
    await commerce.carts.add(cart.id, { productId: P.milk, quantity: 99 });
    const limit = await refusal(commerce.carts.add(cart.id, { productId: P.milk, quantity: 1 }));
    expect(limit.code).toBe("line_limit");
    await db.query("UPDATE stores SET settings = $1 WHERE code = $2", [
      JSON.stringify({ max_units_per_line: 5 }),
      STORE,
    ]);
    const lower = await refusal(commerce.carts.set(cart.id, { productId: P.milk, quantity: 6 }));
    expect(lower.code).toBe("line_limit");
    expect(lower.details?.max).toBe(5);
    await db.query("UPDATE stores SET settings = NULL WHERE code = $1", [STORE]);
    await db.query("UPDATE offers SET stock = 100 WHERE product_id = $1", [P.milk]);
  });

  it("needs grams for products sold by weight and units for the others", async () => {
    const cart = await commerce.carts.open({ storeCode: STORE, conversationId: "conv-4" });
    expect((await refusal(commerce.carts.add(cart.id, { productId: P.tomatoes, quantity: 2 }))).code).toBe(
      "weight_required",
    );
    expect((await refusal(commerce.carts.add(cart.id, { productId: P.milk, weightG: 200 }))).code).toBe(
      "quantity_required",
    );
  });

  it("records substitution preferences per line", async () => {
    const cart = await commerce.carts.open({ storeCode: STORE, conversationId: "conv-5" });
    await commerce.carts.add(cart.id, { productId: P.milk, quantity: 1 });
    await commerce.carts.add(cart.id, { productId: P.cheese, quantity: 1, substitution: { kind: "refuse" } });
    const c = await commerce.carts.substitution(cart.id, P.milk, {
      kind: "alternative",
      productId: P.milkOther,
    });
    expect(c.lines.map((l) => l.substitution)).toEqual([
      { kind: "alternative", productId: P.milkOther },
      { kind: "refuse" },
    ]);
    const bad = await refusal(
      commerce.carts.substitution(cart.id, P.milk, { kind: "alternative", productId: P.notSold }),
    );
    expect(bad.code).toBe("not_sold_here");
  });

  it("attaches a conversation's anonymous cart to the shopper once known", async () => {
    const anon = await commerce.carts.open({ storeCode: STORE, conversationId: "conv-6" });
    await commerce.carts.add(anon.id, { productId: P.soap, quantity: 2 });
    const shopper = await commerce.carts.open({ storeCode: STORE, customerId: "cust-b" });
    await commerce.carts.add(shopper.id, { productId: P.soap, quantity: 1 });
    const merged = await commerce.carts.open({
      storeCode: STORE,
      customerId: "cust-b",
      conversationId: "conv-6",
    });
    expect(merged.id).toBe(shopper.id);
    expect(merged.lines.find((l) => l.productId === P.soap)?.quantity).toBe(3);
    // The conversation now gets a fresh anonymous cart, the old one is closed.
    const fresh = await commerce.carts.open({ storeCode: STORE, conversationId: "conv-6" });
    expect(fresh.id).not.toBe(anon.id);
    expect(fresh.lines).toEqual([]);
  });

  it("shows a cart only to its owner", async () => {
    const cart = await commerce.carts.open({ storeCode: STORE, customerId: "cust-a" });
    expect((await commerce.carts.getOwned(cart.id, "cust-a")).id).toBe(cart.id);
    expect((await refusal(commerce.carts.getOwned(cart.id, "cust-b"))).status).toBe(404);
  });
});
