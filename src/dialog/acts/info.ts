import { unitPrice } from "../../catalog/index.js";
import { findOffers, promotionActive, storePriceCents } from "../../stores/index.js";
import type { UnderstoodItem } from "../ports.js";
import type { Piece, Sentence } from "../speech/index.js";
import type { Reply } from "../types.js";
import { proposeSubstitute } from "./cart.js";
import { L, type TurnCtx, productLabel, reply, toOptions } from "./context.js";

const PER: Record<string, [string, string]> = {
  kg: ["le kilo", "per kilo"],
  l: ["le litre", "per litre"],
  piece: ["la pièce", "each"],
};

/** "Combien coûte le lait Lactel ?", "Vous avez du Comté ?": price, unit price, stock. */
export async function productInfo(ctx: TurnCtx, items: UnderstoodItem[]): Promise<Reply> {
  const item = items[0];
  const candidate = item?.candidates[0];
  if (!item || !candidate) {
    return reply(
      ctx,
      "product_info",
      [L(ctx, ["De quel produit voulez-vous le prix ?"], ["Which product would you like the price of?"])],
      {
        awaiting: "request",
      },
    );
  }
  const p = candidate.product;
  const offer = (await findOffers(ctx.deps.db, ctx.storeCode, [p.id])).get(p.id);
  const name = productLabel(p);
  if (!offer) {
    return reply(ctx, "product_info", [
      L(
        ctx,
        [`${ctx.rules.name} ne vend pas `, { name }, "."],
        [`${ctx.rules.name} doesn't sell `, { name }, "."],
      ),
    ]);
  }
  const price = storePriceCents(p.priceCents, ctx.rules.priceFactor, offer.priceCents);
  const up = unitPrice(price, p.quantity);
  const per = PER[up.per] ?? PER.piece!;
  const byWeight = p.soldBy === "weight";
  const sentences: Sentence[] = [];
  const pricePieces: Piece[] = byWeight
    ? [{ name }, L(ctx, " est à ", " is "), { price }, L(ctx, " le kilo", " per kilo")]
    : [{ name }, L(ctx, " coûte ", " costs "), { price }];
  if (!byWeight && up.per && !(p.quantity.count === 1 && p.quantity.net === 1000 && up.cents === price)) {
    pricePieces.push(L(ctx, ", soit ", ", that's "), { price: up.cents }, ` ${L(ctx, per[0], per[1])}`);
  }
  sentences.push([...pricePieces, "."]);
  if (promotionActive(offer.promotion, ctx.deps.now()) && offer.promotion) {
    sentences.push(
      L(ctx, [`En ce moment : ${offer.promotion.label}.`], [`On offer right now: ${offer.promotion.label}.`]),
    );
  }
  if (offer.stock > 0) {
    sentences.push(L(ctx, ["Il est disponible. Je l'ajoute ?"], ["It's in stock. Shall I add it?"]));
    const [option] = await toOptions(ctx, [candidate]);
    ctx.state.pending = {
      kind: "choice",
      id: crypto.randomUUID(),
      purpose: "add",
      mention: item.text,
      options: option ? [option] : [],
      queue: [],
    };
    ctx.state.context.lastProductId = p.id;
    return reply(ctx, "product_info", sentences, {
      awaiting: "confirmation",
      suggestions: L(ctx, ["Oui", "Non"], ["Yes", "No"]),
    });
  }
  sentences.push(L(ctx, ["Il est en rupture de stock en ce moment."], ["It's out of stock at the moment."]));
  // The closest product the store has: offered, never added unasked.
  let others = item.candidates.slice(1);
  if (others.length === 0) {
    // Resolution saw a single match: ask it for the product's own kind ("Beurre demi-sel").
    const kind = p.category[p.category.length - 1] ?? p.name;
    const again = await ctx.deps.understander.understand({
      text: kind,
      locale: ctx.turn.locale,
      storeCode: ctx.storeCode,
      customerId: ctx.customerId,
    });
    others = (again.items[0]?.candidates ?? []).filter((c) => c.product.id !== p.id);
  }
  const stock = await findOffers(
    ctx.deps.db,
    ctx.storeCode,
    others.map((c) => c.product.id),
  );
  const substitute = others.find((c) => (stock.get(c.product.id)?.stock ?? 0) > 0);
  if (substitute) {
    const [missing, option] = await toOptions(ctx, [candidate, substitute]);
    if (missing && option) {
      return proposeSubstitute(ctx, "product_info", missing, option, [], sentences);
    }
  }
  return reply(ctx, "product_info", sentences);
}
