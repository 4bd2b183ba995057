import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, disposeTestDatabase, testDatabaseBackends } from "../db/index.js";
import { type Commerce, defaultVatRules, promotionSaving, vatBreakdown, vatRateFor } from "./index.js";
import { LYON_ADDRESS, P, openSeededCommerce, testClock } from "./test-fixtures.js";

const vat = defaultVatRules();

describe("promotion arithmetic", () => {
  it("takes a percentage off the line", () => {
    expect(promotionSaving({ type: "percent", value: 20 }, 109, 3, 327)).toBe(65);
  });
  it("discounts the second unit of each pair only", () => {
    expect(promotionSaving({ type: "second_item_percent", value: 50 }, 200, 1, 200)).toBe(0);
    expect(promotionSaving({ type: "second_item_percent", value: 50 }, 200, 3, 600)).toBe(100);
    expect(promotionSaving({ type: "second_item_percent", value: 50 }, 200, 4, 800)).toBe(200);
  });
  it("gives the free units of each complete group for x_for_y", () => {
    expect(promotionSaving({ type: "x_for_y", buy: 3, pay: 2 }, 290, 2, 580)).toBe(0);
    expect(promotionSaving({ type: "x_for_y", buy: 3, pay: 2 }, 290, 7, 2030)).toBe(580);
    // Multi-unit promotions do not apply to weighed lines.
    expect(promotionSaving({ type: "x_for_y", buy: 3, pay: 2 }, 290, null, 2030)).toBe(0);
  });
});

describe("promotion invariants", () => {
  const promo = fc.oneof(
    fc.record({ type: fc.constant("percent" as const), value: fc.integer({ min: 1, max: 100 }) }),
    fc.record({ type: fc.constant("second_item_percent" as const), value: fc.integer({ min: 1, max: 100 }) }),
    fc
      .record({ buy: fc.integer({ min: 2, max: 6 }), pay: fc.integer({ min: 1, max: 5 }) })
      .map((r) => ({ type: "x_for_y" as const, ...r })),
  );
  it("never saves more than the line costs, nor less than nothing", () => {
    fc.assert(
      fc.property(
        promo,
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 1, max: 99 }),
        (p, unit, q) => {
          const saving = Math.min(unit * q, promotionSaving(p, unit, q, unit * q));
          expect(saving).toBeGreaterThanOrEqual(0);
          expect(saving).toBeLessThanOrEqual(unit * q);
        },
      ),
    );
  });
  it("splits any amount into net and VAT that add back up", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ rate: fc.constantFrom(5.5, 10, 20), cents: fc.integer({ min: 0, max: 1_000_000 }) }),
        ),
        (amounts) => {
          const lines = vatBreakdown(amounts);
          const gross = amounts.reduce((s, a) => s + a.cents, 0);
          expect(lines.reduce((s, l) => s + l.gross_cents, 0)).toBe(gross);
          for (const l of lines) expect(l.net_cents + l.vat_cents).toBe(l.gross_cents);
        },
      ),
    );
  });
});

describe("VAT rates and breakdown", () => {
  const product = (category: string, labels: string[] = [], name = "x") => ({
    name,
    category: category.split(" > "),
    labels,
  });
  it("takes the longest category prefix, the label rule, else the default", () => {
    expect(vatRateFor(product("Boissons > Bières > Blondes"), vat)).toBe(20);
    expect(vatRateFor(product("Boissons > Bières"), vat)).toBe(20);
    expect(vatRateFor(product("Boissons > Bières", ["Sans alcool"]), vat)).toBe(5.5);
    expect(vatRateFor(product("Boissons > Bières", [], "Bière blonde sans alcool"), vat)).toBe(5.5);
    expect(vatRateFor(product("Boissons > Eaux"), vat)).toBe(5.5);
    expect(vatRateFor(product("Hygiène et entretien > Savons"), vat)).toBe(20);
    // A prefix matches whole segments only.
    expect(vatRateFor(product("Boissons > Bièresque"), vat)).toBe(5.5);
  });
  it("extracts the included VAT of each rate", () => {
    expect(
      vatBreakdown([
        { rate: 5.5, cents: 1000 },
        { rate: 20, cents: 1200 },
        { rate: 5.5, cents: 55 },
      ]),
    ).toEqual([
      { rate: 5.5, gross_cents: 1055, vat_cents: 55, net_cents: 1000 },
      { rate: 20, gross_cents: 1200, vat_cents: 200, net_cents: 1000 },
    ]);
  });
});

describe.each(testDatabaseBackends())("cart pricing on $name", (backend) => {
  let db: Database;
  let commerce: Commerce;
  const clock = testClock();
  beforeAll(async () => {
    ({ db, commerce } = await openSeededCommerce(backend, clock));
  });
  afterAll(async () => {
    await disposeTestDatabase(db);
  });

  it("applies each promotion type per line with the saving shown, and totals", async () => {
    const cart = await commerce.carts.open({ storeCode: "LYO-PARTDIEU", customerId: "cust-a" });
    await commerce.carts.add(cart.id, { productId: P.milk, quantity: 3 });
    await commerce.carts.add(cart.id, { productId: P.yogurts, quantity: 3 });
    await commerce.carts.add(cart.id, { productId: P.water, quantity: 7 });
    await commerce.carts.add(cart.id, { productId: P.apples, weightG: 1000 });
    const c = await commerce.carts.add(cart.id, { productId: P.expiredPromo, quantity: 2 });
    const line = (id: string) => c.lines.find((l) => l.productId === id)!;
    expect(line(P.milk)).toMatchObject({ baseCents: 327, savingCents: 65, totalCents: 262 });
    expect(line(P.milk).promotion?.type).toBe("percent");
    expect(line(P.yogurts)).toMatchObject({ baseCents: 600, savingCents: 100, totalCents: 500 });
    // The store's own price (2.90) wins over the catalog price (3.00).
    expect(line(P.water)).toMatchObject({
      unitPriceCents: 290,
      baseCents: 2030,
      savingCents: 580,
      totalCents: 1450,
    });
    expect(line(P.apples)).toMatchObject({
      baseCents: 254,
      savingCents: 25,
      totalCents: 229,
      estimated: true,
    });
    // A promotion past its end date is off.
    expect(line(P.expiredPromo)).toMatchObject({ savingCents: 0, totalCents: 600, promotion: null });
    expect(c.totals).toMatchObject({ itemsCents: 3041, savingsCents: 770, feeCents: 0, totalCents: 3041 });
    // Unit prices as shelf labels show them.
    expect(line(P.water).unitPrice).toEqual({ cents: 32, per: "l" });
    expect(line(P.apples).unitPrice).toEqual({ cents: 254, per: "kg" });
    expect(line(P.yogurts).unitPrice).toEqual({ cents: 400, per: "kg" });
  });

  it("applies the store's price factor where the offer has no price", async () => {
    const cart = await commerce.carts.open({ storeCode: "PAR-VOLTAIRE", customerId: "cust-a" });
    const c = await commerce.carts.add(cart.id, { productId: P.milkOther, quantity: 2 });
    expect(c.lines[0]).toMatchObject({ unitPriceCents: 111, totalCents: 222 });
  });

  it("breaks the included VAT down per rate, fee included at the service rate", async () => {
    const cart = await commerce.carts.open({ storeCode: "LYO-PARTDIEU", customerId: "cust-a" });
    await commerce.carts.add(cart.id, { productId: P.beer, quantity: 1 });
    await commerce.carts.add(cart.id, { productId: P.beerFree, quantity: 1 });
    const c = await commerce.carts.add(cart.id, { productId: P.soap, quantity: 1 });
    expect(c.totals.vat).toEqual([
      { rate: 5.5, gross_cents: 3491, vat_cents: 182, net_cents: 3309 },
      { rate: 20, gross_cents: 750, vat_cents: 125, net_cents: 625 },
    ]);
    // With a delivery slot held, the fee (5.90 under 80 €) is counted and taxed at 20 %.
    const [slot] = await commerce.slots.list("LYO-PARTDIEU", "delivery");
    await commerce.slots.hold({
      cartId: cart.id,
      storeCode: "LYO-PARTDIEU",
      slotId: slot!.id,
      address: LYON_ADDRESS,
    });
    const held = (await commerce.carts.get(cart.id))!;
    expect(held.mode).toBe("delivery");
    expect(held.totals).toMatchObject({
      itemsCents: 4241,
      feeCents: 590,
      totalCents: 4831,
      missingForMinimumCents: 0,
    });
    expect(held.totals.missingForFreeFeeCents).toBe(8000 - 4241);
    expect(held.totals.vat[1]).toEqual({ rate: 20, gross_cents: 1340, vat_cents: 223, net_cents: 1117 });
    // Free delivery above the threshold.
    await commerce.carts.set(cart.id, { productId: P.cheese, quantity: 1 });
    const free = (await commerce.carts.get(cart.id))!;
    expect(free.totals).toMatchObject({ itemsCents: 8241, feeCents: 0, totalCents: 8241 });
  });
});
