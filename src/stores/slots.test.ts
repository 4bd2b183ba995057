import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, disposeTestDatabase, testDatabaseBackends } from "../db/index.js";
import { DomainError } from "./slots-errors.js";
import { storeRulesFromRow } from "./slots-rules.js";
import { localParts, zonedToUtc } from "./zoned-time.js";
import { createSlots, generateSlotTimes, type SlotService } from "./slots.js";

const LYON = {
  code: "LYO",
  name: "Lyon",
  timezone: "Europe/Paris",
  price_factor: 1,
  fulfillment: {
    delivery: {
      postal_codes: ["69003"],
      fee: 5.9,
      free_above: 80,
      min_basket: 35,
      slots: {
        days: ["mon", "tue", "wed", "thu", "fri", "sat"],
        from: "09:00",
        to: "21:00",
        length_min: 120,
        capacity: 12,
      },
    },
    pickup: {
      fee: 0,
      min_basket: 15,
      slots: { days: ["sun"], from: "10:00", to: "12:00", length_min: 60, capacity: 1 },
    },
  },
  settings: null,
};

describe("slot times in the store's timezone", () => {
  it("turns Paris wall-clock times into UTC across daylight-saving changes", () => {
    expect(zonedToUtc({ year: 2026, month: 3, day: 28 }, 9 * 60, "Europe/Paris")?.toISOString()).toBe(
      "2026-03-28T08:00:00.000Z",
    );
    expect(zonedToUtc({ year: 2026, month: 3, day: 30 }, 9 * 60, "Europe/Paris")?.toISOString()).toBe(
      "2026-03-30T07:00:00.000Z",
    );
    // 02:30 does not exist on the night clocks go forward.
    expect(zonedToUtc({ year: 2026, month: 3, day: 29 }, 150, "Europe/Paris")).toBeNull();
    expect(localParts(new Date("2026-10-25T12:00:00Z"), "Europe/Paris").hour).toBe(13);
  });

  it("generates 14 days of slots from the templates, at the same local hours either side of DST", () => {
    const rules = storeRulesFromRow(LYON);
    const now = new Date("2026-10-20T06:00:00Z"); // a Tuesday; clocks go back on Sunday 25 Oct
    const times = generateSlotTimes(rules, "delivery", now);
    // 14 local days from Tue 20 Oct: 12 working days (two Sundays off), 6 slots each.
    expect(times).toHaveLength(12 * 6);
    const hours = new Set(times.map((t) => localParts(t.startsAt, "Europe/Paris").hour));
    expect([...hours].sort((a, b) => a - b)).toEqual([9, 11, 13, 15, 17, 19]);
    const before = times.find((t) => t.id.includes("20261024"));
    const after = times.find((t) => t.id.includes("20261026"));
    expect(before?.startsAt.toISOString()).toBe("2026-10-24T07:00:00.000Z");
    expect(after?.startsAt.toISOString()).toBe("2026-10-26T08:00:00.000Z");
    expect(
      times.every((t) => t.capacity === 12 && t.endsAt.getTime() - t.startsAt.getTime() === 7_200_000),
    ).toBe(true);
    expect(generateSlotTimes(rules, "pickup", now)).toHaveLength(2 * 2);
  });

  it("reads fees in euros into cents and applies the DESIGN defaults", () => {
    const rules = storeRulesFromRow(LYON);
    expect(rules.modes.delivery).toMatchObject({ feeCents: 590, freeAboveCents: 8000, minBasketCents: 3500 });
    expect(rules.modes.pickup?.postalCodes).toBeNull();
    expect(rules).toMatchObject({ orderCutoffMin: 120, holdMin: 15, maxUnitsPerLine: 99, slotDays: 14 });
    expect(storeRulesFromRow({ ...LYON, settings: { hold_min: 5, order_cutoff_min: 60 } })).toMatchObject({
      holdMin: 5,
      orderCutoffMin: 60,
    });
  });
});

async function refusal(p: Promise<unknown>): Promise<DomainError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof DomainError) return err;
    throw err;
  }
  throw new Error("expected a refusal");
}

describe.each(testDatabaseBackends())("slots and holds on $name", (backend) => {
  let db: Database;
  let slots: SlotService;
  let t = new Date("2026-11-25T08:00:00Z").getTime(); // Wednesday, 09:00 in Lyon
  const address = { street: "1 rue Garibaldi", postal_code: "69003", city: "Lyon" };

  beforeAll(async () => {
    db = await backend.open();
    await db.query(
      `INSERT INTO stores (code, name, timezone, price_factor, address, fulfillment)
       VALUES ('LYO', 'Lyon', 'Europe/Paris', 1, '{}', $1)`,
      [JSON.stringify(LYON.fulfillment)],
    );
    for (let i = 0; i < 200; i++) {
      await db.query("INSERT INTO carts (id, store_code, conversation_id) VALUES ($1, 'LYO', $1)", [`c${i}`]);
    }
    slots = createSlots(db, { now: () => new Date(t) });
  });
  afterAll(async () => {
    await disposeTestDatabase(db);
  });

  it("lists only slots still open for orders (2 hours before start)", async () => {
    const list = await slots.list("LYO", "delivery");
    // 09:00 now: the 09:00 and 11:00 slots today are closed (11:00 closes at 09:00).
    expect(list[0]?.startsAt.toISOString()).toBe("2026-11-25T12:00:00.000Z");
    expect(list[0]).toMatchObject({ capacity: 12, available: 12, taken: 0 });
    expect(list[0]?.cutoffAt.toISOString()).toBe("2026-11-25T10:00:00.000Z");
  });

  it("refuses delivery outside the store's postal codes, and without an address", async () => {
    const [slot] = await slots.list("LYO", "delivery");
    const far = await refusal(
      slots.hold({
        cartId: "c0",
        storeCode: "LYO",
        slotId: slot!.id,
        address: { ...address, postal_code: "75011" },
      }),
    );
    expect(far.code).toBe("outside_delivery_zone");
    expect((await refusal(slots.hold({ cartId: "c0", storeCode: "LYO", slotId: slot!.id }))).code).toBe(
      "address_required",
    );
  });

  it("holds a slot for 15 minutes, then gives the place back by itself", async () => {
    const [slot] = await slots.list("LYO", "pickup");
    const hold = await slots.hold({ cartId: "c1", storeCode: "LYO", slotId: slot!.id });
    expect(hold.expiresAt.getTime() - t).toBe(15 * 60_000);
    expect((await slots.get(slot!.id))?.available).toBe(0);
    expect((await refusal(slots.hold({ cartId: "c2", storeCode: "LYO", slotId: slot!.id }))).code).toBe(
      "slot_full",
    );
    t += 14 * 60_000;
    expect(await slots.activeHold("c1")).not.toBeNull();
    t += 2 * 60_000;
    expect(await slots.activeHold("c1")).toBeNull();
    expect((await slots.get(slot!.id))?.available).toBe(1);
    const other = await slots.hold({ cartId: "c2", storeCode: "LYO", slotId: slot!.id });
    expect(other.slotId).toBe(slot!.id);
    expect(await slots.release("c2")).toBe(true);
    expect((await slots.get(slot!.id))?.available).toBe(1);
  });

  it("keeps one hold per cart: a new slot releases the old one", async () => {
    const list = await slots.list("LYO", "delivery");
    await slots.hold({ cartId: "c3", storeCode: "LYO", slotId: list[0]!.id, address });
    await slots.hold({ cartId: "c3", storeCode: "LYO", slotId: list[1]!.id, address });
    expect((await slots.activeHold("c3"))?.slotId).toBe(list[1]!.id);
    expect((await slots.get(list[0]!.id))?.taken).toBe(0);
    expect((await slots.get(list[1]!.id))?.taken).toBe(1);
    await slots.release("c3");
  });

  it("refuses a hold once orders for the slot are closed", async () => {
    const [slot] = await slots.list("LYO", "delivery");
    const saved = t;
    t = slot!.cutoffAt.getTime();
    expect(
      (await refusal(slots.hold({ cartId: "c4", storeCode: "LYO", slotId: slot!.id, address }))).code,
    ).toBe("slot_closed");
    t = saved;
  });

  it.runIf(backend.name === "postgres")(
    "gives exactly 12 of 200 concurrent holds on a slot of capacity 12",
    async () => {
      const list = await slots.list("LYO", "delivery");
      const slot = list[3]!;
      const results = await Promise.allSettled(
        Array.from({ length: 200 }, (_, i) =>
          slots.hold({ cartId: `c${i}`, storeCode: "LYO", slotId: slot.id, address }),
        ),
      );
      const ok = results.filter((r) => r.status === "fulfilled").length;
      const full = results.filter(
        (r) => r.status === "rejected" && (r.reason as DomainError).code === "slot_full",
      );
      expect(ok).toBe(12);
      expect(full).toHaveLength(188);
      const [row] = await db.query<{ n: string }>(
        "SELECT count(*) AS n FROM slot_holds WHERE slot_id = $1 AND status = 'held'",
        [slot.id],
      );
      expect(Number(row!.n)).toBe(12);
    },
  );
});
