// Checkout: the sign-in gate, the slot-and-total recap, and the "yes" that places the order.
import { CommerceError, type Order } from "../../commerce/index.js";
import { isNo, isYes } from "../answers.js";
import type { Sentence } from "../speech/index.js";
import type { Reply } from "../types.js";
import { L, type TurnCtx, reply } from "./context.js";
import { bookSlot, slotPieces } from "./slots.js";

/** Ordering needs a known shopper; voice channels answer awaiting "account_link" with a link card. */
export function signInFirst(ctx: TurnCtx, intent: string): Reply {
  return reply(
    ctx,
    intent,
    [
      L(
        ctx,
        ["Pour commander, connectez-vous ou liez votre compte Panier."],
        ["To order, please sign in or link your Panier account."],
      ),
    ],
    { awaiting: "account_link" },
  );
}

/** "Je veux commander": a slot first, the PIN if the shopper has one, then the recap to confirm. */
export async function checkout(ctx: TurnCtx): Promise<Reply> {
  if (!ctx.customerId) return signInFirst(ctx, "checkout");
  if (ctx.cart.lines.length === 0)
    return reply(ctx, "checkout", [L(ctx, ["Votre panier est vide."], ["Your cart is empty."])]);
  if (!ctx.cart.hold) {
    const offer = await bookSlot(ctx, ctx.turn.text, true);
    return { ...offer, intent: "checkout" };
  }
  return recap(ctx, []);
}

/** Total, fees and slot, then one explicit question: nothing is ordered without a yes. */
export async function recap(ctx: TurnCtx, said: Sentence[]): Promise<Reply> {
  const hold = ctx.cart.hold;
  if (!hold) return checkout(ctx);
  if (ctx.customerId && !ctx.state.context.pinOk && (await ctx.deps.pins.has(ctx.customerId))) {
    ctx.state.pending = { kind: "pin", id: crypto.randomUUID(), attempts: 0 };
    return reply(
      ctx,
      "checkout",
      [...said, L(ctx, ["Quel est votre code vocal ?"], ["What's your voice PIN?"])],
      { awaiting: "pin", suggestions: [] },
    );
  }
  const t = ctx.cart.totals;
  if (t.missingForMinimumCents > 0) {
    ctx.state.pending = null;
    return reply(ctx, "checkout", [
      ...said,
      L(
        ctx,
        ["Il manque ", { price: t.missingForMinimumCents }, " pour atteindre le minimum de commande."],
        ["You need ", { price: t.missingForMinimumCents }, " more to reach the minimum order."],
      ),
    ]);
  }
  const n = ctx.cart.lines.length;
  const fee: Sentence =
    t.feeCents > 0
      ? L(
          ctx,
          [", frais de ", hold.slot.mode === "delivery" ? "livraison " : "service ", { price: t.feeCents }],
          [", ", hold.slot.mode === "delivery" ? "delivery " : "service ", "fee ", { price: t.feeCents }],
        )
      : L(
          ctx,
          [hold.slot.mode === "delivery" ? ", livraison offerte" : ", retrait gratuit"],
          [hold.slot.mode === "delivery" ? ", free delivery" : ", free pickup"],
        );
  const slot = slotPieces(ctx.lang, ctx.rules.timezone, hold.slot.startsAt, hold.slot.endsAt);
  ctx.state.pending = {
    kind: "confirm_checkout",
    id: crypto.randomUUID(),
    cartId: ctx.cart.id,
    slotId: hold.slot.id,
    totalCents: t.totalCents,
  };
  return reply(
    ctx,
    "checkout",
    [
      ...said,
      L(
        ctx,
        [
          "Votre commande : ",
          { count: n },
          ` article${n > 1 ? "s" : ""} pour `,
          { price: t.itemsCents },
          ...fee,
          ", total ",
          { price: t.totalCents },
          ".",
        ],
        [
          "Your order: ",
          { count: n },
          ` item${n > 1 ? "s" : ""} for `,
          { price: t.itemsCents },
          ...fee,
          ", total ",
          { price: t.totalCents },
          ".",
        ],
      ),
      L(
        ctx,
        [hold.slot.mode === "delivery" ? "Livraison " : "Retrait ", ...slot, "."],
        [hold.slot.mode === "delivery" ? "Delivery " : "Pickup ", ...slot, "."],
      ),
      L(ctx, [{ pause: 300 }, "Je valide la commande ?"], [{ pause: 300 }, "Shall I place the order?"]),
    ],
    { awaiting: "confirmation", suggestions: L(ctx, ["Oui", "Non"], ["Yes", "No"]) },
  );
}

/**
 * "Oui" to the recap places the order. The Idempotency-Key is the conversation and this very
 * question: a retried "oui" (the platform resent it, or the node died after ordering) replays
 * the same order instead of placing a second one.
 */
export async function answerCheckout(ctx: TurnCtx, text: string): Promise<Reply | null> {
  const pending = ctx.state.pending;
  if (pending?.kind !== "confirm_checkout") return null;
  if (isNo(text)) {
    ctx.state.pending = null;
    return reply(ctx, "deny", [
      L(
        ctx,
        ["D'accord, je ne passe pas la commande. Votre panier est gardé."],
        ["OK, I haven't placed the order. Your cart is kept."],
      ),
    ]);
  }
  if (!isYes(text) || !ctx.customerId) return null;
  let order: Order;
  try {
    const result = await ctx.deps.commerce.checkout({
      cartId: pending.cartId ?? ctx.cart.id,
      customerId: ctx.customerId,
      idempotencyKey: `dialog:${ctx.conversationId}:${pending.id}`,
    });
    order = result.order;
  } catch (err) {
    if (err instanceof CommerceError) {
      ctx.state.pending = null;
      return reply(ctx, "checkout", [checkoutRefusal(ctx, err.code)], { awaiting: "request" });
    }
    throw err;
  }
  ctx.state.pending = null;
  ctx.state.lastChange = null;
  ctx.state.context.lastOrderId = order.id;
  ctx.cart = await ctx.deps.commerce.carts.open({
    storeCode: ctx.storeCode,
    customerId: ctx.customerId,
    conversationId: ctx.conversationId,
  });
  const slot = slotPieces(ctx.lang, ctx.rules.timezone, order.slot.startsAt, order.slot.endsAt);
  return reply(
    ctx,
    "confirm",
    [
      L(
        ctx,
        ["C'est commandé ! Total ", { price: order.estimated.totalCents }, "."],
        ["Your order is placed! Total ", { price: order.estimated.totalCents }, "."],
      ),
      L(
        ctx,
        [order.mode === "delivery" ? "Livraison " : "Retrait ", ...slot, ". Merci !"],
        [order.mode === "delivery" ? "Delivery " : "Pickup ", ...slot, ". Thank you!"],
      ),
    ],
    {
      order: { id: order.id, status: order.status },
      suggestions: L(ctx, ["Où en est ma commande ?"], ["Where's my order?"]),
    },
  );
}

const REFUSALS: Record<string, [string, string]> = {
  slot_hold_required: [
    "Votre créneau n'est plus réservé : choisissez-en un autre.",
    "Your slot is no longer held: please choose another one.",
  ],
  slot_closed: [
    "Les commandes pour ce créneau sont closes : choisissez-en un autre.",
    "Orders for that slot have closed: please choose another one.",
  ],
  out_of_stock: [
    "Un article vient de passer en rupture de stock : vérifiez votre panier.",
    "An item has just gone out of stock: please check your cart.",
  ],
  insufficient_stock: [
    "Il n'y a plus assez de stock pour un article : vérifiez votre panier.",
    "There isn't enough stock left for an item: please check your cart.",
  ],
  below_minimum_basket: [
    "Le panier n'atteint pas le minimum de commande.",
    "The cart is below the minimum order.",
  ],
  empty_cart: ["Votre panier est vide.", "Your cart is empty."],
  outside_delivery_zone: [
    "Votre adresse est hors de la zone de livraison.",
    "Your address is outside the delivery area.",
  ],
};

/** Why checkout refused, in the shopper's language (commerce's messages are for developers). */
function checkoutRefusal(ctx: TurnCtx, code: string): Sentence {
  const [fr, en] = REFUSALS[code] ?? ["Je n'ai pas pu passer la commande.", "I couldn't place the order."];
  return L<Sentence>(ctx, [fr], [en]);
}
