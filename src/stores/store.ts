import { z } from "zod";

/** Slot template of one fulfilment mode: which days, opening window, slot length, orders per slot. */
export const slotTemplateSchema = z.object({
  days: z.array(z.enum(["mon", "tue", "wed", "thu", "fri", "sat", "sun"])).min(1),
  from: z.string().regex(/^\d{2}:\d{2}$/),
  to: z.string().regex(/^\d{2}:\d{2}$/),
  length_min: z.number().int().positive(),
  capacity: z.number().int().nonnegative(),
});

/** Amounts in euros as in the shared format (stores.fr.json). */
const modeSchema = z.object({
  fee: z.number().nonnegative(),
  free_above: z.number().nonnegative().optional(),
  min_basket: z.number().nonnegative().optional(),
  slots: slotTemplateSchema,
});

export const fulfillmentSchema = z.object({
  delivery: modeSchema.extend({ postal_codes: z.array(z.string()).min(1) }).optional(),
  pickup: modeSchema.optional(),
});

export const addressSchema = z.object({
  street: z.string(),
  postal_code: z.string(),
  city: z.string(),
  country: z.string(),
});

export type SlotTemplate = z.infer<typeof slotTemplateSchema>;
export type Fulfillment = z.infer<typeof fulfillmentSchema>;
export type StoreAddress = z.infer<typeof addressSchema>;

/** A store as the rest of Panier reads it. */
export interface Store {
  code: string;
  name: string;
  kind: string | null;
  timezone: string;
  /** Multiplies catalog prices for offers without a price of their own. */
  priceFactor: number;
  address: StoreAddress;
  openingHours: Record<string, string> | null;
  fulfillment: Fulfillment;
  settings: Record<string, unknown> | null;
}
