// The voice PIN asked before the recap: digits checked, three tries, "non" gives up.
import { fold } from "../../language/index.js";
import { isNo } from "../answers.js";
import type { Reply } from "../types.js";
import { recap } from "./checkout.js";
import { L, type TurnCtx, reply } from "./context.js";

export async function answerPin(ctx: TurnCtx, text: string): Promise<Reply | null> {
  const pending = ctx.state.pending;
  if (pending?.kind !== "pin" || !ctx.customerId) return null;
  if (isNo(text)) {
    ctx.state.pending = null;
    return reply(ctx, "deny", [
      L(ctx, ["D'accord, je ne passe pas la commande."], ["OK, I won't place the order."]),
    ]);
  }
  const digits = fold(text).replace(/\D/g, "");
  if (digits && (await ctx.deps.pins.verify(ctx.customerId, digits))) {
    ctx.state.context.pinOk = true;
    ctx.state.pending = null;
    return recap(ctx, []);
  }
  if (pending.attempts + 1 >= 3) {
    ctx.state.pending = null;
    return reply(ctx, "checkout", [
      L(
        ctx,
        ["Code incorrect. Pour votre sécurité, la commande n'est pas passée."],
        ["Wrong PIN. For your safety, I haven't placed the order."],
      ),
    ]);
  }
  ctx.state.pending = { ...pending, attempts: pending.attempts + 1 };
  return reply(
    ctx,
    "checkout",
    [L(ctx, ["Ce n'est pas le bon code. Réessayez ?"], ["That's not the right PIN. Try again?"])],
    { awaiting: "pin", suggestions: [] },
  );
}
