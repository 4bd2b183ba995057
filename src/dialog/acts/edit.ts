import { CommerceError, type CartLine } from "../../commerce/index.js";
import { fold, isNumberWord, parseNumberWords, tokens } from "../../language/index.js";
import { isNo, isYes } from "../answers.js";
import type { UnderstoodItem } from "../ports.js";
import type { Piece, Sentence } from "../speech/index.js";
import type { Change, ProductOption } from "../state.js";
import type { Reply } from "../types.js";
import { L, type TurnCtx, reply } from "./context.js";
import { type Amount, amountOf, amountPieces, lineOf, refusal } from "./lines.js";

/** Editing what is in the cart: remove, change a quantity, undo, read back, empty. */

function targetLine(ctx: TurnCtx, item: UnderstoodItem | undefined): CartLine | undefined {
  if (item) {
    for (const c of item.candidates) {
      const line = lineOf(ctx.cart, c.product.id);
      if (line) return line;
    }
    const said = new Set(tokens(item.text).filter((t) => t.length > 2));
    let best: CartLine | undefined;
    let bestScore = 0;
    for (const line of ctx.cart.lines) {
      const score = tokens(line.name).filter((t) => said.has(t)).length;
      if (score > bestScore) {
        best = line;
        bestScore = score;
      }
    }
    if (best) return best;
    return undefined;
  }
  const last = ctx.state.context.lastProductId;
  return (last ? lineOf(ctx.cart, last) : undefined) ?? ctx.cart.lines[ctx.cart.lines.length - 1];
}

export async function removeItems(ctx: TurnCtx, items: UnderstoodItem[]): Promise<Reply> {
  const item = items[0];
  const line = targetLine(ctx, item);
  if (!line) {
    return reply(ctx, "remove_from_cart", [
      item
        ? L(
            ctx,
            [`Je ne trouve pas « ${item.text} » dans votre panier.`],
            [`I can't find "${item.text}" in your cart.`],
          )
        : L(ctx, ["Votre panier est vide."], ["Your cart is empty."]),
    ]);
  }
  const less =
    item?.saidWeightG !== undefined
      ? { weightG: item.saidWeightG }
      : item?.saidQuantity !== undefined && line.weightG === null
        ? { quantity: item.saidQuantity }
        : line.weightG === null
          ? countBefore(ctx.turn.text, item?.text)
          : undefined;
  return removeProduct(ctx, line.productId, line.name, less);
}

/** A count said before the product ("remove one olive oil"), when the engine kept none. */
function countBefore(text: string, mention: string | undefined): Amount | undefined {
  if (!mention) return undefined;
  const at = text.toLowerCase().indexOf(mention.toLowerCase());
  if (at <= 0) return undefined;
  const n = numberIn(text.slice(0, at));
  return n !== undefined && n > 0 ? { quantity: n } : undefined;
}

export async function removeProduct(
  ctx: TurnCtx,
  productId: string,
  name: string,
  less: Amount | undefined,
): Promise<Reply> {
  const before = lineOf(ctx.cart, productId);
  if (!before)
    return reply(ctx, "remove_from_cart", [
      L(ctx, [`${name} n'est pas dans votre panier.`], [`${name} isn't in your cart.`]),
    ]);
  ctx.cart = await ctx.deps.commerce.carts.remove(ctx.cart.id, { productId, ...(less ?? {}) });
  const after = lineOf(ctx.cart, productId);
  ctx.state.lastChange = { productId, name: before.name, before: amountOf(before), after: amountOf(after) };
  ctx.state.context.lastProductId = productId;
  const what = after
    ? L<Sentence>(
        ctx,
        ["J'ai retiré ", ...amountPieces(ctx, before.name, less ?? {}), "."],
        ["I've removed ", ...amountPieces(ctx, before.name, less ?? {}), "."],
      )
    : L<Sentence>(
        ctx,
        ["J'ai retiré ", { name: before.name }, " du panier."],
        ["I've removed ", { name: before.name }, " from your cart."],
      );
  return reply(ctx, "remove_from_cart", [what, totalSentence(ctx)]);
}

function totalSentence(ctx: TurnCtx): Sentence {
  return L<Sentence>(
    ctx,
    ["Total : ", { price: ctx.cart.totals.itemsCents }, "."],
    ["Total: ", { price: ctx.cart.totals.itemsCents }, "."],
  );
}

/** "plutôt trois", "mets-en 4", "finalement deux kilos de pommes". */
export async function setQuantity(
  ctx: TurnCtx,
  items: UnderstoodItem[],
  said: number | undefined,
): Promise<Reply> {
  const item = items[0];
  const line = targetLine(ctx, item);
  const quantity = item?.saidQuantity ?? said ?? numberIn(ctx.turn.text);
  const weightG = item?.saidWeightG;
  if (!line || (quantity === undefined && weightG === undefined)) {
    return reply(
      ctx,
      "set_quantity",
      [L(ctx, ["Combien en voulez-vous, et de quel article ?"], ["How many, and of which item?"])],
      { awaiting: "request" },
    );
  }
  const amount: Amount =
    line.weightG !== null ? { weightG: weightG ?? (quantity ?? 1) * 1000 } : { quantity: quantity ?? 1 };
  if ((amount.quantity ?? amount.weightG) === 0)
    return removeProduct(ctx, line.productId, line.name, undefined);
  try {
    ctx.cart = await ctx.deps.commerce.carts.set(ctx.cart.id, { productId: line.productId, ...amount });
  } catch (err) {
    if (err instanceof CommerceError) {
      const opt: ProductOption = {
        productId: line.productId,
        name: line.name,
        brand: null,
        labels: [],
        priceCents: line.unitPriceCents,
      };
      return reply(ctx, "set_quantity", [refusal(ctx, opt, err)]);
    }
    throw err;
  }
  const after = lineOf(ctx.cart, line.productId);
  ctx.state.lastChange = {
    productId: line.productId,
    name: line.name,
    before: amountOf(line),
    after: amountOf(after),
  };
  ctx.state.context.lastProductId = line.productId;
  return reply(ctx, "set_quantity", [
    L(
      ctx,
      [
        "C'est noté : ",
        ...amountPieces(ctx, line.name, amount),
        ", ",
        { price: after?.totalCents ?? 0 },
        ".",
      ],
      ["Done: ", ...amountPieces(ctx, line.name, amount), ", ", { price: after?.totalCents ?? 0 }, "."],
    ),
  ]);
}

const ARTICLES = new Set(["a", "an", "un", "une", "le", "la", "de", "d", "of"]);

/** The number said last ("change la quantité d'huile à deux", "make it 3"): the new amount. */
export function numberIn(text: string): number | undefined {
  const words = tokens(fold(text));
  for (let end = words.length - 1; end >= 0; end--) {
    const w = words[end]!;
    if (/^\d{1,3}$/.test(w)) return Number(w);
    if (!isNumberWord(w)) continue;
    let start = end;
    // "à deux", "a couple": the article before a number is not part of it.
    while (start > 0 && isNumberWord(words[start - 1]!) && !ARTICLES.has(words[start - 1]!)) start--;
    const n = parseNumberWords(words.slice(start, end + 1));
    if (n !== null && Number.isFinite(n) && n >= 0) return n;
  }
  return undefined;
}

export async function undo(ctx: TurnCtx): Promise<Reply> {
  const change: Change | null = ctx.state.lastChange;
  if (!change)
    return reply(ctx, "undo", [L(ctx, ["Il n'y a rien à annuler."], ["There's nothing to undo."])]);
  const restore = change.before ?? { quantity: 0 };
  const zero = (restore.quantity ?? restore.weightG ?? 0) === 0;
  if (zero) {
    if (lineOf(ctx.cart, change.productId))
      ctx.cart = await ctx.deps.commerce.carts.remove(ctx.cart.id, { productId: change.productId });
  } else {
    ctx.cart = await ctx.deps.commerce.carts.set(ctx.cart.id, { productId: change.productId, ...restore });
  }
  ctx.state.lastChange = null;
  const what: Sentence = zero
    ? L<Sentence>(
        ctx,
        ["C'est annulé : ", { name: change.name }, " n'est plus dans le panier."],
        ["Undone: ", { name: change.name }, " is no longer in your cart."],
      )
    : L<Sentence>(
        ctx,
        ["C'est annulé, vous avez de nouveau ", ...amountPieces(ctx, change.name, restore), "."],
        ["Undone: you have ", ...amountPieces(ctx, change.name, restore), " again."],
      );
  return reply(ctx, "undo", [what, totalSentence(ctx)]);
}

/** A short read-back: how many items, the main ones, the total. */
export function readCart(ctx: TurnCtx): Reply {
  const lines = ctx.cart.lines;
  if (lines.length === 0)
    return reply(ctx, "view_cart", [L(ctx, ["Votre panier est vide."], ["Your cart is empty."])]);
  const main = [...lines].sort((a, b) => b.totalCents - a.totalCents).slice(0, 3);
  const pieces: Piece[] = [];
  main.forEach((l, i) => {
    if (i > 0) pieces.push(i === main.length - 1 && lines.length <= 3 ? L(ctx, " et ", " and ") : ", ");
    pieces.push(...amountPieces(ctx, l.name, amountOf(l) ?? {}));
  });
  const others = lines.length - main.length;
  if (others > 0)
    pieces.push(
      L(
        ctx,
        ` et ${others === 1 ? "un autre article" : `${others} autres articles`}`,
        ` and ${others === 1 ? "one more item" : `${others} more items`}`,
      ),
    );
  const count = lines.length;
  return reply(ctx, "view_cart", [
    L(
      ctx,
      ["Vous avez ", { count }, ` article${count > 1 ? "s" : ""} : `, ...pieces, "."],
      ["You have ", { count }, ` item${count > 1 ? "s" : ""}: `, ...pieces, "."],
    ),
    totalSentence(ctx),
  ]);
}

export function askClear(ctx: TurnCtx): Reply {
  if (ctx.cart.lines.length === 0)
    return reply(ctx, "clear_cart", [
      L(ctx, ["Votre panier est déjà vide."], ["Your cart is already empty."]),
    ]);
  ctx.state.pending = { kind: "confirm_clear", id: crypto.randomUUID() };
  return reply(ctx, "clear_cart", [L(ctx, ["Je vide tout le panier ?"], ["Shall I empty the whole cart?"])], {
    awaiting: "confirmation",
    suggestions: L(ctx, ["Oui", "Non"], ["Yes", "No"]),
  });
}

export async function answerClear(ctx: TurnCtx, text: string): Promise<Reply | null> {
  if (ctx.state.pending?.kind !== "confirm_clear") return null;
  if (isYes(text)) {
    ctx.state.pending = null;
    ctx.cart = await ctx.deps.commerce.carts.clear(ctx.cart.id);
    ctx.state.lastChange = null;
    return reply(ctx, "clear_cart", [L(ctx, ["Votre panier est vide."], ["Your cart is now empty."])]);
  }
  if (isNo(text)) {
    ctx.state.pending = null;
    return reply(ctx, "clear_cart", [L(ctx, ["D'accord, je garde tout."], ["OK, I'll keep everything."])]);
  }
  return null;
}
