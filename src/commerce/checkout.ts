import { createHash, randomBytes } from "node:crypto";
import type { Database } from "../db/index.js";
import { DomainError, type Exec, type SlotService } from "../stores/index.js";
import type { CartService } from "./carts.js";
import { type Order, loadOrder } from "./order-read.js";
import type { PaymentProvider } from "./payment.js";
import type { VatRules } from "./vat.js";

export interface CheckoutInput {
  cartId: string;
  customerId: string;
  /** The client's Idempotency-Key: a replay returns the first result. */
  idempotencyKey: string;
  /** Anything else the client sent; a replay with a different body is refused. */
  body?: Record<string, unknown>;
}

export interface CheckoutResult {
  order: Order;
  /** True when this call replayed an earlier checkout with the same key. */
  replayed: boolean;
}

export interface CheckoutDeps {
  db: Database;
  carts: CartService;
  slots: SlotService;
  payment: PaymentProvider;
  vat: VatRules;
  now: () => Date;
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

export function requestHash(input: Pick<CheckoutInput, "cartId" | "body">): string {
  return createHash("sha256")
    .update(canonical({ cartId: input.cartId, body: input.body ?? {} }))
    .digest("hex");
}

/**
 * Places an order from a cart in one transaction: the idempotency key first (a concurrent
 * request with the same key waits on it and then replays the result), then the cart lock, the
 * held slot and its cut-off, the minimum basket, the delivery zone, stock taken atomically per
 * line, and a snapshot of lines and prices. Any refusal rolls everything back, key included, so
 * the client may fix the cart and retry with the same key.
 */
export function createCheckout(deps: CheckoutDeps) {
  const { db, carts, slots, payment, vat, now } = deps;

  return async function checkout(input: CheckoutInput): Promise<CheckoutResult> {
    if (!input.idempotencyKey || input.idempotencyKey.length > 200) {
      throw new DomainError(400, "idempotency_key_required", "Send an Idempotency-Key (1 to 200 characters)");
    }
    const at = now();
    const hash = requestHash(input);
    const outcome = await db.rawTransaction(async (exec): Promise<{ orderId: string; replayed: boolean }> => {
      const inserted = await exec(
        `INSERT INTO idempotency_keys (scope, key, request_hash, created_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING RETURNING key`,
        [input.customerId, input.idempotencyKey, hash, at.toISOString()],
      );
      if (inserted.length === 0) {
        const [prior] = await exec<{ request_hash: string; order_id: string | null }>(
          "SELECT request_hash, order_id FROM idempotency_keys WHERE scope = $1 AND key = $2",
          [input.customerId, input.idempotencyKey],
        );
        if (!prior || prior.request_hash !== hash) {
          throw new DomainError(
            422,
            "idempotency_key_reused",
            "This Idempotency-Key was already used for a different request; use a new key",
          );
        }
        if (!prior.order_id) {
          throw new DomainError(409, "idempotency_in_progress", "This checkout is still being processed");
        }
        return { orderId: prior.order_id, replayed: true };
      }
      const orderId = await place(exec, input, at);
      await exec("UPDATE idempotency_keys SET order_id = $3 WHERE scope = $1 AND key = $2", [
        input.customerId,
        input.idempotencyKey,
        orderId,
      ]);
      return { orderId, replayed: false };
    });
    const order = await loadOrder((t, p) => db.query(t, p), outcome.orderId, vat);
    if (!order) throw new Error("order vanished after checkout");
    return { order, replayed: outcome.replayed };
  };

  async function place(exec: Exec, input: CheckoutInput, at: Date): Promise<string> {
    const cart = await carts.viewInTransaction(exec, input.cartId, at, true);
    if (!cart || cart.customerId !== input.customerId) {
      throw new DomainError(404, "cart_not_found", "This cart was not found");
    }
    if (cart.status !== "open") {
      throw new DomainError(409, "cart_closed", "This cart was already ordered");
    }
    if (cart.lines.length === 0) throw new DomainError(422, "empty_cart", "The cart is empty");
    const hold = cart.hold;
    if (!hold || !cart.mode) {
      throw new DomainError(409, "slot_hold_required", "Hold a delivery or pickup slot before checking out");
    }
    const rules = await slots.rules(cart.storeCode, exec);
    if (at.getTime() >= hold.slot.cutoffAt.getTime()) {
      throw new DomainError(409, "slot_closed", "Orders for this slot are closed; choose a later slot", {
        cutoff_at: hold.slot.cutoffAt.toISOString(),
      });
    }
    const modeRules = rules.modes[cart.mode];
    if (!modeRules)
      throw new DomainError(422, "mode_not_offered", `${rules.name} no longer offers ${cart.mode}`);
    if (cart.mode === "delivery") {
      const code = hold.address?.postal_code ?? "";
      if (!(modeRules.postalCodes ?? []).includes(code)) {
        throw new DomainError(422, "outside_delivery_zone", `${rules.name} does not deliver to ${code}`, {
          postal_codes: modeRules.postalCodes,
        });
      }
    }
    if (cart.totals.missingForMinimumCents > 0) {
      throw new DomainError(
        422,
        "below_minimum_basket",
        `The minimum basket for ${cart.mode} is ${(modeRules.minBasketCents / 100).toFixed(2)} €`,
        { min_basket_cents: modeRules.minBasketCents, missing_cents: cart.totals.missingForMinimumCents },
      );
    }
    // Stock is taken line by line with a conditional update: never below zero, whatever runs at once.
    const short: { product_id: string; name: string }[] = [];
    // In product id order, so that concurrent checkouts lock offer rows in the same order (no deadlock).
    const byProduct = [...cart.lines].sort((a, b) => (a.productId < b.productId ? -1 : 1));
    for (const line of byProduct) {
      const amount = line.weightG !== null ? line.weightG / 1000 : (line.quantity ?? 0);
      const ok = await exec(
        `UPDATE offers SET stock = stock - $3 WHERE store_code = $1 AND product_id = $2 AND stock >= $3
         RETURNING product_id`,
        [cart.storeCode, line.productId, amount],
      );
      if (ok.length === 0) short.push({ product_id: line.productId, name: line.name });
    }
    if (short.length > 0) {
      throw new DomainError(
        409,
        "out_of_stock",
        `Not enough stock left for: ${short.map((s) => s.name).join(", ")}`,
        { lines: short },
      );
    }
    await slots.markOrdered(exec, hold, at);
    const orderId = `ord_${randomBytes(8).toString("hex")}`;
    const status = await payment.placed({
      id: orderId,
      totalCents: cart.totals.totalCents,
      finalTotalCents: cart.totals.totalCents,
      paymentStatus: "pending",
    });
    await exec(
      `INSERT INTO orders (id, customer_id, store_code, cart_id, hold_id, slot_id, mode, slot_starts_at,
         slot_ends_at, cutoff_at, address, status, payment_method, payment_status, items_cents, savings_cents,
         fee_cents, total_cents, final_items_cents, final_total_cents, vat, placed_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'placed', $12, $13, $14, $15, $16, $17, $18, $19,
         $20, $21, $21)`,
      [
        orderId,
        input.customerId,
        cart.storeCode,
        cart.id,
        hold.id,
        hold.slotId,
        cart.mode,
        hold.slot.startsAt.toISOString(),
        hold.slot.endsAt.toISOString(),
        hold.slot.cutoffAt.toISOString(),
        hold.address ? JSON.stringify(hold.address) : null,
        payment.method,
        status,
        cart.totals.itemsCents,
        cart.totals.savingsCents,
        cart.totals.feeCents,
        cart.totals.totalCents,
        // Nothing to weigh: the final amounts are known now.
        cart.totals.estimated ? null : cart.totals.itemsCents,
        cart.totals.estimated ? null : cart.totals.totalCents,
        JSON.stringify(cart.totals.vat),
        at.toISOString(),
      ],
    );
    for (const [i, l] of cart.lines.entries()) {
      await exec(
        `INSERT INTO order_lines (order_id, position, product_id, gtin, name, sold_by, quantity, weight_g,
           unit_price_cents, promotion, saving_cents, total_cents, final_total_cents, vat_rate, substitution,
           substitute_product_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
        [
          orderId,
          i + 1,
          l.productId,
          l.gtin,
          l.name,
          l.soldBy,
          l.quantity,
          l.weightG,
          l.unitPriceCents,
          l.promotion ? JSON.stringify(l.promotion) : null,
          l.savingCents,
          l.totalCents,
          l.estimated ? null : l.totalCents,
          l.vatRate,
          l.substitution.kind,
          l.substitution.kind === "alternative" ? l.substitution.productId : null,
        ],
      );
    }
    await exec("UPDATE carts SET status = 'ordered', updated_at = $2 WHERE id = $1", [
      cart.id,
      at.toISOString(),
    ]);
    return orderId;
  }
}
