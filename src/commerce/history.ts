import type { Database } from "../db/index.js";
import { DomainError, type Exec } from "../stores/index.js";
import type { Amount, Cart, CartService } from "./carts.js";

export interface UsualProduct {
  productId: string;
  gtin: string | null;
  name: string;
  brand: string | null;
  times: number;
}

export type HistoryService = ReturnType<typeof createHistory>;

/** Purchase history: imported for demo shoppers, then counted from completed orders. */
export function createHistory(db: Database) {
  const query: Exec = (t, p) => db.query(t, p);
  return {
    /** The shopper's most bought products, most bought first (optionally those a store sells). */
    async usual(customerId: string, options: { storeCode?: string; limit?: number; minTimes?: number } = {}) {
      const rows = await query<{
        id: string;
        gtin: string | null;
        name: string;
        brand: string | null;
        times: number;
      }>(
        `SELECT p.id, p.gtin, p.name, p.brand, h.times FROM purchase_history h
         JOIN products p ON p.id = h.product_id
         WHERE h.customer_id = $1 AND h.times >= $2 AND p.active
           AND ($3::text IS NULL OR EXISTS (SELECT 1 FROM offers o WHERE o.product_id = p.id AND o.store_code = $3))
         ORDER BY h.times DESC, p.id LIMIT $4`,
        [customerId, options.minTimes ?? 1, options.storeCode ?? null, options.limit ?? 50],
      );
      return rows.map(
        (r): UsualProduct => ({
          productId: r.id,
          gtin: r.gtin,
          name: r.name,
          brand: r.brand,
          times: Number(r.times),
        }),
      );
    },
  };
}

export interface ReorderResult {
  cart: Cart;
  added: ({ productId: string } & Amount)[];
  /** Lines that could not be added, with the reason and the store's closest alternatives. */
  skipped: { productId: string; code: string; message: string; alternatives?: unknown }[];
}

export type ReorderService = ReturnType<typeof createReorder>;

/** Refills a cart from the last order, or from the shopper's usual basket. */
export function createReorder(db: Database, carts: CartService, history: HistoryService) {
  const query: Exec = (t, p) => db.query(t, p);

  async function fill(cartId: string, items: ({ productId: string } & Amount)[]): Promise<ReorderResult> {
    const added: ReorderResult["added"] = [];
    const skipped: ReorderResult["skipped"] = [];
    for (const item of items) {
      try {
        await carts.add(cartId, item);
        added.push(item);
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        skipped.push({
          productId: item.productId,
          code: err.code,
          message: err.message,
          alternatives: err.details?.alternatives,
        });
      }
    }
    const cart = await carts.get(cartId);
    if (!cart) throw new DomainError(404, "cart_not_found", "This cart was not found");
    return { cart, added, skipped };
  }

  async function lastWeights(customerId: string): Promise<Map<string, number>> {
    const rows = await query<{ product_id: string; weight_g: number }>(
      `SELECT DISTINCT ON (l.product_id) l.product_id, COALESCE(l.final_weight_g, l.weight_g) AS weight_g
       FROM order_lines l JOIN orders o ON o.id = l.order_id
       WHERE o.customer_id = $1 AND l.weight_g IS NOT NULL AND o.status <> 'cancelled'
       ORDER BY l.product_id, o.placed_at DESC`,
      [customerId],
    );
    return new Map(rows.map((r) => [r.product_id, Number(r.weight_g)]));
  }

  return {
    /** Adds the lines of the shopper's most recent order that was not cancelled. */
    async lastOrder(customerId: string, cartId: string): Promise<ReorderResult> {
      const [order] = await query<{ id: string }>(
        `SELECT id FROM orders WHERE customer_id = $1 AND status <> 'cancelled'
         ORDER BY placed_at DESC LIMIT 1`,
        [customerId],
      );
      if (!order) throw new DomainError(404, "no_previous_order", "There is no previous order to repeat");
      const lines = await query<{ product_id: string; quantity: number | null; weight_g: number | null }>(
        "SELECT product_id, quantity, weight_g FROM order_lines WHERE order_id = $1 ORDER BY position",
        [order.id],
      );
      return fill(
        cartId,
        lines.map((l) =>
          l.weight_g !== null
            ? { productId: l.product_id, weightG: l.weight_g }
            : { productId: l.product_id, quantity: l.quantity ?? 1 },
        ),
      );
    },

    /** Adds the shopper's usual products (bought at least twice), one unit or the usual weight. */
    async usual(
      customerId: string,
      cartId: string,
      options: { limit?: number } = {},
    ): Promise<ReorderResult> {
      const cart = await carts.get(cartId);
      if (!cart) throw new DomainError(404, "cart_not_found", "This cart was not found");
      const usual = await history.usual(customerId, {
        storeCode: cart.storeCode,
        limit: options.limit ?? 15,
        minTimes: 2,
      });
      if (usual.length === 0) {
        throw new DomainError(404, "no_usual_basket", "There is no usual basket yet for this shopper");
      }
      const weights = await lastWeights(customerId);
      const soldBy = await query<{ id: string; sold_by: string }>(
        "SELECT id, sold_by FROM products WHERE id = ANY($1::text[])",
        [usual.map((u) => u.productId)],
      );
      const byWeight = new Set(soldBy.filter((r) => r.sold_by === "weight").map((r) => r.id));
      return fill(
        cartId,
        usual.map((u) =>
          byWeight.has(u.productId)
            ? { productId: u.productId, weightG: weights.get(u.productId) ?? 500 }
            : { productId: u.productId, quantity: 1 },
        ),
      );
    },
  };
}
