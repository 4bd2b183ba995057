import type { Product, ProductIndex } from "../catalog/index.js";

/** Plain inputs, so that the CLI (files) and the dialog (database) feed resolution alike. */
export interface ResolveContext {
  index: ProductIndex;
  /** How many times the shopper bought each product id. */
  history?: ReadonlyMap<string, number>;
  /**
   * Units in stock per product id at the shopper's store; absent = stock unknown. Treated as
   * immutable (pass a new map when stock changes): resolution caches a view of it.
   */
  stock?: ReadonlyMap<string, number>;
  /** Products the store sells (ids); absent = the whole catalog. */
  sold?: ReadonlySet<string>;
  /** Language of the utterance ("en" reads English words as English). */
  language?: "fr" | "en";
}

export interface Resolution {
  product: Product;
  /** Selling units, when the product is not sold by weight (or no amount applies). */
  quantity?: number;
  /** Grams, for products sold by weight. */
  weightG?: number;
  /** 0..1: how sure the match is; the dialog asks below a threshold. */
  confidence: number;
  /** Runner-up products, best first. */
  alternatives: Product[];
  /** Why this product won, for logs and tests. */
  reason: string;
}
