// A placed order after checkout: its status, and cancelling it before the cutoff.
import { CommerceError, type Order } from "../../commerce/index.js";
import { isNo, isYes } from "../answers.js";
import type { Reply } from "../types.js";
import { signInFirst } from "./checkout.js";
import { L, type TurnCtx, reply } from "./context.js";
import { slotPieces } from "./slots.js";

const STATUS: Record<string, [string, string]> = {
  placed: ["est confirmée", "is confirmed"],
  preparing: ["est en préparation", "is being prepared"],
  ready: ["est prête à retirer", "is ready for pickup"],
  out_for_delivery: ["est en cours de livraison", "is out for delivery"],
  completed: ["est livrée", "has been completed"],
  cancelled: ["est annulée", "was cancelled"],
};

/** The shopper's most recent order at this store (else anywhere); `open` skips finished ones. */
async function latestOrder(ctx: TurnCtx, open = false): Promise<Order | null> {
  if (!ctx.customerId) return null;
  const orders = (await ctx.deps.commerce.orders.list(ctx.customerId, 10)).filter(
    (o) => !open || (o.status !== "cancelled" && o.status !== "completed"),
  );
  return orders.find((o) => o.storeCode === ctx.storeCode) ?? orders[0] ?? null;
}

export async function orderStatus(ctx: TurnCtx): Promise<Reply> {
  if (!ctx.customerId) return signInFirst(ctx, "order_status");
  const order = await latestOrder(ctx);
  if (!order)
    return reply(ctx, "order_status", [
      L(ctx, ["Vous n'avez pas encore de commande."], ["You don't have any orders yet."]),
    ]);
  const [fr, en] = STATUS[order.status] ?? [order.status, order.status];
  const slot = slotPieces(ctx.lang, ctx.rules.timezone, order.slot.startsAt, order.slot.endsAt);
  return reply(
    ctx,
    "order_status",
    [L(ctx, [`Votre commande ${fr}, `, ...slot, "."], [`Your order ${en}, `, ...slot, "."])],
    {
      order: { id: order.id, status: order.status },
    },
  );
}

export async function askCancel(ctx: TurnCtx): Promise<Reply> {
  if (!ctx.customerId) return signInFirst(ctx, "cancel_order");
  const order = await latestOrder(ctx, true);
  if (!order || order.status === "cancelled" || order.status === "completed") {
    return reply(ctx, "cancel_order", [
      L(ctx, ["Vous n'avez pas de commande en cours."], ["You have no current order."]),
    ]);
  }
  if (order.status !== "placed" || ctx.deps.now().getTime() >= order.cutoffAt.getTime()) {
    return reply(
      ctx,
      "cancel_order",
      [
        L(
          ctx,
          ["Il est trop tard pour annuler cette commande ; contactez le magasin."],
          ["It's too late to cancel this order; please contact the store."],
        ),
      ],
      {
        order: { id: order.id, status: order.status },
      },
    );
  }
  ctx.state.pending = { kind: "confirm_cancel", id: crypto.randomUUID(), orderId: order.id };
  const slot = slotPieces(ctx.lang, ctx.rules.timezone, order.slot.startsAt, order.slot.endsAt);
  return reply(
    ctx,
    "cancel_order",
    [
      L(
        ctx,
        ["J'annule votre commande de ", { price: order.estimated.totalCents }, ", ", ...slot, " ?"],
        ["Shall I cancel your order of ", { price: order.estimated.totalCents }, ", ", ...slot, "?"],
      ),
    ],
    {
      awaiting: "confirmation",
      order: { id: order.id, status: order.status },
      suggestions: L(ctx, ["Oui", "Non"], ["Yes", "No"]),
    },
  );
}

export async function answerCancel(ctx: TurnCtx, text: string): Promise<Reply | null> {
  const pending = ctx.state.pending;
  if (pending?.kind !== "confirm_cancel" || !ctx.customerId) return null;
  if (isNo(text)) {
    ctx.state.pending = null;
    return reply(ctx, "deny", [
      L(ctx, ["D'accord, votre commande est maintenue."], ["OK, your order stands."]),
    ]);
  }
  if (!isYes(text)) return null;
  ctx.state.pending = null;
  try {
    const order = await ctx.deps.commerce.orders.cancel(pending.orderId, {
      kind: "shopper",
      customerId: ctx.customerId,
    });
    return reply(
      ctx,
      "cancel_order",
      [L(ctx, ["Votre commande est annulée."], ["Your order is cancelled."])],
      { order: { id: order.id, status: order.status } },
    );
  } catch (err) {
    if (err instanceof CommerceError) {
      return reply(ctx, "cancel_order", [
        L(
          ctx,
          ["Il est trop tard pour annuler cette commande ; contactez le magasin."],
          ["It's too late to cancel this order; please contact the store."],
        ),
      ]);
    }
    throw err;
  }
}
