import type { Product } from "../catalog/index.js";

/**
 * What the dialog needs from the understanding engine, in the dialog's own terms. The engine
 * (src/understanding + src/resolution) is adapted to this in understander.ts; tests of the
 * dialog always run the real engine through it.
 */
export type Intent =
  | "add_to_cart"
  | "remove_from_cart"
  | "set_quantity"
  | "view_cart"
  | "clear_cart"
  | "product_info"
  | "reorder"
  | "checkout"
  | "book_slot"
  | "add_recipe"
  | "undo"
  | "help"
  | "confirm"
  | "deny"
  | "goodbye"
  | "order_status"
  | "cancel_order"
  | "other";

export interface Candidate {
  product: Product;
  /** Selling units, for products sold by the unit or piece. */
  quantity?: number;
  /** Grams, for products sold by weight. */
  weightG?: number;
}

export interface UnderstoodItem {
  /** The words of the request this item came from ("deux packs de lait Lactel"). */
  text: string;
  /** Ranked products, best first (at most a handful). */
  candidates: Candidate[];
  /** False when the engine would rather ask: close runners-up or a weak match. */
  confident: boolean;
  /** An amount the shopper said explicitly (used by "plutôt trois" and removals). */
  saidQuantity?: number;
  saidWeightG?: number;
}

export interface Understanding {
  intent: Intent;
  items: UnderstoodItem[];
  /** A number said without a product ("plutôt trois"). */
  quantity?: number;
}

export interface UnderstandInput {
  text: string;
  locale: string;
  storeCode: string;
  customerId: string | null;
}

export interface Understander {
  understand(input: UnderstandInput): Understanding | Promise<Understanding>;
}
