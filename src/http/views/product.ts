import { z } from "zod";
import { categoryPath, type Product, unitPrice } from "../../catalog/index.js";
import type { PricedOffer } from "../../stores/index.js";

/** How products and offers look on the wire: snake_case, money in cents, links absolute. */

const unitPriceSchema = z.object({
  cents: z.number().int(),
  per: z.enum(["kg", "l", "piece"]),
});

const promotionSchema = z
  .object({
    type: z.enum(["percent", "second_item_percent", "x_for_y"]),
    value: z.number().optional(),
    buy: z.number().int().optional(),
    pay: z.number().int().optional(),
    label: z.string().optional(),
    starts_at: z.string().optional(),
    ends_at: z.string().optional(),
  })
  .describe("The promotion on now in this store");

export const offerSchema = z.object({
  store: z.string(),
  price_cents: z.number().int().describe("The store's price (VAT included), per unit or per kg"),
  price_source: z.enum(["store", "catalog"]),
  promotion: promotionSchema.nullable(),
  promotion_price_cents: z.number().int().nullable(),
  stock: z.number().describe("Selling units in stock; kilograms for products sold by weight"),
  stock_unit: z.enum(["unit", "kg"]),
  in_stock: z.boolean(),
  unit_price: unitPriceSchema,
});

export const productSchema = z.object({
  id: z.string(),
  gtin: z.string().nullable(),
  name: z.string(),
  brand: z.string().nullable(),
  quantity: z.string().describe('The size as printed: "6 x 1 L", "au kg"'),
  size: z.object({
    count: z.number(),
    amount: z.number(),
    unit: z.enum(["g", "ml", "piece"]),
    net: z.number(),
    per_kg: z.boolean(),
  }),
  category: z.array(z.string()),
  category_path: z.string(),
  labels: z.array(z.string()),
  sold_by: z.enum(["unit", "weight", "piece"]),
  price_cents: z.number().int().describe("Catalog price (VAT included), per unit or per kg"),
  currency: z.string(),
  unit_price: unitPriceSchema,
  image: z.string().nullable(),
  description: z.string().nullable(),
  popularity: z.number().int().describe("Units sold over the last 30 days"),
  active: z.boolean(),
  url: z.string().describe("The product's storefront page"),
  offer: offerSchema.optional(),
});

export type ProductView = z.infer<typeof productSchema>;

export function offerView(offer: PricedOffer): z.infer<typeof offerSchema> {
  return {
    store: offer.storeCode,
    price_cents: offer.priceCents,
    price_source: offer.priceSource,
    promotion: offer.promotion,
    promotion_price_cents: offer.promotionPriceCents,
    stock: offer.stock,
    stock_unit: offer.stockUnit,
    in_stock: offer.inStock,
    unit_price: offer.unitPrice,
  };
}

export function productView(product: Product, publicUrl: string, offer?: PricedOffer): ProductView {
  const q = product.quantity;
  return {
    id: product.id,
    gtin: product.gtin,
    name: product.name,
    brand: product.brand,
    quantity: product.quantityText,
    size: { count: q.count, amount: q.amount, unit: q.unit, net: q.net, per_kg: q.perKg },
    category: product.category,
    category_path: categoryPath(product),
    labels: product.labels,
    sold_by: product.soldBy,
    price_cents: product.priceCents,
    currency: product.currency,
    unit_price: unitPrice(product.priceCents, q),
    image: product.image,
    description: product.description,
    popularity: product.sales30d,
    active: product.active,
    url: `${publicUrl}/p/${encodeURIComponent(product.id)}`,
    ...(offer ? { offer: offerView(offer) } : {}),
  };
}
