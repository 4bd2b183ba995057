import type { Database } from "../db/index.js";
import { DomainError, type Exec, type SlotService } from "../stores/index.js";
import { type Order, type OrderStatus, listOrderIds, listStoreOrderIds, loadOrder } from "./order-read.js";
import type { PaymentProvider } from "./payment.js";
import { promotionSaving } from "./pricing.js";
import type { VatRules } from "./vat.js";
import type { Promotion } from "../stores/index.js";

export interface OrderDeps {
  db: Database;
  slots: SlotService;
  payment: PaymentProvider;
  vat: VatRules;
  now: () => Date;
}

/** Who asks for a change: the shopper (only their own orders) or the store (admin). */
export type Actor = { kind: "shopper"; customerId: string } | { kind: "store" };

const NEXT: Record<OrderStatus, OrderStatus[]> = {
  placed: ["preparing", "cancelled"],
  preparing: ["ready", "out_for_delivery", "cancelled"],
  ready: ["completed", "cancelled"],
  out_for_delivery: ["completed", "cancelled"],
  completed: [],
  cancelled: [],
};

export type OrderService = ReturnType<typeof createOrders>;

export function createOrders({ db, slots, payment, vat, now }: OrderDeps) {
  const query: Exec = (t, p) => db.query(t, p);

  async function locked(exec: Exec, id: string, actor: Actor): Promise<Order> {
    const order = await loadOrder(exec, id, vat, true);
    if (!order || (actor.kind === "shopper" && order.customerId !== actor.customerId)) {
      throw new DomainError(404, "order_not_found", "This order was not found");
    }
    return order;
  }

  function allow(order: Order, to: OrderStatus): void {
    if (!NEXT[order.status].includes(to)) {
      throw new DomainError(
        409,
        "invalid_transition",
        `An order that is ${order.status} cannot become ${to}`,
        {
          status: order.status,
        },
      );
    }
    if (to === "ready" && order.mode !== "pickup") {
      throw new DomainError(409, "invalid_transition", "Only pickup orders become ready; deliveries go out");
    }
    if (to === "out_for_delivery" && order.mode !== "delivery") {
      throw new DomainError(409, "invalid_transition", "Only delivery orders go out for delivery");
    }
  }

  async function setStatus(exec: Exec, order: Order, to: OrderStatus, at: Date): Promise<void> {
    await exec("UPDATE orders SET status = $2, updated_at = $3 WHERE id = $1", [
      order.id,
      to,
      at.toISOString(),
    ]);
  }

  /**
   * Weighed lines get their real weight and price; the final totals are set once every weighed
   * line is weighed, or when the order leaves the store (the estimate then stands).
   */
  async function applyWeights(
    exec: Exec,
    order: Order,
    weights: Record<string, number>,
    settle: boolean,
  ): Promise<void> {
    for (const [productId, grams] of Object.entries(weights)) {
      const line = order.lines.find((l) => l.productId === productId);
      if (!line) throw new DomainError(404, "line_not_found", `Product ${productId} is not in this order`);
      if (line.weightG === null) {
        throw new DomainError(
          422,
          "not_weighed",
          `${line.name} is sold by the unit; it has no weight to record`,
        );
      }
      if (!Number.isInteger(grams) || grams < 0) {
        throw new DomainError(422, "invalid_amount", "A weight is a whole number of grams (0 when missing)");
      }
      const base = Math.round((line.unitPriceCents * grams) / 1000);
      const promo = line.promotion as Promotion | null;
      const saving = promo ? Math.min(base, promotionSaving(promo, line.unitPriceCents, null, base)) : 0;
      await exec(
        "UPDATE order_lines SET final_weight_g = $3, final_total_cents = $4 WHERE order_id = $1 AND position = $2",
        [order.id, line.position, grams, base - saving],
      );
      line.finalWeightG = grams;
      line.finalTotalCents = base - saving;
    }
    const pending = order.lines.some((l) => l.finalTotalCents === null && l.weightG !== null);
    if (pending && !settle) return;
    const items = order.lines.reduce((s, l) => s + (l.finalTotalCents ?? l.totalCents), 0);
    await exec(
      `UPDATE order_lines SET final_total_cents = total_cents, final_weight_g = weight_g
       WHERE order_id = $1 AND final_total_cents IS NULL`,
      [order.id],
    );
    await exec("UPDATE orders SET final_items_cents = $2, final_total_cents = $3 WHERE id = $1", [
      order.id,
      items,
      items + order.estimated.feeCents,
    ]);
  }

  async function transition(
    id: string,
    actor: Actor,
    to: OrderStatus,
    extra: (exec: Exec, order: Order, at: Date) => Promise<void> = async () => {},
  ): Promise<Order> {
    const at = now();
    await db.rawTransaction(async (exec) => {
      const order = await locked(exec, id, actor);
      allow(order, to);
      await extra(exec, order, at);
      await setStatus(exec, order, to, at);
    });
    const order = await loadOrder(query, id, vat);
    if (!order) throw new Error("order vanished");
    return order;
  }

  async function recordHistory(exec: Exec, order: Order): Promise<void> {
    for (const l of order.lines) {
      if (l.finalWeightG === 0) continue; // weighed as missing: not bought
      await exec(
        `INSERT INTO purchase_history (customer_id, product_id, times) VALUES ($1, $2, 1)
         ON CONFLICT (customer_id, product_id) DO UPDATE SET times = purchase_history.times + 1`,
        [order.customerId, l.productId],
      );
    }
  }

  async function paymentUpdate(exec: Exec, order: Order, status: string): Promise<void> {
    await exec("UPDATE orders SET payment_status = $2 WHERE id = $1", [order.id, status]);
  }

  const paymentView = (o: Order) => ({
    id: o.id,
    totalCents: o.estimated.totalCents,
    finalTotalCents: o.final?.totalCents ?? o.estimated.totalCents,
    paymentStatus: o.payment.status,
  });

  return {
    async get(id: string): Promise<Order | null> {
      return loadOrder(query, id, vat);
    },

    /** An order the shopper owns; anyone else's is "not found". */
    async getOwned(id: string, customerId: string): Promise<Order> {
      const order = await loadOrder(query, id, vat);
      if (!order || order.customerId !== customerId) {
        throw new DomainError(404, "order_not_found", "This order was not found");
      }
      return order;
    },

    /** The shopper's orders, newest first. */
    async list(customerId: string, limit = 50): Promise<Order[]> {
      const ids = await listOrderIds(query, customerId, limit);
      const out: Order[] = [];
      for (const id of ids) {
        const o = await loadOrder(query, id, vat);
        if (o) out.push(o);
      }
      return out;
    },

    /** A store's orders in slot order (for the staff preparing them). */
    async listForStore(
      storeCode: string,
      options: { status?: OrderStatus; limit?: number } = {},
    ): Promise<Order[]> {
      const ids = await listStoreOrderIds(query, storeCode, options);
      const out: Order[] = [];
      for (const id of ids) {
        const o = await loadOrder(query, id, vat);
        if (o) out.push(o);
      }
      return out;
    },

    /** The store starts preparing; weights (grams by product id) may be recorded now or later. */
    prepare(id: string, weights: Record<string, number> = {}): Promise<Order> {
      const at = now();
      return db
        .rawTransaction(async (exec) => {
          const order = await locked(exec, id, { kind: "store" });
          if (order.status !== "preparing") {
            allow(order, "preparing");
            await setStatus(exec, order, "preparing", at);
          }
          await applyWeights(exec, order, weights, false);
        })
        .then(async () => (await loadOrder(query, id, vat)) as Order);
    },

    ready: (id: string, weights: Record<string, number> = {}) =>
      transition(id, { kind: "store" }, "ready", (exec, o) => applyWeights(exec, o, weights, true)),

    outForDelivery: (id: string, weights: Record<string, number> = {}) =>
      transition(id, { kind: "store" }, "out_for_delivery", (exec, o) =>
        applyWeights(exec, o, weights, true),
      ),

    /** Handed over: paid (at the door by default) and counted in the shopper's purchase history. */
    complete: (id: string) =>
      transition(id, { kind: "store" }, "completed", async (exec, o) => {
        await applyWeights(exec, o, {}, true);
        const settled = await loadOrder(exec, o.id, vat);
        await paymentUpdate(exec, o, await payment.completed(paymentView(settled ?? o)));
        await recordHistory(exec, settled ?? o);
      }),

    /**
     * Cancels: the shopper until the cut-off (orders close 2 hours before the slot by default),
     * the store at any time before completion. The slot place and the stock come back.
     */
    cancel: (id: string, actor: Actor, reason?: string) =>
      transition(id, actor, "cancelled", async (exec, o, at) => {
        if (actor.kind === "shopper" && (o.status !== "placed" || at.getTime() >= o.cutoffAt.getTime())) {
          throw new DomainError(
            409,
            "cancel_too_late",
            o.status !== "placed"
              ? "The store has started preparing this order; contact the store to cancel it"
              : "Orders can no longer be cancelled this close to the slot; contact the store",
            { cutoff_at: o.cutoffAt.toISOString() },
          );
        }
        const [row] = await exec<{ hold_id: string | null }>("SELECT hold_id FROM orders WHERE id = $1", [
          o.id,
        ]);
        if (row?.hold_id) await slots.markCancelled(exec, row.hold_id);
        // Same lock order as checkout: by product id.
        for (const l of [...o.lines].sort((a, b) => (a.productId < b.productId ? -1 : 1))) {
          const amount = l.weightG !== null ? l.weightG / 1000 : (l.quantity ?? 0);
          await exec("UPDATE offers SET stock = stock + $3 WHERE store_code = $1 AND product_id = $2", [
            o.storeCode,
            l.productId,
            amount,
          ]);
        }
        await paymentUpdate(exec, o, await payment.cancelled(paymentView(o)));
        await exec("UPDATE orders SET cancelled_by = $2, cancel_reason = $3 WHERE id = $1", [
          o.id,
          actor.kind,
          reason ?? null,
        ]);
      }),
  };
}
