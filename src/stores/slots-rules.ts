import { z } from "zod";

/** A query runner: the database, or one transaction's connection. */
export type Exec = <R = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<R[]>;

export type FulfilmentMode = "delivery" | "pickup";
export const FULFILMENT_MODES: FulfilmentMode[] = ["delivery", "pickup"];

const DAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;
export type Day = (typeof DAYS)[number];

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/);
const templateSchema = z.object({
  days: z.array(z.enum(DAYS)).min(1),
  from: hhmm,
  to: hhmm,
  length_min: z
    .number()
    .int()
    .min(5)
    .max(24 * 60),
  capacity: z.number().int().min(0),
});
const euros = z.number().min(0);
const modeSchema = z.object({
  postal_codes: z.array(z.string()).optional(),
  fee: euros.default(0),
  free_above: euros.nullable().optional(),
  min_basket: euros.default(0),
  slots: z.union([templateSchema, z.array(templateSchema)]).optional(),
});
const fulfilmentSchema = z.object({ delivery: modeSchema.optional(), pickup: modeSchema.optional() });

/**
 * Defaults a store can change in `stores.settings` (DESIGN.md): orders close 2 hours before the
 * slot starts; a hold lasts 15 minutes; at most 99 units per line.
 */
const settingsSchema = z
  .object({
    order_cutoff_min: z.number().int().min(0).default(120),
    hold_min: z.number().int().min(1).default(15),
    max_units_per_line: z.number().int().min(1).default(99),
    max_weight_g_per_line: z.number().int().min(1).default(25_000),
    slot_days: z.number().int().min(1).max(60).default(14),
  })
  .partial()
  .transform((s) => ({
    orderCutoffMin: s.order_cutoff_min ?? 120,
    holdMin: s.hold_min ?? 15,
    maxUnitsPerLine: s.max_units_per_line ?? 99,
    maxWeightGPerLine: s.max_weight_g_per_line ?? 25_000,
    slotDays: s.slot_days ?? 14,
  }));

export interface SlotTemplate {
  days: Day[];
  from: string;
  to: string;
  lengthMin: number;
  capacity: number;
}

export interface ModeRules {
  mode: FulfilmentMode;
  /** Delivery zone; null for pickup (no address needed). */
  postalCodes: string[] | null;
  feeCents: number;
  freeAboveCents: number | null;
  minBasketCents: number;
  templates: SlotTemplate[];
}

export interface StoreRules {
  code: string;
  name: string;
  timezone: string;
  priceFactor: number;
  modes: Partial<Record<FulfilmentMode, ModeRules>>;
  orderCutoffMin: number;
  holdMin: number;
  maxUnitsPerLine: number;
  maxWeightGPerLine: number;
  slotDays: number;
}

const cents = (eur: number) => Math.round(eur * 100);

/** The columns of a stores row that its rules are read from. */
interface StoreRulesRow {
  code: string;
  name: string;
  timezone: string;
  price_factor: number;
  fulfillment: unknown;
  settings: unknown;
}

/** Reads a store's row (fulfilment kept as imported, fees in euros) into rules in cents. */
export function storeRulesFromRow(row: StoreRulesRow): StoreRules {
  const f = fulfilmentSchema.parse(row.fulfillment ?? {});
  const settings = settingsSchema.parse(row.settings ?? {});
  const modes: StoreRules["modes"] = {};
  for (const mode of ["delivery", "pickup"] as const) {
    const m = f[mode];
    if (!m) continue;
    const templates = m.slots === undefined ? [] : Array.isArray(m.slots) ? m.slots : [m.slots];
    modes[mode] = {
      mode,
      postalCodes: mode === "delivery" ? (m.postal_codes ?? []) : null,
      feeCents: cents(m.fee),
      freeAboveCents: m.free_above === undefined || m.free_above === null ? null : cents(m.free_above),
      minBasketCents: cents(m.min_basket),
      templates: templates.map((t) => ({
        days: t.days,
        from: t.from,
        to: t.to,
        lengthMin: t.length_min,
        capacity: t.capacity,
      })),
    };
  }
  return {
    code: row.code,
    name: row.name,
    timezone: row.timezone,
    priceFactor: Number(row.price_factor),
    modes,
    ...settings,
  };
}

export async function loadStoreRules(exec: Exec, code: string): Promise<StoreRules | null> {
  const rows = await exec<StoreRulesRow>(
    "SELECT code, name, timezone, price_factor, fulfillment, settings FROM stores WHERE code = $1",
    [code],
  );
  return rows[0] ? storeRulesFromRow(rows[0]) : null;
}
