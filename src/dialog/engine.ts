import { type TurnCtx, reply } from "./acts/context.js";
import { addMoreOfLast, addQueue, answerChoice, answerSubstitute, queueFrom } from "./acts/cart.js";
import { answerClear, askClear, readCart, removeItems, setQuantity, undo } from "./acts/edit.js";
import { productInfo } from "./acts/info.js";
import { answerCheckout, checkout, recap } from "./acts/checkout.js";
import { answerCancel, askCancel, orderStatus } from "./acts/order-status.js";
import { answerPin } from "./acts/pin.js";
import { reorder } from "./acts/reorder.js";
import { answerSlot, bookSlot } from "./acts/slots.js";
import { fallback, goodbye, help, thanks, welcome } from "./acts/talk.js";
import type { Understanding } from "./ports.js";
import type { Reply } from "./types.js";
import { isOnlySlotPhrase, parseSlotPhrase } from "./when/phrases.js";

const THANKS = /^\W*(merci|merci beaucoup|thanks|thank you|cheers|super|parfait|génial|great)\W*$/u;
// A greeting alone opens the conversation; it is not a request Panier failed to understand.
const GREETING =
  /^\W*(bonjour|bonsoir|salut|coucou|hello|hi|hey|good (morning|afternoon|evening))(\s+panier)?\W*$/u;

const EVENT_TEXT: Record<string, Record<"fr" | "en", string>> = {
  yes: { fr: "oui", en: "yes" },
  no: { fr: "non", en: "no" },
  // A platform's cancel while a question is open declines it.
  cancel: { fr: "annule", en: "cancel" },
};

/** One turn: an answer to the open question if it is one, else a new request. */
export async function respond(ctx: TurnCtx): Promise<Reply> {
  ctx.afterSlot = (c, said) => recap(c, said);
  const event = ctx.turn.event;
  const text = (ctx.turn.text ?? "").trim() || (event ? (EVENT_TEXT[event]?.[ctx.lang] ?? "") : "");
  if (event === "launch" && !text) return welcome(ctx);
  if (event === "help") return help(ctx);
  if (event === "stop" || event === "end" || (event === "cancel" && !ctx.state.pending)) return goodbye(ctx);
  if (!text) return ctx.state.pending ? fallback(ctx) : welcome(ctx);

  const answered = await answerPending(ctx, text);
  if (answered) {
    ctx.state.context.misunderstood = 0;
    return answered;
  }
  let understood = await understand(ctx, text);
  if (understood.intent === "other") {
    for (const alt of ctx.turn.alternatives ?? []) {
      const again = await understand(ctx, alt);
      if (again.intent !== "other") {
        understood = again;
        break;
      }
    }
  }
  const out = await act(ctx, understood, text);
  if (out.intent !== "other") ctx.state.context.misunderstood = 0;
  return out;
}

async function understand(ctx: TurnCtx, text: string): Promise<Understanding> {
  return ctx.deps.understander.understand({
    text,
    locale: ctx.turn.locale,
    storeCode: ctx.storeCode,
    customerId: ctx.customerId,
  });
}

async function answerPending(ctx: TurnCtx, text: string): Promise<Reply | null> {
  switch (ctx.state.pending?.kind) {
    case "choice":
      return answerChoice(ctx, text);
    case "substitute":
      return answerSubstitute(ctx, text);
    case "slot":
      return answerSlot(ctx, text);
    case "pin":
      return answerPin(ctx, text);
    case "confirm_checkout":
      return answerCheckout(ctx, text);
    case "confirm_cancel":
      return answerCancel(ctx, text);
    case "confirm_clear":
      return answerClear(ctx, text);
    default:
      return null;
  }
}

async function act(ctx: TurnCtx, u: Understanding, text: string): Promise<Reply> {
  const when = { now: ctx.deps.now(), timeZone: ctx.rules.timezone, locale: ctx.turn.locale };
  // "après-demain" names a day, not a product, whatever the catalog search found for its words.
  if (u.intent !== "book_slot" && u.intent !== "checkout" && isOnlySlotPhrase(text, when)) {
    if (ctx.state.pending?.kind !== "slot") ctx.state.pending = null;
    return bookSlot(ctx, text);
  }
  // A new request replaces an open question the shopper chose not to answer.
  const pendingBefore = ctx.state.pending;
  if (pendingBefore && !["confirm", "deny", "other", "help"].includes(u.intent)) ctx.state.pending = null;
  switch (u.intent) {
    case "add_to_cart":
    case "add_recipe":
      if (u.items.length === 0) return (await addMoreOfLast(ctx, text)) ?? addQueue(ctx, []);
      return addQueue(ctx, await queueFrom(ctx, u.items));
    case "remove_from_cart":
      return removeItems(ctx, u.items);
    case "set_quantity":
      return setQuantity(ctx, u.items, u.quantity);
    case "undo":
      return undo(ctx);
    case "view_cart":
      return readCart(ctx);
    case "clear_cart":
      return askClear(ctx);
    case "product_info":
      return productInfo(ctx, u.items);
    case "reorder":
      return reorder(ctx);
    case "book_slot":
      return bookSlot(ctx, text);
    case "checkout":
      return checkout(ctx);
    case "order_status":
      return orderStatus(ctx);
    case "cancel_order":
      return askCancel(ctx);
    case "help":
      return help(ctx);
    case "goodbye":
      return goodbye(ctx);
    case "confirm":
    case "deny":
      if (!pendingBefore) return reply(ctx, u.intent, [ctx.lang === "fr" ? ["D'accord."] : ["OK."]]);
      return fallback(ctx);
    default: {
      // "Encore une": more of the product just talked about.
      const more = await addMoreOfLast(ctx, text);
      if (more) return more;
      if (THANKS.test(text.toLowerCase())) return thanks(ctx);
      if (GREETING.test(text.toLowerCase())) return welcome(ctx);
      // A bare time phrase ("samedi matin") is a slot request even when the engine saw none.
      if (parseSlotPhrase(text, when)) return bookSlot(ctx, text);
      return fallback(ctx);
    }
  }
}
