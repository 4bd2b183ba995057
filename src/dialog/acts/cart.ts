import { CommerceError } from "../../commerce/index.js";
import { fold } from "../../language/index.js";
import { isNo, isNone, isYes, pickProductOption } from "../answers.js";
import type { UnderstoodItem } from "../ports.js";
import type { Piece, Sentence } from "../speech/index.js";
import type { ProductOption, QueuedItem } from "../state.js";
import type { Reply } from "../types.js";
import { L, type TurnCtx, productLabel, replyOptions, reply, toOptions } from "./context.js";
import { numberIn, removeProduct } from "./edit.js";
import { type Amount, amountOf, amountPieces, lineOf, refusal } from "./lines.js";

/** Most options read out in one question: more is too many to remember by ear. */
const MAX_OPTIONS = 3;
const DEFAULT_WEIGHT_G = 500;

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
  const outOfStock = L(
    ctx,
    [`${missing.name} est en rupture de stock.`],
    [`${missing.name} is out of stock.`],
  );
  return proposeSubstitute(ctx, "substitute", missing, option, queue, [...said, outOfStock]);
}

/**
 * Proposes `option` in place of the out-of-stock `missing` after `said`, and waits for yes/no
 * (answered by the substitute pending, whether the question came from an add or a price question).
 */
export function proposeSubstitute(
  ctx: TurnCtx,
  intent: string,
  missing: ProductOption,
  option: ProductOption,
  queue: QueuedItem[],
  said: Sentence[],
): Reply {
  ctx.state.pending = { kind: "substitute", id: crypto.randomUUID(), missing, option, queue };
  return reply(
    ctx,
    intent,
    [
      ...said,
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

const MORE = /\b(encore|un autre|une autre|le meme|la meme|pareil|another|one more|same again|more of)\b/;

/** "Encore une", "one more": more of the product the conversation last talked about. */
export async function addMoreOfLast(ctx: TurnCtx, text: string): Promise<Reply | null> {
  const last = ctx.state.context.lastProductId;
  const line = last ? lineOf(ctx.cart, last) : undefined;
  if (!line || !MORE.test(fold(text).replace(/['-]/g, " "))) return null;
  const n = numberIn(text) ?? 1;
  const amount: Amount = line.weightG !== null ? { weightG: n < 20 ? n * 1000 : n } : { quantity: n };
  const option: ProductOption = {
    productId: line.productId,
    name: line.name,
    brand: null,
    labels: [],
    priceCents: line.unitPriceCents,
    ...amount,
  };
  return addQueue(ctx, [{ text: line.name, options: [option], confident: true }]);
}
