import type { FastifyRequest } from "fastify";
import { z } from "zod";
import { type Cart, CommerceError, lineHead, type Order } from "../../../commerce/index.js";
import { AccountError } from "../../../identity/index.js";
import type { Hold, Slot } from "../../../stores/index.js";
import { hasScope } from "../../auth.js";
import { ApiError } from "../../errors.js";

/** Runs a service call, turning its refusals (stable code, status, details) into API errors. */
export async function run<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof CommerceError || err instanceof AccountError) {
      const details = err instanceof CommerceError ? err.details : undefined;
      throw new ApiError(err.status, err.code, err.message, details);
    }
    throw err;
  }
}

export const isAdmin = (request: FastifyRequest) => hasScope(request.principal, "admin");

export const idParam = z.string().min(1).max(200);
export const productId = z.string().min(1).max(64);

const money = z.number().int();
const vatLine = z.object({ rate: z.number(), gross_cents: money, vat_cents: money, net_cents: money });
const unitPrice = z.object({ cents: money, per: z.enum(["kg", "l", "piece"]) });
const promotion = z.looseObject({ type: z.string(), label: z.string().optional() });

export const substitutionSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("allow") }),
  z.object({ kind: z.literal("refuse") }),
  z.object({ kind: z.literal("alternative"), product_id: productId }),
]);
export type SubstitutionBody = z.infer<typeof substitutionSchema>;

export const toSubstitution = (s: SubstitutionBody) =>
  s.kind === "alternative" ? { kind: "alternative" as const, productId: s.product_id } : s;

const substitutionView = (s: Cart["lines"][number]["substitution"]) =>
  s.kind === "alternative" ? { kind: s.kind, product_id: s.productId } : { kind: s.kind };

export const addressSchema = z.object({
  name: z.string().max(200).optional(),
  street: z.string().min(1).max(300),
  postal_code: z.string().min(2).max(16),
  city: z.string().min(1).max(120),
  country: z.string().max(2).optional(),
  instructions: z.string().max(500).optional(),
});

export const slotSchema = z.object({
  id: z.string(),
  store: z.string(),
  mode: z.enum(["delivery", "pickup"]),
  starts_at: z.string(),
  ends_at: z.string(),
  capacity: z.number().int(),
  available: z.number().int(),
  orders_close_at: z.string(),
});

export function slotView(s: Slot): z.infer<typeof slotSchema> {
  return {
    id: s.id,
    store: s.storeCode,
    mode: s.mode,
    starts_at: s.startsAt.toISOString(),
    ends_at: s.endsAt.toISOString(),
    capacity: s.capacity,
    available: s.available,
    orders_close_at: s.cutoffAt.toISOString(),
  };
}

export const holdSchema = z.object({
  id: z.string(),
  slot: slotSchema,
  expires_at: z.string(),
  address: addressSchema.nullable(),
});

export function holdView(h: Hold): z.infer<typeof holdSchema> {
  return { id: h.id, slot: slotView(h.slot), expires_at: h.expiresAt.toISOString(), address: h.address };
}

/** A cart: DESIGN.md's summary fields (id, gtin, name, quantity|weight_g, total_cents) and more. */
export const cartSchema = z.object({
  id: z.string(),
  store: z.string(),
  status: z.enum(["open", "ordered", "merged"]),
  mode: z.enum(["delivery", "pickup"]).nullable(),
  lines: z.array(
    z.object({
      id: z.string(),
      gtin: z.string().optional(),
      name: z.string(),
      quantity: z.number().int().optional(),
      weight_g: z.number().int().optional(),
      unit_price_cents: money,
      unit_price: unitPrice,
      base_cents: money,
      saving_cents: money,
      total_cents: money,
      promotion: promotion.nullable(),
      estimated: z.boolean(),
      vat_rate: z.number(),
      substitution: substitutionSchema,
    }),
  ),
  hold: holdSchema.nullable(),
  items_cents: money,
  savings_cents: money,
  fee_cents: money,
  total_cents: money,
  estimated: z.boolean(),
  vat: z.array(vatLine),
  missing_for_minimum_cents: money,
  missing_for_free_delivery_cents: money.nullable(),
});

export function cartView(c: Cart): z.infer<typeof cartSchema> {
  return {
    id: c.id,
    store: c.storeCode,
    status: c.status,
    mode: c.mode,
    lines: c.lines.map((l) => ({
      ...lineHead(l),
      unit_price_cents: l.unitPriceCents,
      unit_price: l.unitPrice,
      base_cents: l.baseCents,
      saving_cents: l.savingCents,
      total_cents: l.totalCents,
      promotion: l.promotion,
      estimated: l.estimated,
      vat_rate: l.vatRate,
      substitution: substitutionView(l.substitution),
    })),
    hold: c.hold ? holdView(c.hold) : null,
    items_cents: c.totals.itemsCents,
    savings_cents: c.totals.savingsCents,
    fee_cents: c.totals.feeCents,
    total_cents: c.totals.totalCents,
    estimated: c.totals.estimated,
    vat: c.totals.vat,
    missing_for_minimum_cents: c.totals.missingForMinimumCents,
    missing_for_free_delivery_cents: c.totals.missingForFreeFeeCents,
  };
}

const amounts = z.object({ items_cents: money, fee_cents: money, total_cents: money, vat: z.array(vatLine) });

export const orderSchema = z.object({
  id: z.string(),
  status: z.enum(["placed", "preparing", "ready", "out_for_delivery", "completed", "cancelled"]),
  store: z.string(),
  mode: z.enum(["delivery", "pickup"]),
  slot: z.object({ id: z.string(), starts_at: z.string(), ends_at: z.string() }),
  cancel_until: z.string(),
  address: addressSchema.nullable(),
  payment: z.object({ method: z.string(), status: z.enum(["pending", "paid", "refunded", "voided"]) }),
  lines: z.array(
    z.object({
      id: z.string(),
      gtin: z.string().optional(),
      name: z.string(),
      quantity: z.number().int().optional(),
      weight_g: z.number().int().optional(),
      final_weight_g: z.number().int().nullable(),
      unit_price_cents: money,
      saving_cents: money,
      total_cents: money,
      final_total_cents: money.nullable(),
      vat_rate: z.number(),
      substitution: substitutionSchema,
    }),
  ),
  savings_cents: money,
  estimated: amounts,
  final: amounts.nullable(),
  placed_at: z.string(),
  cancelled_by: z.enum(["shopper", "store"]).nullable(),
  cancel_reason: z.string().nullable(),
});

const amountsView = (a: Order["estimated"]) => ({
  items_cents: a.itemsCents,
  fee_cents: a.feeCents,
  total_cents: a.totalCents,
  vat: a.vat,
});

export function orderView(o: Order): z.infer<typeof orderSchema> {
  return {
    id: o.id,
    status: o.status,
    store: o.storeCode,
    mode: o.mode,
    slot: { id: o.slot.id, starts_at: o.slot.startsAt.toISOString(), ends_at: o.slot.endsAt.toISOString() },
    cancel_until: o.cutoffAt.toISOString(),
    address: o.address,
    payment: o.payment,
    lines: o.lines.map((l) => ({
      ...lineHead(l),
      final_weight_g: l.finalWeightG,
      unit_price_cents: l.unitPriceCents,
      saving_cents: l.savingCents,
      total_cents: l.totalCents,
      final_total_cents: l.finalTotalCents,
      vat_rate: l.vatRate,
      substitution: substitutionView(l.substitution),
    })),
    savings_cents: o.savingsCents,
    estimated: amountsView(o.estimated),
    final: o.final ? amountsView(o.final) : null,
    placed_at: o.placedAt.toISOString(),
    cancelled_by: o.cancelledBy,
    cancel_reason: o.cancelReason,
  };
}
