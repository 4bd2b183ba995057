import type { Reply } from "../types.js";
import { L, type TurnCtx, reply } from "./context.js";

/** Welcome, help, goodbye and the fallback: what to say when no shopping act applies. */
export function welcome(ctx: TurnCtx): Reply {
  return reply(
    ctx,
    "launch",
    [L(ctx, ["Bonjour ! Que puis-je ajouter à votre panier ?"], ["Hello! What can I add to your cart?"])],
    { awaiting: "request" },
  );
}

export function help(ctx: TurnCtx): Reply {
  return reply(
    ctx,
    "help",
    [
      L(
        ctx,
        [
          "Vous pouvez me demander d'ajouter des produits, par exemple « deux litres de lait ».",
          { pause: 250 },
        ],
        ['You can ask me to add products, for example "two litres of milk".', { pause: 250 }],
      ),
      L(
        ctx,
        [
          "Demander un prix, écouter votre panier, réserver un créneau comme « samedi vers 10 h », ou commander.",
        ],
        ['Ask for a price, hear your cart, book a slot like "Saturday around 10", or check out.'],
      ),
      L(ctx, ["Que voulez-vous faire ?"], ["What would you like to do?"]),
    ],
    {
      awaiting: "request",
      suggestions: L(
        ctx,
        ["Ajoute du lait", "Mon panier", "Samedi matin", "Je veux commander"],
        ["Add milk", "My cart", "Saturday morning", "Check out"],
      ),
    },
  );
}

export function goodbye(ctx: TurnCtx): Reply {
  ctx.state.pending = null;
  const kept = ctx.cart.lines.length > 0;
  return reply(
    ctx,
    "goodbye",
    [
      kept
        ? L(ctx, ["Votre panier est gardé. À bientôt !"], ["Your cart is saved. Goodbye!"])
        : L(ctx, ["À bientôt !"], ["Goodbye!"]),
    ],
    { end: true, suggestions: [] },
  );
}

export function thanks(ctx: TurnCtx): Reply {
  ctx.state.context.misunderstood = 0;
  return reply(ctx, "thanks", [L(ctx, ["Avec plaisir. Autre chose ?"], ["You're welcome. Anything else?"])], {
    awaiting: "request",
  });
}

/** Not understood: say so, then a reprompt that gets more helpful each time in a row. */
export function fallback(ctx: TurnCtx): Reply {
  const n = (ctx.state.context.misunderstood ?? 0) + 1;
  ctx.state.context.misunderstood = n;
  const question = ctx.state.pending
    ? L(ctx, ["Je n'ai pas compris votre réponse."], ["I didn't catch your answer."])
    : L(ctx, ["Je n'ai pas compris."], ["Sorry, I didn't understand."]);
  const hint =
    n >= 2
      ? L(
          ctx,
          ["Vous pouvez dire « ajoute du lait », « mon panier », « réserve samedi matin » ou « aide »."],
          ['You can say "add milk", "my cart", "book Saturday morning" or "help".'],
        )
      : ctx.state.pending?.kind === "choice" || ctx.state.pending?.kind === "slot"
        ? L(
            ctx,
            ["Dites « le premier », « le deuxième », ou « aucun »."],
            ['Say "the first one", "the second one", or "none".'],
          )
        : ctx.state.pending
          ? L(ctx, ["Répondez par oui ou par non."], ["Please answer yes or no."])
          : L(ctx, ["Par exemple : « ajoute deux baguettes »."], ['For example: "add two baguettes".']);
  return reply(ctx, "other", [question, hint], {
    awaiting: ctx.state.pending
      ? ctx.state.pending.kind === "slot"
        ? "slot"
        : ctx.state.pending.kind === "choice"
          ? "choice"
          : "confirmation"
      : "request",
  });
}
