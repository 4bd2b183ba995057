import type { Product } from "../../catalog/index.js";
import type { Cart, Commerce } from "../../commerce/index.js";
import type { Database } from "../../db/index.js";
import { type StoreRules, findOffers, storePriceCents } from "../../stores/index.js";
import type { Understander } from "../ports.js";
import { type Lang, type Sentence, render } from "../speech/index.js";
import type { ConversationState, ProductOption } from "../state.js";
import type { Reply, ReplyOption, Turn } from "../types.js";

/** Everything an act needs for one turn; acts change `state` and return a Reply. */
export interface TurnCtx {
  turn: Turn;
  lang: Lang;
  conversationId: string;
  customerId: string | null;
  storeCode: string;
  rules: StoreRules;
  cart: Cart;
  state: ConversationState;
  deps: ActDeps;
  /** What follows a slot booked on the way to checkout: the recap (set by the dispatcher). */
  afterSlot?: (ctx: TurnCtx, said: Sentence[]) => Promise<Reply>;
}

export interface ActDeps {
  db: Database;
  commerce: Commerce;
  understander: Understander;
  now: () => Date;
  /** The shopper's voice PIN check; null when the shopper has none. */
  pins: {
    has(customerId: string): Promise<boolean>;
    verify(customerId: string, pin: string): Promise<boolean>;
  };
}

/** fr or en wording of the same thing. */
export function L<T>(ctx: { lang: Lang }, fr: T, en: T): T {
  return ctx.lang === "fr" ? fr : en;
}

export interface ReplyExtras {
  awaiting?: string;
  options?: ReplyOption[];
  suggestions?: string[];
  order?: { id: string; status: string };
  end?: boolean;
}

export function reply(ctx: TurnCtx, intent: string, sentences: Sentence[], extras: ReplyExtras = {}): Reply {
  const { text, ssml } = render(sentences, ctx.lang);
  return {
    intent,
    text,
    ssml,
    suggestions: extras.suggestions ?? defaultSuggestions(ctx),
    ...(extras.awaiting ? { awaiting: extras.awaiting } : {}),
    ...(extras.options ? { options: extras.options } : {}),
    cart: {
      lines: ctx.cart.lines.map((l) => ({
        id: l.productId,
        ...(l.gtin ? { gtin: l.gtin } : {}),
        name: l.name,
        ...(l.weightG !== null ? { weight_g: l.weightG } : { quantity: l.quantity ?? 0 }),
        total_cents: l.totalCents,
      })),
      total_cents: ctx.cart.totals.totalCents,
    },
    ...(extras.order ? { order: extras.order } : {}),
    ...(extras.end ? { endConversation: true } : {}),
  };
}

function defaultSuggestions(ctx: TurnCtx): string[] {
  if (ctx.cart.lines.length === 0) return L(ctx, ["Ajoute du lait", "Aide"], ["Add some milk", "Help"]);
  return L(ctx, ["Mon panier", "Je veux commander", "Annule"], ["My cart", "Check out", "Undo"]);
}

/** "Lait demi-écrémé UHT Lactel 1 L": what a product is called aloud and on screen. */
export function productLabel(p: {
  name: string;
  brand: string | null;
  quantityText?: string;
  soldBy?: string;
}): string {
  const parts = [p.name];
  if (p.brand && !p.name.toLowerCase().includes(p.brand.toLowerCase())) parts.push(p.brand);
  if (p.quantityText && p.soldBy !== "weight" && !/au kg/i.test(p.quantityText)) parts.push(p.quantityText);
  return parts.join(" ");
}

/** Options as the store sells them: its price, for speaking and for "le moins cher". */
export async function toOptions(
  ctx: TurnCtx,
  items: { product: Product; quantity?: number; weightG?: number }[],
): Promise<ProductOption[]> {
  const offers = await findOffers(
    ctx.deps.db,
    ctx.storeCode,
    items.map((i) => i.product.id),
  );
  return items.map(({ product, quantity, weightG }) => {
    const offer = offers.get(product.id);
    return {
      productId: product.id,
      name: productLabel(product),
      brand: product.brand,
      labels: product.labels,
      priceCents: storePriceCents(product.priceCents, ctx.rules.priceFactor, offer?.priceCents ?? null),
      ...(quantity !== undefined ? { quantity } : {}),
      ...(weightG !== undefined ? { weightG } : {}),
    };
  });
}

/** The options as the Reply carries them for screens. */
export function replyOptions(options: { productId?: string; name: string }[]): ReplyOption[] {
  return options.map((o, i) => ({
    index: i + 1,
    label: o.name,
    ...(o.productId ? { productId: o.productId } : {}),
  }));
}

/** "de" or "d'" before a name, for "un kilo de tomates" / "un kilo d'abricots". */
export function de(name: string): string {
  return /^[aeiouyhâàéèêëîïôöûùü]/i.test(name) ? "d'" : "de ";
}
