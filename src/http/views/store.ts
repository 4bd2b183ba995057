import { z } from "zod";
import type { Store } from "../../stores/index.js";

const cents = (euros: number | undefined) => (euros === undefined ? null : Math.round(euros * 100));

const slotsSchema = z.object({
  days: z.array(z.string()),
  from: z.string(),
  to: z.string(),
  length_min: z.number().int(),
  capacity: z.number().int(),
});

const modeSchema = z.object({
  fee_cents: z.number().int(),
  free_above_cents: z.number().int().nullable(),
  min_basket_cents: z.number().int().nullable(),
  slots: slotsSchema,
});

export const storeSchema = z.object({
  code: z.string(),
  name: z.string(),
  kind: z.string().nullable(),
  timezone: z.string(),
  address: z.object({ street: z.string(), postal_code: z.string(), city: z.string(), country: z.string() }),
  opening_hours: z.record(z.string(), z.string()).nullable(),
  price_factor: z.number(),
  fulfillment: z.object({
    delivery: modeSchema.extend({ postal_codes: z.array(z.string()) }).nullable(),
    pickup: modeSchema.nullable(),
  }),
});

type Mode = NonNullable<Store["fulfillment"]["pickup"]>;

function modeView(mode: Mode) {
  return {
    fee_cents: cents(mode.fee) ?? 0,
    free_above_cents: cents(mode.free_above),
    min_basket_cents: cents(mode.min_basket),
    slots: mode.slots,
  };
}

/** A store on the wire: money in cents (the shared format's euros converted), slot templates as is. */
export function storeView(store: Store): z.infer<typeof storeSchema> {
  const { delivery, pickup } = store.fulfillment;
  return {
    code: store.code,
    name: store.name,
    kind: store.kind,
    timezone: store.timezone,
    address: store.address,
    opening_hours: store.openingHours,
    price_factor: store.priceFactor,
    fulfillment: {
      delivery: delivery ? { ...modeView(delivery), postal_codes: delivery.postal_codes } : null,
      pickup: pickup ? modeView(pickup) : null,
    },
  };
}
