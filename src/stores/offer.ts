import { z } from "zod";

/** Promotions an offer may carry (DESIGN.md); dates are ISO 8601, none means always on. */
export const promotionSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("percent"),
    value: z.number().gt(0).lte(100),
    label: z.string().optional(),
    starts_at: z.string().datetime({ offset: true }).optional(),
    ends_at: z.string().datetime({ offset: true }).optional(),
  }),
  z.object({
    type: z.literal("second_item_percent"),
    value: z.number().gt(0).lte(100),
    label: z.string().optional(),
    starts_at: z.string().datetime({ offset: true }).optional(),
    ends_at: z.string().datetime({ offset: true }).optional(),
  }),
  z.object({
    type: z.literal("x_for_y"),
    buy: z.number().int().min(2),
    pay: z.number().int().min(1),
    label: z.string().optional(),
    starts_at: z.string().datetime({ offset: true }).optional(),
    ends_at: z.string().datetime({ offset: true }).optional(),
  }),
]);

export type Promotion = z.infer<typeof promotionSchema>;

/** A store's offer for one product, as the rest of Panier reads it. */
export interface Offer {
  storeCode: string;
  productId: string;
  /** Selling units in stock; kilograms for products sold by weight. */
  stock: number;
  /** The store's own price in cents, when it sets one (it wins over the catalog price). */
  priceCents: number | null;
  promotion: Promotion | null;
}

/**
 * DESIGN.md's price rule: the offer's price when it has one, else the catalog price times the
 * store's price factor, rounded to the cent.
 */
export function storePriceCents(
  catalogPriceCents: number,
  priceFactor: number,
  offerPriceCents: number | null,
): number {
  if (offerPriceCents !== null && offerPriceCents !== undefined) return offerPriceCents;
  return Math.round(catalogPriceCents * priceFactor);
}

/** Whether a promotion is on at `now` (inclusive start, exclusive end). */
export function promotionActive(promotion: Promotion | null | undefined, now: Date = new Date()): boolean {
  if (!promotion) return false;
  const t = now.getTime();
  if (promotion.starts_at && t < Date.parse(promotion.starts_at)) return false;
  if (promotion.ends_at && t >= Date.parse(promotion.ends_at)) return false;
  return true;
}
