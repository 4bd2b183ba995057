import type { Product } from "../catalog/index.js";
import type { Promotion } from "../stores/index.js";

/** One offer row as the feeds read it: the product, the store's offer and what the store charges. */
export interface OfferRow {
  product: Product;
  /** Raw products.extra (may carry an `mpn` or a retailer `multipack` count). */
  extra: Record<string, unknown> | null;
  storeCode: string;
  storeName: string;
  storeTimezone: string;
  /** ISO 3166 country of the store (shipping, promotions). */
  storeCountry: string;
  /** Selling units in stock (kilograms for goods sold by weight). */
  stock: number;
  /** The store's price in cents (DESIGN.md price rule already applied). */
  priceCents: number;
  promotion: Promotion | null;
  /** Delivery fee in cents, or null when the store does not deliver. */
  deliveryFeeCents: number | null;
  /** Whether the store offers pickup, and the pickup window used for pickup_sla. */
  pickup: { from: string; to: string } | null;
  /** The product's quantity text could not be read: the row is reported, not emitted. */
  quantityUnreadable: boolean;
}

export interface ShippingAttr {
  country: string;
  service: string;
  price: string;
}

/**
 * A product feed item: attribute name -> value exactly as written to the feed (Merchant Center
 * product data specification names). Optional attributes are absent rather than empty.
 */
export interface FeedItem {
  id: string;
  title: string;
  description: string;
  link: string;
  image_link?: string;
  availability: "in_stock" | "out_of_stock";
  price: string;
  sale_price?: string;
  sale_price_effective_date?: string;
  brand?: string;
  gtin?: string;
  mpn?: string;
  condition: "new";
  google_product_category: string;
  product_type: string;
  unit_pricing_measure?: string;
  unit_pricing_base_measure?: string;
  multipack?: string;
  identifier_exists: "yes" | "no";
  shipping?: ShippingAttr;
}

/** Facts about the source product the validator needs beyond the emitted attributes. */
export interface ItemFacts {
  /** The GTIN as the catalog holds it (the builder may leave a restricted one out of the feed). */
  sourceGtin: string | null;
  /** Sold by weight or volume: unit pricing is required (EU unit-price rules). */
  measured: boolean;
  /** The Google category came from the fallback, not a mapping entry. */
  categoryUnmapped: boolean;
  /** The composed title had to drop brand or size to fit 150 characters. */
  titleShortened: boolean;
  quantityUnreadable: boolean;
}

export type Severity = "error" | "warning";

export interface Problem {
  code: string;
  severity: Severity;
  attribute: string;
  message: string;
}
