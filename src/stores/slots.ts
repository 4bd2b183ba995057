import { randomUUID } from "node:crypto";
import type { Database } from "../db/index.js";
import { DomainError } from "./slots-errors.js";
import { type Exec, type FulfilmentMode, type StoreRules, loadStoreRules } from "./slots-rules.js";
import { localDates, minutesOf } from "./slots-time.js";
import { zonedToUtc } from "./zoned-time.js";

/** A delivery address; the order keeps a copy. */
export interface DeliveryAddress {
  name?: string;
  street: string;
  postal_code: string;
  city: string;
  country?: string;
  instructions?: string;
}

export interface Slot {
  id: string;
  storeCode: string;
  mode: FulfilmentMode;
  startsAt: Date;
  endsAt: Date;
  capacity: number;
  /** Holds and orders counted against the capacity right now. */
  taken: number;
  available: number;
  /** Orders close at this instant (DESIGN.md: 2 hours before the start by default). */
  cutoffAt: Date;
}

export interface Hold {
  id: string;
  slotId: string;
  cartId: string;
  status: "held" | "released" | "ordered" | "cancelled";
  address: DeliveryAddress | null;
  expiresAt: Date;
  slot: Slot;
}

export interface SlotsOptions {
  now?: () => Date;
}

interface SlotRow {
  id: string;
  store_code: string;
  mode: FulfilmentMode;
  starts_at: Date;
  ends_at: Date;
  capacity: number;
  taken?: number | string;
}

interface HoldRow {
  id: string;
  slot_id: string;
  cart_id: string;
  status: Hold["status"];
  address: DeliveryAddress | null;
  expires_at: Date;
}

// A hold counts while unexpired; an ordered hold counts until the order is cancelled.
const COUNTED = `(h.status = 'ordered' OR (h.status = 'held' AND h.expires_at > $NOW))`;

function slotId(store: string, mode: FulfilmentMode, start: Date): string {
  return `${store}.${mode}.${start.toISOString().slice(0, 16).replace(/[-:]/g, "")}Z`;
}

function toSlot(row: SlotRow, rules: StoreRules): Slot {
  const taken = Number(row.taken ?? 0);
  const startsAt = new Date(row.starts_at);
  return {
    id: row.id,
    storeCode: row.store_code,
    mode: row.mode,
    startsAt,
    endsAt: new Date(row.ends_at),
    capacity: row.capacity,
    taken,
    available: Math.max(0, row.capacity - taken),
    cutoffAt: new Date(startsAt.getTime() - rules.orderCutoffMin * 60_000),
  };
}

/** The slot instants a store's templates give over its booking horizon, from `now`. */
export function generateSlotTimes(
  rules: StoreRules,
  mode: FulfilmentMode,
  now: Date,
): { id: string; startsAt: Date; endsAt: Date; capacity: number }[] {
  const m = rules.modes[mode];
  if (!m) return [];
  const out: { id: string; startsAt: Date; endsAt: Date; capacity: number }[] = [];
  for (const date of localDates(now, rules.slotDays, rules.timezone)) {
    for (const t of m.templates) {
      if (!t.days.includes(date.weekday)) continue;
      const to = minutesOf(t.to);
      for (let start = minutesOf(t.from); start + t.lengthMin <= to; start += t.lengthMin) {
        const startsAt = zonedToUtc(date, start, rules.timezone);
        const endsAt = zonedToUtc(date, start + t.lengthMin, rules.timezone);
        if (!startsAt || !endsAt || endsAt <= now) continue;
        out.push({ id: slotId(rules.code, mode, startsAt), startsAt, endsAt, capacity: t.capacity });
      }
    }
  }
  return out;
}

export type SlotService = ReturnType<typeof createSlots>;

export function createSlots(db: Database, options: SlotsOptions = {}) {
  const now = options.now ?? (() => new Date());
  const query: Exec = (text, params) => db.query(text, params);
  const generated = new Map<string, string>();

  async function rulesOf(exec: Exec, storeCode: string): Promise<StoreRules> {
    const rules = await loadStoreRules(exec, storeCode);
    if (!rules) throw new DomainError(404, "store_not_found", `No store with code ${storeCode}`);
    return rules;
  }

  /** Materialises the horizon's slots (idempotent: existing rows keep their capacity). */
  async function ensureSlots(rules: StoreRules, mode: FulfilmentMode): Promise<void> {
    const at = now();
    const day = `${rules.code}|${mode}|${at.toISOString().slice(0, 13)}`;
    if (generated.get(`${rules.code}|${mode}`) === day) return;
    const times = generateSlotTimes(rules, mode, at);
    if (times.length > 0) {
      await db.query(
        `INSERT INTO slots (id, store_code, mode, starts_at, ends_at, capacity)
         SELECT id, $1, $2, s, e, c
         FROM unnest($3::text[], $4::timestamptz[], $5::timestamptz[], $6::int[]) AS t(id, s, e, c)
         ON CONFLICT DO NOTHING`,
        [
          rules.code,
          mode,
          times.map((t) => t.id),
          times.map((t) => t.startsAt.toISOString()),
          times.map((t) => t.endsAt.toISOString()),
          times.map((t) => t.capacity),
        ],
      );
    }
    generated.set(`${rules.code}|${mode}`, day);
  }

  async function loadSlot(exec: Exec, id: string, lock: boolean): Promise<SlotRow | null> {
    const rows = await exec<SlotRow>(
      `SELECT id, store_code, mode, starts_at, ends_at, capacity FROM slots WHERE id = $1${lock ? " FOR UPDATE" : ""}`,
      [id],
    );
    return rows[0] ?? null;
  }

  async function takenOf(exec: Exec, id: string, at: Date): Promise<number> {
    const [row] = await exec<{ n: number | string }>(
      `SELECT count(*) AS n FROM slot_holds h WHERE h.slot_id = $1 AND ${COUNTED.replace("$NOW", "$2")}`,
      [id, at.toISOString()],
    );
    return Number(row?.n ?? 0);
  }

  async function holdOf(exec: Exec, cartId: string, at: Date): Promise<Hold | null> {
    const rows = await exec<HoldRow & SlotRow & { hold_id: string }>(
      `SELECT h.id AS hold_id, h.slot_id, h.cart_id, h.status, h.address, h.expires_at,
              s.id, s.store_code, s.mode, s.starts_at, s.ends_at, s.capacity
       FROM slot_holds h JOIN slots s ON s.id = h.slot_id
       WHERE h.cart_id = $1 AND h.status = 'held' AND h.expires_at > $2
       ORDER BY h.created_at DESC LIMIT 1`,
      [cartId, at.toISOString()],
    );
    const r = rows[0];
    if (!r) return null;
    const rules = await rulesOf(exec, r.store_code);
    const slot = toSlot({ ...r, taken: await takenOf(exec, r.id, at) }, rules);
    return {
      id: r.hold_id,
      slotId: r.slot_id,
      cartId: r.cart_id,
      status: r.status,
      address: r.address,
      expiresAt: new Date(r.expires_at),
      slot,
    };
  }

  return {
    /** Bookable slots of a store for a mode, from now over the store's horizon (14 days). */
    async list(storeCode: string, mode: FulfilmentMode): Promise<Slot[]> {
      const rules = await rulesOf(query, storeCode);
      if (!rules.modes[mode]) {
        throw new DomainError(422, "mode_not_offered", `${rules.name} does not offer ${mode}`);
      }
      await ensureSlots(rules, mode);
      const at = now();
      const rows = await db.query<SlotRow>(
        `SELECT s.id, s.store_code, s.mode, s.starts_at, s.ends_at, s.capacity,
                (SELECT count(*) FROM slot_holds h WHERE h.slot_id = s.id AND ${COUNTED.replace("$NOW", "$3")}) AS taken
         FROM slots s
         WHERE s.store_code = $1 AND s.mode = $2 AND s.starts_at > $4 AND s.starts_at < $5
         ORDER BY s.starts_at`,
        [
          storeCode,
          mode,
          at.toISOString(),
          new Date(at.getTime() + rules.orderCutoffMin * 60_000).toISOString(),
          new Date(at.getTime() + (rules.slotDays + 1) * 86_400_000).toISOString(),
        ],
      );
      return rows.map((r) => toSlot(r, rules));
    },

    async get(slotIdValue: string): Promise<Slot | null> {
      const row = await loadSlot(query, slotIdValue, false);
      if (!row) return null;
      const rules = await rulesOf(query, row.store_code);
      return toSlot({ ...row, taken: await takenOf(query, row.id, now()) }, rules);
    },

    /**
     * Holds a slot for a cart until the store's hold time runs out. The slot row is locked for
     * the count and the insert, so concurrent holds queue and capacity is never exceeded. A cart
     * holds one slot: holding another releases the previous one; holding the same one again
     * extends it.
     */
    async hold(input: {
      cartId: string;
      storeCode: string;
      slotId: string;
      address?: DeliveryAddress | null;
    }): Promise<Hold> {
      const at = now();
      const rules = await rulesOf(query, input.storeCode);
      await db.rawTransaction(async (exec) => {
        const slot = await loadSlot(exec, input.slotId, true);
        if (!slot || slot.store_code !== input.storeCode) {
          throw new DomainError(404, "slot_not_found", `No slot ${input.slotId} at this store`);
        }
        const cutoff = slot.starts_at.getTime() - rules.orderCutoffMin * 60_000;
        if (at.getTime() >= cutoff) {
          throw new DomainError(
            409,
            "slot_closed",
            `Orders for this slot closed ${rules.orderCutoffMin} minutes before it starts`,
            { cutoff_at: new Date(cutoff).toISOString() },
          );
        }
        let address: DeliveryAddress | null = null;
        if (slot.mode === "delivery") {
          address = input.address ?? null;
          if (!address) {
            throw new DomainError(422, "address_required", "A delivery slot needs a delivery address");
          }
          const zone = rules.modes.delivery?.postalCodes ?? [];
          if (!zone.includes(address.postal_code.trim())) {
            throw new DomainError(
              422,
              "outside_delivery_zone",
              `${rules.name} does not deliver to ${address.postal_code}`,
              { postal_codes: zone },
            );
          }
        }
        const expires = new Date(at.getTime() + rules.holdMin * 60_000).toISOString();
        const mine = await exec<{ id: string; slot_id: string }>(
          `SELECT id, slot_id FROM slot_holds WHERE cart_id = $1 AND status = 'held' AND expires_at > $2`,
          [input.cartId, at.toISOString()],
        );
        const same = mine.find((h) => h.slot_id === slot.id);
        if (same) {
          await exec("UPDATE slot_holds SET expires_at = $2, address = $3 WHERE id = $1", [
            same.id,
            expires,
            address === null ? null : JSON.stringify(address),
          ]);
          return;
        }
        if ((await takenOf(exec, slot.id, at)) >= slot.capacity) {
          throw new DomainError(409, "slot_full", "This slot is full; choose another one");
        }
        await exec("UPDATE slot_holds SET status = 'released' WHERE cart_id = $1 AND status = 'held'", [
          input.cartId,
        ]);
        await exec(
          `INSERT INTO slot_holds (id, slot_id, cart_id, status, address, created_at, expires_at)
           VALUES ($1, $2, $3, 'held', $4, $5, $6)`,
          [
            `hold_${randomUUID()}`,
            slot.id,
            input.cartId,
            address === null ? null : JSON.stringify(address),
            at.toISOString(),
            expires,
          ],
        );
      });
      const hold = await holdOf(query, input.cartId, at);
      if (!hold) throw new Error("hold vanished right after it was taken");
      return hold;
    },

    /** Gives a cart's held slot back. Returns whether there was one. */
    async release(cartId: string): Promise<boolean> {
      const rows = await db.query(
        "UPDATE slot_holds SET status = 'released' WHERE cart_id = $1 AND status = 'held' AND expires_at > $2 RETURNING id",
        [cartId, now().toISOString()],
      );
      return rows.length > 0;
    },

    /** The cart's unexpired hold, if any; `exec` lets checkout read it inside its transaction. */
    activeHold(cartId: string, exec: Exec = query, at: Date = now()): Promise<Hold | null> {
      return holdOf(exec, cartId, at);
    },

    /**
     * Turns a hold into an order's reservation (it then counts until cancelled). The slot row is
     * locked and the count re-checked so that a hold that lapsed and lost its place to another
     * cart cannot become an order beyond capacity.
     */
    async markOrdered(exec: Exec, hold: Hold, at: Date = now()): Promise<void> {
      const slot = await loadSlot(exec, hold.slotId, true);
      if (!slot) throw new DomainError(404, "slot_not_found", "The held slot no longer exists");
      const [row] = await exec<{ n: number | string }>(
        `SELECT count(*) AS n FROM slot_holds h
         WHERE h.slot_id = $1 AND h.id <> $3 AND ${COUNTED.replace("$NOW", "$2")}`,
        [hold.slotId, at.toISOString(), hold.id],
      );
      if (Number(row?.n ?? 0) >= slot.capacity) {
        throw new DomainError(409, "slot_full", "This slot is full; choose another one");
      }
      const updated = await exec(
        "UPDATE slot_holds SET status = 'ordered' WHERE id = $1 AND status = 'held' RETURNING id",
        [hold.id],
      );
      if (updated.length === 0) {
        throw new DomainError(409, "slot_hold_required", "The slot hold ran out; hold a slot again");
      }
    },

    /** A cancelled order gives its slot back. */
    async markCancelled(exec: Exec, holdId: string): Promise<void> {
      await exec("UPDATE slot_holds SET status = 'cancelled' WHERE id = $1", [holdId]);
    },

    rules: (storeCode: string, exec: Exec = query) => rulesOf(exec, storeCode),
  };
}
