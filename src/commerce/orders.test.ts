import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, disposeTestDatabase, testDatabaseBackends } from "../db/index.js";
import type { Cart, Commerce, CommerceError } from "./index.js";
import { LYON_ADDRESS, P, refusal, openSeededCommerce, testClock } from "./test-fixtures.js";

const STORE = "LYO-PARTDIEU";

describe.each(testDatabaseBackends())("checkout and orders on $name", (backend) => {
  let db: Database;
  let commerce: Commerce;
  const clock = testClock();
  let customers = 0;

  beforeAll(async () => {
    ({ db, commerce } = await openSeededCommerce(backend, clock));
  });
  afterAll(async () => {
    await disposeTestDatabase(db);
  });

  /** A fresh shopper with an open cart at Lyon. */
  async function shopperCart(): Promise<{ customerId: string; cart: Cart }> {
    const customerId = `cust-t${++customers}`;
    await db.query("INSERT INTO customers (id, name, email) VALUES ($1, $1, $1 || '@example.org')", [
      customerId,
    ]);
    return { customerId, cart: await commerce.carts.open({ storeCode: STORE, customerId }) };
  }

  async function deliverySlot(index = 0) {
    return (await commerce.slots.list(STORE, "delivery"))[index]!;
  }

  /** Holds the first delivery slot for the cart, to the Lyon address. */
  async function holdDelivery(cartId: string) {
    return commerce.slots.hold({
      cartId,
      storeCode: STORE,
      slotId: (await deliverySlot()).id,
      address: LYON_ADDRESS,
    });
  }

  it("needs a held slot, then places the order with a snapshot of lines and prices", async () => {
    const { customerId, cart } = await shopperCart();
    await commerce.carts.add(cart.id, { productId: P.cheese, quantity: 1 });
    const noSlot = await refusal(commerce.checkout({ cartId: cart.id, customerId, idempotencyKey: "k1" }));
    expect(noSlot.code).toBe("slot_hold_required");
    const slot = await deliverySlot();
    await commerce.slots.hold({ cartId: cart.id, storeCode: STORE, slotId: slot.id, address: LYON_ADDRESS });
    const { order, replayed } = await commerce.checkout({
      cartId: cart.id,
      customerId,
      idempotencyKey: "k1",
    });
    expect(replayed).toBe(false);
    expect(order).toMatchObject({
      status: "placed",
      mode: "delivery",
      customerId,
      payment: { method: "pay_at_fulfilment", status: "pending" },
      estimated: { itemsCents: 4000, feeCents: 590, totalCents: 4590 },
      final: { itemsCents: 4000, totalCents: 4590 },
      address: LYON_ADDRESS,
    });
    expect(order.slot.id).toBe(slot.id);
    expect(order.lines).toHaveLength(1);
    // Later price changes do not touch the order; the cart is closed; the slot place stays taken.
    await db.query("UPDATE offers SET price_cents = 1 WHERE product_id = $1", [P.cheese]);
    expect((await commerce.orders.get(order.id))?.estimated.totalCents).toBe(4590);
    await db.query("UPDATE offers SET price_cents = NULL WHERE product_id = $1", [P.cheese]);
    expect((await commerce.carts.get(cart.id))?.status).toBe("ordered");
    expect((await commerce.slots.get(slot.id))?.taken).toBe(1);
    clock.advance(60);
    expect((await commerce.slots.get(slot.id))?.taken).toBe(1);
    clock.advance(-60);
    const next = await commerce.carts.open({ storeCode: STORE, customerId });
    expect(next.id).not.toBe(cart.id);
  });

  it("replays the first result for the same Idempotency-Key and refuses it with another body", async () => {
    const { customerId, cart } = await shopperCart();
    await commerce.carts.add(cart.id, { productId: P.cheese, quantity: 1 });
    await holdDelivery(cart.id);
    const first = await commerce.checkout({
      cartId: cart.id,
      customerId,
      idempotencyKey: "same",
      body: { note: "a" },
    });
    const again = await commerce.checkout({
      cartId: cart.id,
      customerId,
      idempotencyKey: "same",
      body: { note: "a" },
    });
    expect(again.replayed).toBe(true);
    expect(again.order.id).toBe(first.order.id);
    const other = await refusal(
      commerce.checkout({ cartId: cart.id, customerId, idempotencyKey: "same", body: { note: "b" } }),
    );
    expect(other.code).toBe("idempotency_key_reused");
    const newKey = await refusal(commerce.checkout({ cartId: cart.id, customerId, idempotencyKey: "new" }));
    expect(newKey.code).toBe("cart_closed");
    expect(await commerce.orders.list(customerId)).toHaveLength(1);
  });

  it("refuses a basket under the minimum, saying how much is missing", async () => {
    const { customerId, cart } = await shopperCart();
    await commerce.carts.add(cart.id, { productId: P.soap, quantity: 2 });
    await holdDelivery(cart.id);
    const err = await refusal(commerce.checkout({ cartId: cart.id, customerId, idempotencyKey: "min" }));
    expect(err.code).toBe("below_minimum_basket");
    expect(err.details).toMatchObject({ min_basket_cents: 3500, missing_cents: 3000 });
    // Pickup has a lower minimum (15 €): the same cart fails there too, by 10 €.
    const [pickup] = await commerce.slots.list(STORE, "pickup");
    await commerce.slots.hold({ cartId: cart.id, storeCode: STORE, slotId: pickup!.id });
    const p = await refusal(commerce.checkout({ cartId: cart.id, customerId, idempotencyKey: "min" }));
    expect(p.details).toMatchObject({ min_basket_cents: 1500, missing_cents: 1000 });
    // The failed attempts stored nothing under the key: after fixing the cart the same key works.
    await commerce.carts.set(cart.id, { productId: P.soap, quantity: 6 });
    const ok = await commerce.checkout({ cartId: cart.id, customerId, idempotencyKey: "min" });
    expect(ok.order).toMatchObject({
      mode: "pickup",
      address: null,
      estimated: { feeCents: 0, totalCents: 1500 },
    });
  });

  it("refuses delivery outside the store's zone", async () => {
    const { cart } = await shopperCart();
    const err = await refusal(
      commerce.slots.hold({
        cartId: cart.id,
        storeCode: STORE,
        slotId: (await deliverySlot()).id,
        address: { ...LYON_ADDRESS, postal_code: "75011" },
      }),
    );
    expect(err.code).toBe("outside_delivery_zone");
    expect(err.details?.postal_codes).toContain("69003");
  });

  it("refuses checkout once the hold has expired by itself", async () => {
    const { customerId, cart } = await shopperCart();
    await commerce.carts.add(cart.id, { productId: P.cheese, quantity: 1 });
    await commerce.slots.hold({
      cartId: cart.id,
      storeCode: STORE,
      slotId: (await deliverySlot(2)).id,
      address: LYON_ADDRESS,
    });
    clock.advance(16);
    try {
      const err = await refusal(commerce.checkout({ cartId: cart.id, customerId, idempotencyKey: "late" }));
      expect(err.code).toBe("slot_hold_required");
    } finally {
      clock.advance(-16);
    }
  });

  it("refuses checkout once orders for the held slot have closed", async () => {
    const { customerId, cart } = await shopperCart();
    await commerce.carts.add(cart.id, { productId: P.cheese, quantity: 1 });
    const slot = await deliverySlot();
    const saved = clock.now().toISOString();
    // Hold 10 minutes before orders close; 11 minutes later the hold still runs but the slot is closed.
    clock.set(new Date(slot.cutoffAt.getTime() - 10 * 60_000).toISOString());
    try {
      await commerce.slots.hold({
        cartId: cart.id,
        storeCode: STORE,
        slotId: slot.id,
        address: LYON_ADDRESS,
      });
      clock.advance(11);
      const err = await refusal(commerce.checkout({ cartId: cart.id, customerId, idempotencyKey: "closed" }));
      expect(err.code).toBe("slot_closed");
    } finally {
      clock.set(saved);
    }
    await commerce.slots.release(cart.id);
  });

  it("re-checks stock at checkout and takes it", async () => {
    const { customerId, cart } = await shopperCart();
    await commerce.carts.add(cart.id, { productId: P.beer, quantity: 8 });
    await holdDelivery(cart.id);
    await db.query("UPDATE offers SET stock = 5 WHERE product_id = $1 AND store_code = $2", [P.beer, STORE]);
    const err = await refusal(commerce.checkout({ cartId: cart.id, customerId, idempotencyKey: "stock" }));
    expect(err.code).toBe("out_of_stock");
    expect(err.details?.lines).toEqual([{ product_id: P.beer, name: "Bière blonde" }]);
    await db.query("UPDATE offers SET stock = 30 WHERE product_id = $1 AND store_code = $2", [P.beer, STORE]);
    await commerce.checkout({ cartId: cart.id, customerId, idempotencyKey: "stock" });
    const [row] = await db.query<{ stock: number }>(
      "SELECT stock FROM offers WHERE product_id = $1 AND store_code = $2",
      [P.beer, STORE],
    );
    expect(Number(row!.stock)).toBe(22);
  });

  it("prices weighed lines on an estimate, then on the real weight when prepared", async () => {
    const { customerId, cart } = await shopperCart();
    await commerce.carts.add(cart.id, { productId: P.tomatoes, weightG: 1500 });
    await commerce.carts.add(cart.id, { productId: P.apples, weightG: 1000 });
    await commerce.carts.add(cart.id, { productId: P.cheese, quantity: 1 });
    await holdDelivery(cart.id);
    const { order } = await commerce.checkout({ cartId: cart.id, customerId, idempotencyKey: "w" });
    // 1.5 kg x 3.49 = 5.24 (rounded); 1 kg x 2.54 - 10 % = 2.29; + 40.00; + 5.90 delivery.
    expect(order.estimated).toMatchObject({ itemsCents: 4753, feeCents: 590, totalCents: 5343 });
    expect(order.final).toBeNull();
    const partly = await commerce.orders.prepare(order.id, { [P.tomatoes]: 1620 });
    expect(partly.status).toBe("preparing");
    expect(partly.lines[0]).toMatchObject({
      weightG: 1500,
      finalWeightG: 1620,
      totalCents: 524,
      finalTotalCents: 565,
    });
    expect(partly.final).toBeNull();
    const weighed = await commerce.orders.prepare(order.id, { [P.apples]: 940 });
    // 0.94 kg x 2.54 = 2.39, -10 % = 2.15.
    expect(weighed.lines[1]).toMatchObject({ finalWeightG: 940, finalTotalCents: 215 });
    expect(weighed.final).toMatchObject({ itemsCents: 565 + 215 + 4000, totalCents: 565 + 215 + 4000 + 590 });
    expect(weighed.estimated.totalCents).toBe(5343);
    expect(weighed.final?.vat.reduce((s, v) => s + v.gross_cents, 0)).toBe(weighed.final?.totalCents);
    const bad = await refusal(commerce.orders.prepare(order.id, { [P.cheese]: 200 }));
    expect(bad.code).toBe("not_weighed");
    expect((await refusal(commerce.orders.ready(order.id))).code).toBe("invalid_transition");
    const out = await commerce.orders.outForDelivery(order.id);
    expect(out.status).toBe("out_for_delivery");
    const done = await commerce.orders.complete(order.id);
    expect(done).toMatchObject({ status: "completed", payment: { status: "paid" } });
    // Completed orders feed the purchase history.
    const usual = await commerce.history.usual(customerId);
    expect(usual.map((u) => [u.productId, u.times]).sort()).toEqual(
      [
        [P.apples, 1],
        [P.cheese, 1],
        [P.tomatoes, 1],
      ].sort(),
    );
    expect((await refusal(commerce.orders.cancel(order.id, { kind: "store" }))).code).toBe(
      "invalid_transition",
    );
  });

  it("settles unweighed lines at their estimate when a pickup order is ready", async () => {
    const { customerId, cart } = await shopperCart();
    await commerce.carts.add(cart.id, { productId: P.tomatoes, weightG: 5000 });
    const [pickup] = await commerce.slots.list(STORE, "pickup");
    await commerce.slots.hold({ cartId: cart.id, storeCode: STORE, slotId: pickup!.id });
    const { order } = await commerce.checkout({ cartId: cart.id, customerId, idempotencyKey: "p" });
    await commerce.orders.prepare(order.id);
    expect((await refusal(commerce.orders.outForDelivery(order.id))).code).toBe("invalid_transition");
    const ready = await commerce.orders.ready(order.id);
    expect(ready.final).toMatchObject({
      itemsCents: order.estimated.itemsCents,
      totalCents: order.estimated.totalCents,
    });
  });

  it("lets the shopper cancel before the cut-off, giving back the slot and the stock", async () => {
    const { customerId, cart } = await shopperCart();
    await commerce.carts.add(cart.id, { productId: P.cheese, quantity: 1 });
    const slot = await deliverySlot(5);
    await commerce.slots.hold({ cartId: cart.id, storeCode: STORE, slotId: slot.id, address: LYON_ADDRESS });
    const { order } = await commerce.checkout({ cartId: cart.id, customerId, idempotencyKey: "c" });
    expect((await commerce.slots.get(slot.id))?.taken).toBe(1);
    const stranger = await refusal(
      commerce.orders.cancel(order.id, { kind: "shopper", customerId: "cust-b" }),
    );
    expect(stranger.status).toBe(404);
    const cancelled = await commerce.orders.cancel(
      order.id,
      { kind: "shopper", customerId },
      "changed my mind",
    );
    expect(cancelled).toMatchObject({
      status: "cancelled",
      cancelledBy: "shopper",
      payment: { status: "voided" },
    });
    expect((await commerce.slots.get(slot.id))?.taken).toBe(0);
  });

  it("refuses the shopper's cancellation after the cut-off; the store may still cancel", async () => {
    const { customerId, cart } = await shopperCart();
    await commerce.carts.add(cart.id, { productId: P.cheese, quantity: 1 });
    const slot = await deliverySlot(4);
    await commerce.slots.hold({ cartId: cart.id, storeCode: STORE, slotId: slot.id, address: LYON_ADDRESS });
    const { order } = await commerce.checkout({ cartId: cart.id, customerId, idempotencyKey: "late-cancel" });
    const saved = clock.now().toISOString();
    clock.set(new Date(slot.cutoffAt.getTime() + 60_000).toISOString());
    try {
      const late = await refusal(commerce.orders.cancel(order.id, { kind: "shopper", customerId }));
      expect(late.code).toBe("cancel_too_late");
      const byStore = await commerce.orders.cancel(order.id, { kind: "store" }, "no driver");
      expect(byStore).toMatchObject({ status: "cancelled", cancelledBy: "store", cancelReason: "no driver" });
    } finally {
      clock.set(saved);
    }
  });

  it("refills a cart from the last order or the usual basket, reporting what it could not add", async () => {
    const { customerId, cart } = await shopperCart();
    await commerce.carts.add(cart.id, { productId: P.cheese, quantity: 1 });
    await commerce.carts.add(cart.id, { productId: P.tomatoes, weightG: 800 });
    await commerce.carts.add(cart.id, { productId: P.milkOther, quantity: 2 });
    await holdDelivery(cart.id);
    await commerce.checkout({ cartId: cart.id, customerId, idempotencyKey: "r" });
    await db.query("UPDATE offers SET stock = 0 WHERE product_id = $1 AND store_code = $2", [
      P.milkOther,
      STORE,
    ]);
    const fresh = await commerce.carts.open({ storeCode: STORE, customerId });
    const again = await commerce.reorder.lastOrder(customerId, fresh.id);
    expect(again.cart.lines.map((l) => [l.productId, l.quantity ?? l.weightG])).toEqual([
      [P.cheese, 1],
      [P.tomatoes, 800],
    ]);
    expect(again.skipped).toMatchObject([{ productId: P.milkOther, code: "out_of_stock" }]);
    await db.query("UPDATE offers SET stock = 40 WHERE product_id = $1 AND store_code = $2", [
      P.milkOther,
      STORE,
    ]);
    await db.query(
      "INSERT INTO purchase_history (customer_id, product_id, times) VALUES ($1, $2, 5), ($1, $3, 1)",
      [customerId, P.soap, P.beer],
    );
    const usual = await commerce.reorder.usual(customerId, fresh.id);
    expect(usual.added).toEqual([{ productId: P.soap, quantity: 1 }]);
  });

  it.runIf(backend.name === "postgres")(
    "never sells stock twice when shoppers check out at once",
    async () => {
      await db.query("UPDATE offers SET stock = 5 WHERE product_id = $1 AND store_code = $2", [
        P.soap,
        STORE,
      ]);
      const [pickup] = await commerce.slots.list(STORE, "pickup");
      const shoppers = [];
      for (let i = 0; i < 10; i++) {
        const s = await shopperCart();
        // Half add the products the other way round: the row locks must not deadlock.
        const order = i % 2 ? [P.soap, P.cheese] : [P.cheese, P.soap];
        for (const productId of order) await commerce.carts.add(s.cart.id, { productId, quantity: 1 });
        await commerce.slots.hold({ cartId: s.cart.id, storeCode: STORE, slotId: pickup!.id });
        shoppers.push(s);
      }
      const results = await Promise.allSettled(
        shoppers.map((s) =>
          commerce.checkout({ cartId: s.cart.id, customerId: s.customerId, idempotencyKey: "race" }),
        ),
      );
      const codes = results.map((r) =>
        r.status === "fulfilled" ? "placed" : (r.reason as CommerceError).code,
      );
      expect(codes.filter((c) => c === "placed")).toHaveLength(5);
      expect(codes.filter((c) => c === "out_of_stock")).toHaveLength(5);
      const [row] = await db.query<{ stock: number }>(
        "SELECT stock FROM offers WHERE product_id = $1 AND store_code = $2",
        [P.soap, STORE],
      );
      expect(Number(row!.stock)).toBe(0);
    },
  );

  it.runIf(backend.name === "postgres")(
    "creates one order from 20 concurrent checkouts with one key",
    async () => {
      const { customerId, cart } = await shopperCart();
      await commerce.carts.add(cart.id, { productId: P.cheese, quantity: 1 });
      await commerce.slots.hold({
        cartId: cart.id,
        storeCode: STORE,
        slotId: (await deliverySlot(1)).id,
        address: LYON_ADDRESS,
      });
      const results = await Promise.all(
        Array.from({ length: 20 }, () =>
          commerce.checkout({ cartId: cart.id, customerId, idempotencyKey: "burst" }),
        ),
      );
      expect(new Set(results.map((r) => r.order.id)).size).toBe(1);
      expect(results.filter((r) => !r.replayed)).toHaveLength(1);
      const [row] = await db.query<{ n: string }>("SELECT count(*) AS n FROM orders WHERE customer_id = $1", [
        customerId,
      ]);
      expect(Number(row!.n)).toBe(1);
    },
  );
});
