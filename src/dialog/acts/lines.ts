import type { Cart, CartLine, CommerceError } from "../../commerce/index.js";
import type { Piece, Sentence } from "../speech/index.js";
import type { ProductOption } from "../state.js";
import { L, type TurnCtx, de } from "./context.js";

/** Cart-line helpers shared by the acts that add and those that edit. */
export type Amount = { quantity?: number; weightG?: number };

export function lineOf(cart: Cart, productId: string): CartLine | undefined {
  return cart.lines.find((l) => l.productId === productId);
}

export function amountOf(line: CartLine | undefined): Amount | null {
  if (!line) return null;
  return line.weightG !== null ? { weightG: line.weightG } : { quantity: line.quantity ?? 0 };
}

/** "deux Lait demi-écrémé UHT Lactel 1 L" / "un kilo et demi de Tomates grappe" / "une Huile". */
export function amountPieces(ctx: TurnCtx, name: string, a: Amount): Piece[] {
  if (a.weightG !== undefined) return [{ weight: a.weightG }, ` ${L(ctx, de(name), "of ")}`, { name }];
  const n = a.quantity ?? 1;
  if (n === 1 && ctx.lang === "fr" && feminine(name)) return ["une ", { name }];
  return [{ count: n }, " ", { name }];
}

// Grocery nouns that are feminine in French, for "une huile" rather than "un huile". A product
// name starts with its noun; unknown nouns keep "un", which a listener forgives more easily.
const FEMININE = new Set(
  (
    "huile bière biere baguette boîte boite bouteille brique brioche compote confiture crème creme crêpe crepe " +
    "eau farine galette glace limonade madeleine margarine mayonnaise moutarde orange pâte pate pizza pomme " +
    "poire banane carotte courgette aubergine salade sauce soupe tablette tarte tomate viande escalope " +
    "saucisse tranche terrine quiche olive lessive éponge eponge bougie barquette bûche buche pêche peche " +
    "clémentine clementine mangue fraise cerise framboise noix noisette amande lentille céréale cereale " +
    "boisson liqueur vodka tisane infusion purée puree semoule crevette sardine dinde côte cote entrecôte " +
    "entrecote baguette ficelle fougasse focaccia mozzarella burrata feta raclette tomme ricotta"
  ).split(" "),
);

function feminine(name: string): boolean {
  const first = name.toLowerCase().split(/[\s'-]+/)[0] ?? "";
  return FEMININE.has(first) || FEMININE.has(first.replace(/s$/, ""));
}

export function refusal(
  ctx: TurnCtx,
  option: ProductOption,
  err: InstanceType<typeof CommerceError>,
): Sentence {
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
