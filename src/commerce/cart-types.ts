import type { FulfilmentMode, Hold } from "../stores/index.js";
import type { PricedLine, Totals } from "./pricing.js";

export type Substitution =
  | { kind: "allow" }
  | { kind: "refuse" }
  | { kind: "alternative"; productId: string };

export interface CartLine extends PricedLine {
  substitution: Substitution;
  /** What the store has now, in the line's unit (units, or grams). */
  stock: number;
}

export interface Cart {
  id: string;
  storeCode: string;
  customerId: string | null;
  conversationId: string | null;
  status: "open" | "ordered" | "merged";
  lines: CartLine[];
  /** Fees follow the held slot's mode; with no slot held, no fee is counted yet. */
  mode: FulfilmentMode | null;
  hold: Hold | null;
  totals: Totals;
}

/** An amount to put in a cart: selling units, or grams for products sold by weight. */
export interface Amount {
  quantity?: number;
  weightG?: number;
}
