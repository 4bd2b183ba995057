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

/** "deux Lait demi-écrémé UHT Lactel 1 L" / "un kilo et demi de Tomates grappe". */
export function amountPieces(ctx: TurnCtx, name: string, a: Amount): Piece[] {
  if (a.weightG !== undefined) return [{ weight: a.weightG }, ` ${L(ctx, de(name), "of ")}`, { name }];
  return [{ count: a.quantity ?? 1 }, " ", { name }];
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
