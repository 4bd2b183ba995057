// Reordering: the last order again, else the shopper's usual basket, into the cart.
import { CommerceError } from "../../commerce/index.js";
import { fold } from "../../language/index.js";
import type { Sentence } from "../speech/index.js";
import type { Reply } from "../types.js";
import { signInFirst } from "./checkout.js";
import { L, type TurnCtx, reply } from "./context.js";

/** "Comme d'habitude", "recommande la même chose": the last order, else the usual basket. */
export async function reorder(ctx: TurnCtx): Promise<Reply> {
  if (!ctx.customerId) return signInFirst(ctx, "reorder");
  const usual = /habitu|usual/.test(fold(ctx.turn.text));
  let result: Awaited<ReturnType<typeof ctx.deps.commerce.reorder.lastOrder>>;
  try {
    result = usual
      ? await ctx.deps.commerce.reorder.usual(ctx.customerId, ctx.cart.id)
      : await ctx.deps.commerce.reorder.lastOrder(ctx.customerId, ctx.cart.id).catch((err) => {
          if (err instanceof CommerceError && err.code === "no_previous_order")
            return ctx.deps.commerce.reorder.usual(ctx.customerId as string, ctx.cart.id);
          throw err;
        });
  } catch (err) {
    if (err instanceof CommerceError) {
      return reply(ctx, "reorder", [
        L(
          ctx,
          ["Je n'ai pas encore de courses habituelles pour vous."],
          ["I don't have a usual basket for you yet."],
        ),
      ]);
    }
    throw err;
  }
  ctx.cart = result.cart;
  ctx.state.lastChange = null;
  const n = result.added.length;
  const sentences: Sentence[] = [
    L(
      ctx,
      [
        "J'ai ajouté ",
        { count: n },
        ` article${n > 1 ? "s" : ""} de vos courses habituelles. Total `,
        { price: ctx.cart.totals.itemsCents },
        ".",
      ],
      [
        "I've added ",
        { count: n },
        ` item${n > 1 ? "s" : ""} from your usual shopping. Total `,
        { price: ctx.cart.totals.itemsCents },
        ".",
      ],
    ),
  ];
  if (result.skipped.length > 0) {
    const k = result.skipped.length;
    sentences.push(
      L(
        ctx,
        [{ count: k }, ` article${k > 1 ? "s ne sont" : " n'est"} pas disponible${k > 1 ? "s" : ""}.`],
        [{ count: k }, ` item${k > 1 ? "s are" : " is"} unavailable.`],
      ),
    );
  }
  return reply(ctx, "reorder", sentences);
}
