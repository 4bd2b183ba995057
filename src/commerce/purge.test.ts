import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, disposeTestDatabase, testDatabaseBackends } from "../db/index.js";
import { type Commerce, IDEMPOTENCY_KEEP_MS, purgeExpiredCommerce } from "./index.js";
import { LYON_ADDRESS, P, openSeededCommerce, testClock } from "./test-fixtures.js";

const STORE = "LYO-PARTDIEU";

describe.each(testDatabaseBackends())("commerce clean-up on $name", (backend) => {
  let db: Database;
  let commerce: Commerce;
  const clock = testClock();

  beforeAll(async () => {
    ({ db, commerce } = await openSeededCommerce(backend, clock));
  });
  afterAll(async () => {
    await disposeTestDatabase(db);
  });

  async function heldCart(customerId: string) {
    await db.query("INSERT INTO customers (id, name, email) VALUES ($1, $1, $1 || '@example.org')", [
      customerId,
    ]);
    const cart = await commerce.carts.open({ storeCode: STORE, customerId });
    await commerce.carts.add(cart.id, { productId: P.cheese, quantity: 1 });
    const slot = (await commerce.slots.list(STORE, "delivery"))[0]!;
    await commerce.slots.hold({ cartId: cart.id, storeCode: STORE, slotId: slot.id, address: LYON_ADDRESS });
    return cart.id;
  }
  const holdsOf = async (cartId: string) =>
    (await db.query("SELECT 1 FROM slot_holds WHERE cart_id = $1", [cartId])).length;

  it("deletes lapsed holds and old idempotency records, keeps ordered holds and recent keys", async () => {
    const ordered = await heldCart("cust-purge-1");
    const first = await commerce.checkout({
      cartId: ordered,
      customerId: "cust-purge-1",
      idempotencyKey: "k-a",
    });
    const lapsed = await heldCart("cust-purge-2");
    const live = await heldCart("cust-purge-3");

    clock.advance(20); // past the 15-minute hold of the first two carts
    await commerce.slots.hold({
      cartId: live,
      storeCode: STORE,
      slotId: (await commerce.slots.list(STORE, "delivery"))[0]!.id,
      address: LYON_ADDRESS,
    });
    expect(await holdsOf(live)).toBe(2); // its lapsed hold and the new one
    // The lapsed holds of the second and third carts go; the ordered one and the new one stay.
    expect(await purgeExpiredCommerce(db, clock.now())).toEqual({ holds: 2, idempotencyKeys: 0 });
    expect(await holdsOf(lapsed)).toBe(0);
    expect(await holdsOf(ordered)).toBe(1); // the order still points at it
    expect(await holdsOf(live)).toBe(1);
    expect(await commerce.slots.activeHold(live)).not.toBeNull();

    // Within the keep time a retry still replays the first order.
    clock.advance(IDEMPOTENCY_KEEP_MS / 60_000 - 30);
    expect((await purgeExpiredCommerce(db, clock.now())).idempotencyKeys).toBe(0);
    const replay = await commerce.checkout({
      cartId: ordered,
      customerId: "cust-purge-1",
      idempotencyKey: "k-a",
    });
    expect(replay).toMatchObject({ replayed: true, order: { id: first.order.id } });

    clock.advance(60);
    expect((await purgeExpiredCommerce(db, clock.now())).idempotencyKeys).toBe(1);
    expect(await db.query("SELECT 1 FROM idempotency_keys")).toHaveLength(0);
    expect(await commerce.orders.get(first.order.id)).not.toBeNull();
    expect(await holdsOf(ordered)).toBe(1);
  });
});
