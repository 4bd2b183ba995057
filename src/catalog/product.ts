import type { Quantity } from "./quantity.js";

export type SoldBy = "unit" | "weight" | "piece";

/**
 * A catalog product as the rest of Panier sees it. Money in integer cents. `id` is the GTIN
 * when the product has one, else an id the retailer gives (meal kits, store-made goods).
 */
export interface Product {
  id: string;
  gtin: string | null;
  name: string;
  brand: string | null;
  /** The size as printed on the pack: "6 x 1 L", "4 x 125 g", "au kg". */
  quantityText: string;
  /** Parsed `quantityText`. */
  quantity: Quantity;
  /** Category path segments, e.g. ["Crèmerie", "Laits", "Lait demi-écrémé"]. */
  category: string[];
  labels: string[];
  soldBy: SoldBy;
  /** Catalog price in cents per selling unit, or per kg when sold by weight. */
  priceCents: number;
  currency: string;
  image: string | null;
  description: string | null;
  /** Units sold over the last 30 days across the chain: the popularity signal. */
  sales30d: number;
  active: boolean;
}

export const CATEGORY_SEPARATOR = " > ";

export function categoryPath(product: Pick<Product, "category">): string {
  return product.category.join(CATEGORY_SEPARATOR);
}
