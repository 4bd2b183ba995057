import type { Cart } from "./carts.js";

/** DESIGN.md's cart shape for replies and the conversation API (dialog re-exports it as CartSummary). */
export interface CartSummaryLine {
  id: string;
  gtin?: string;
  name: string;
  quantity?: number;
  weight_g?: number;
  total_cents: number;
}

export interface CartSummaryShape {
  lines: CartSummaryLine[];
  total_cents: number;
}

/** What a line is and how much of it: the fields every cart and order line view starts with. */
export function lineHead(l: {
  productId: string;
  gtin: string | null;
  name: string;
  quantity: number | null;
  weightG: number | null;
}): Omit<CartSummaryLine, "total_cents"> {
  return {
    id: l.productId,
    ...(l.gtin ? { gtin: l.gtin } : {}),
    name: l.name,
    ...(l.weightG !== null ? { weight_g: l.weightG } : { quantity: l.quantity ?? 0 }),
  };
}

export const EMPTY_CART_SUMMARY: CartSummaryShape = { lines: [], total_cents: 0 };

export function toCartSummary(cart: Cart): CartSummaryShape {
  return {
    lines: cart.lines.map((l) => ({ ...lineHead(l), total_cents: l.totalCents })),
    total_cents: cart.totals.totalCents,
  };
}
