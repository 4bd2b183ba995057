import { type Product, type UnitPrice, unitPrice } from "../catalog/index.js";
import { type Offer, type Promotion, promotionActive, storePriceCents } from "./offer.js";
import type { Store } from "./store.js";

/** What a shopper sees of a product in one store: the price there, the running promotion, stock. */
export interface PricedOffer {
  storeCode: string;
  productId: string;
  /** The store's price (TTC) per selling unit, or per kg when sold by weight. */
  priceCents: number;
  /** Whether the store set its own price or it comes from the catalog price times the price factor. */
  priceSource: "store" | "catalog";
  /** The promotion on now, if any (one outside its dates is not shown). */
  promotion: Promotion | null;
  /** The discounted price per unit for a plain percent promotion; multi-buys apply in the cart. */
  promotionPriceCents: number | null;
  /** Selling units in stock, or kilograms for products sold by weight. */
  stock: number;
  stockUnit: "unit" | "kg";
  inStock: boolean;
  /** Price per kg, per litre or per piece from the store's price, as the shelf label shows it. */
  unitPrice: UnitPrice;
}

export function priceOffer(
  product: Product,
  store: Store,
  offer: Offer,
  now: Date = new Date(),
): PricedOffer {
  const priceCents = storePriceCents(product.priceCents, store.priceFactor, offer.priceCents);
  const promotion = promotionActive(offer.promotion, now) ? offer.promotion : null;
  return {
    storeCode: store.code,
    productId: product.id,
    priceCents,
    priceSource: offer.priceCents !== null ? "store" : "catalog",
    promotion,
    promotionPriceCents:
      promotion?.type === "percent" ? Math.round((priceCents * (100 - promotion.value)) / 100) : null,
    stock: offer.stock,
    stockUnit: product.soldBy === "weight" ? "kg" : "unit",
    inStock: offer.stock > 0,
    unitPrice: unitPrice(priceCents, product.quantity),
  };
}
