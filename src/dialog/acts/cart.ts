import { type Cart, type CartLine, CommerceError } from "../../commerce/index.js";
import { fold, isNumberWord, parseNumberWords, tokens } from "../../language/index.js";
import { isNo, isNone, isYes, pickProductOption } from "../answers.js";
import type { UnderstoodItem } from "../ports.js";
import type { Piece, Sentence } from "../speech/index.js";
import type { Change, ProductOption, QueuedItem } from "../state.js";
import type { Reply } from "../types.js";
import { L, type TurnCtx, de, productLabel, replyOptions, reply, toOptions } from "./context.js";

/** Most options read out in one question: more is too many to remember by ear. */
const MAX_OPTIONS = 3;
const DEFAULT_WEIGHT_G = 500;

type Amount = { quantity?: number; weightG?: number };

function lineOf(cart: Cart, productId: string): CartLine | undefined {
  return cart.lines.find((l) => l.productId === productId);
}

function amountOf(line: CartLine | undefined): Amount | null {
  if (!line) return null;
  return line.weightG !== null ? { weightG: line.weightG } : { quantity: line.quantity ?? 0 };
}

/** "deux Lait demi-écrémé UHT Lactel 1 L" / "un kilo et demi de Tomates grappe". */
function amountPieces(ctx: TurnCtx, name: string, a: Amount): Piece[] {
  if (a.weightG !== undefined) return [{ weight: a.weightG }, ` ${L(ctx, de(name), "of ")}`, { name }];
  return [{ count: a.quantity ?? 1 }, " ", { name }];
}

export async function queueFrom(ctx: TurnCtx, items: UnderstoodItem[]): Promise<QueuedItem[]> {
  const out: QueuedItem[] = [];
  for (const item of items) {
    const options = await toOptions(ctx, item.candidates.slice(0, MAX_OPTIONS));
    out.push({ text: item.text, options, confident: item.confident || options.length === 1 });
  }
  return out;
}

/** Adds what was asked, one item after another; stops at the first that needs a question. */
export async function addQueue(ctx: TurnCtx, queue: QueuedItem[], said: Sentence[] = []): Promise<Reply> {
  const sentences = [...said];
  for (let i = 0; i < queue.length; i++) {
    const item = queue[i]!;
    const rest = queue.slice(i + 1);
    if (item.options.length === 0) {
      sentences.push(L(ctx, [`Je n'ai pas trouvé « ${item.text} ».`], [`I couldn't find "${item.text}".`]));
      continue;
    }
    if (!item.confident) return askChoice(ctx, "add", item, rest, sentences);
    const outcome = await addOption(ctx, item.options[0]!);
    if (outcome.kind === "substitute")
      return offerSubstitute(ctx, item.options[0]!, outcome.option, rest, sentences);
    sentences.push(outcome.sentence);
  }
  if (sentences.length === 0) return fallbackNothing(ctx);
  return reply(
    ctx,
    "add_to_cart",
    [...sentences, L(ctx, [{ pause: 250 }, "Autre chose ?"], [{ pause: 250 }, "Anything else?"])],
    {
      awaiting: "request",
    },
  );
}

function fallbackNothing(ctx: TurnCtx): Reply {
  return reply(ctx, "add_to_cart", [L(ctx, ["Que voulez-vous ajouter ?"], ["What would you like to add?"])], {
    awaiting: "request",
  });
}

type AddOutcome = { kind: "added"; sentence: Sentence } | { kind: "substitute"; option: ProductOption };

/** Adds one chosen product; out of stock -> the closest substitute to offer (never added unasked). */
export async function addOption(ctx: TurnCtx, option: ProductOption): Promise<AddOutcome> {
  const soldByWeight = option.weightG !== undefined;
  const amount: Amount = soldByWeight ? { weightG: option.weightG } : { quantity: option.quantity ?? 1 };
  const before = lineOf(ctx.cart, option.productId);
  try {
    ctx.cart = await ctx.deps.commerce.carts.add(ctx.cart.id, { productId: option.productId, ...amount });
  } catch (err) {
    if (err instanceof CommerceError && err.code === "weight_required") {
      return addOption(ctx, { ...option, quantity: undefined, weightG: DEFAULT_WEIGHT_G } as ProductOption);
    }
    if (err instanceof CommerceError && err.code === "quantity_required") {
      const { weightG: _w, ...rest } = option;
      return addOption(ctx, { ...rest, quantity: 1 });
    }
    if (err instanceof CommerceError && (err.code === "out_of_stock" || err.code === "not_sold_here")) {
      const alternatives = (err.details?.alternatives ?? []) as {
        id: string;
        name: string;
        brand: string | null;
        quantityText: string;
        priceCents: number;
      }[];
      const alt = alternatives[0];
      if (alt) {
        return {
          kind: "substitute",
          option: {
            productId: alt.id,
            name: productLabel(alt),
            brand: alt.brand,
            labels: [],
            priceCents: alt.priceCents,
            ...amount,
          },
        };
      }
      return {
        kind: "added",
        sentence: L(
          ctx,
          [`${option.name} n'est plus disponible, et je n'ai rien d'équivalent.`],
          [`${option.name} is out of stock and I have nothing similar.`],
        ),
      };
    }
    if (err instanceof CommerceError) return { kind: "added", sentence: refusal(ctx, option, err) };
    throw err;
  }
  const after = lineOf(ctx.cart, option.productId);
  ctx.state.lastChange = {
    productId: option.productId,
    name: option.name,
    before: amountOf(before),
    after: amountOf(after),
  };
  ctx.state.context.lastProductId = option.productId;
  const added = (after?.totalCents ?? 0) - (before?.totalCents ?? 0);
  const promo = after?.promotion && after.savingCents > 0 ? after.promotion.label : null;
  return {
    kind: "added",
    sentence: [
      L(ctx, "J'ai ajouté ", "I've added "),
      ...amountPieces(ctx, option.name, amount),
      ", ",
      { price: added },
      promo ? L(ctx, ` avec la promotion ${promo}`, ` with the ${promo} offer`) : "",
      ".",
    ],
  };
}

function refusal(ctx: TurnCtx, option: ProductOption, err: InstanceType<typeof CommerceError>): Sentence {
  if (err.code === "insufficient_stock") {
    const left = Number(err.details?.available ?? 0);
    return L(
      ctx,
      [`Il ne reste que `, { count: left }, ` ${option.name}.`],
      [`Only `, { count: left }, ` ${option.name} left.`],
    );
  }
  if (err.code === "line_limit") {
    return L(
      ctx,
      [`C'est au-delà du maximum par article pour ${option.name}.`],
      [`That's more than the limit per item for ${option.name}.`],
    );
  }
  return L(ctx, [`Je n'ai pas pu ajouter ${option.name}.`], [`I couldn't add ${option.name}.`]);
}

function speakOptions(ctx: TurnCtx, options: ProductOption[]): Piece[] {
  const pieces: Piece[] = [];
  options.forEach((o, i) => {
    if (i > 0) pieces.push(i === options.length - 1 ? L(ctx, " ou ", " or ") : ", ", { pause: 200 });
    pieces.push({ name: o.name }, L(ctx, " à ", " at "), { price: o.priceCents });
  });
  return pieces;
}

async function askChoice(
  ctx: TurnCtx,
  purpose: "add" | "remove" | "info",
  item: QueuedItem,
  queue: QueuedItem[],
  said: Sentence[],
): Promise<Reply> {
  const options = item.options.slice(0, MAX_OPTIONS);
  ctx.state.pending = {
    kind: "choice",
    id: crypto.randomUUID(),
    purpose,
    mention: item.text,
    options,
    queue,
  };
  return reply(
    ctx,
    "clarify",
    [
      ...said,
      L(
        ctx,
        [`Pour « ${item.text} », j'ai `, ...speakOptions(ctx, options), ". Lequel ?"],
        [`For "${item.text}", I have `, ...speakOptions(ctx, options), ". Which one?"],
      ),
    ],
    {
      awaiting: "choice",
      options: replyOptions(options),
      suggestions: [...options.map((o) => o.name), L(ctx, "Aucun", "None")],
    },
  );
}

function offerSubstitute(
  ctx: TurnCtx,
  missing: ProductOption,
  option: ProductOption,
  queue: QueuedItem[],
  said: Sentence[],
): Reply {
  ctx.state.pending = { kind: "substitute", id: crypto.randomUUID(), missing, option, queue };
  return reply(
    ctx,
    "substitute",
    [
      ...said,
      L(ctx, [`${missing.name} est en rupture de stock.`], [`${missing.name} is out of stock.`]),
      L(
        ctx,
        [
          "Je peux vous proposer ",
          { name: option.name },
          " à ",
          { price: option.priceCents },
          ". Je l'ajoute ?",
        ],
        [
          "I can offer ",
          { name: option.name },
          " at ",
          { price: option.priceCents },
          " instead. Shall I add it?",
        ],
      ),
    ],
    {
      awaiting: "confirmation",
      options: replyOptions([option]),
      suggestions: L(ctx, ["Oui", "Non"], ["Yes", "No"]),
    },
  );
}

/** The answer to "lequel ?": an option, none, or something else (then null: not an answer). */
export async function answerChoice(ctx: TurnCtx, text: string): Promise<Reply | null> {
  const pending = ctx.state.pending;
  if (pending?.kind !== "choice") return null;
  if (isNone(text) || isNo(text)) {
    ctx.state.pending = null;
    return addQueue(ctx, pending.queue, [L(ctx, ["D'accord, je laisse tomber."], ["OK, I'll leave it."])]);
  }
  const index = pending.options.length === 1 && isYes(text) ? 0 : pickProductOption(text, pending.options);
  if (index === null) return null;
  const chosen = pending.options[index]!;
  ctx.state.pending = null;
  if (pending.purpose === "remove") return removeProduct(ctx, chosen.productId, chosen.name, undefined);
  const first: QueuedItem = { text: pending.mention, options: [chosen], confident: true };
  return addQueue(ctx, [first, ...pending.queue]);
}

export async function answerSubstitute(ctx: TurnCtx, text: string): Promise<Reply | null> {
  const pending = ctx.state.pending;
  if (pending?.kind !== "substitute") return null;
  if (isYes(text)) {
    ctx.state.pending = null;
    return addQueue(ctx, [
      { text: pending.option.name, options: [pending.option], confident: true },
      ...pending.queue,
    ]);
  }
  if (isNo(text) || isNone(text)) {
    ctx.state.pending = null;
    return addQueue(ctx, pending.queue, [L(ctx, ["D'accord, je ne l'ajoute pas."], ["OK, I won't add it."])]);
  }
  return null;
}

/** The cart line a request is about: a named product in the cart, else the last one talked about. */
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
        : undefined;
  return removeProduct(ctx, line.productId, line.name, less);
}

async function removeProduct(
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
function numberIn(text: string): number | undefined {
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

export { askChoice };
