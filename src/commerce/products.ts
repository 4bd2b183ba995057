import { type Quantity, type SoldBy, tryParseQuantity } from "../catalog/index.js";
import { type Exec, type Promotion, promotionSchema } from "../stores/index.js";
import type { PricedProduct } from "./pricing.js";

/** A product as a store offers it: what pricing, stock checks and alternatives need. */
export interface StoreProduct extends PricedProduct {
  brand: string | null;
  quantityText: string;
  active: boolean;
  sales30d: number;
  /** null when the store has no offer line for it (it does not sell it). */
  offer: { stock: number; priceCents: number | null; promotion: Promotion | null } | null;
}

export interface ProductRow {
  id: string;
  gtin: string | null;
  name: string;
  brand: string | null;
  quantity_text: string;
  category: string;
  labels: string[] | null;
  sold_by: SoldBy;
  price_cents: number;
  active: boolean;
  sales_30d: number;
  stock: number | null;
  offer_price_cents: number | null;
  promotion: unknown;
}

const ONE_PIECE: Quantity = { count: 1, amount: 1, unit: "piece", net: 1, perKg: false };

export const PRODUCT_SELECT = `p.id, p.gtin, p.name, p.brand, p.quantity_text, p.category, p.labels,
  p.sold_by, p.price_cents, p.active, p.sales_30d,
  o.stock, o.price_cents AS offer_price_cents, o.promotion`;

export function storeProductFromRow(r: ProductRow): StoreProduct {
  const promo = r.promotion ? promotionSchema.safeParse(r.promotion) : null;
  return {
    id: r.id,
    gtin: r.gtin,
    name: r.name,
    brand: r.brand,
    quantityText: r.quantity_text,
    quantity: tryParseQuantity(r.quantity_text) ?? ONE_PIECE,
    category: r.category
      .split(">")
      .map((s) => s.trim())
      .filter(Boolean),
    labels: r.labels ?? [],
    soldBy: r.sold_by,
    catalogPriceCents: r.price_cents,
    active: r.active,
    sales30d: r.sales_30d,
    offer:
      r.stock === null || r.stock === undefined
        ? null
        : {
            stock: Number(r.stock),
            priceCents: r.offer_price_cents,
            promotion: promo?.success ? promo.data : null,
          },
  };
}

export async function loadStoreProduct(
  exec: Exec,
  storeCode: string,
  productId: string,
): Promise<StoreProduct | null> {
  const rows = await exec<ProductRow>(
    `SELECT ${PRODUCT_SELECT} FROM products p
     LEFT JOIN offers o ON o.product_id = p.id AND o.store_code = $1
     WHERE p.id = $2`,
    [storeCode, productId],
  );
  return rows[0] ? storeProductFromRow(rows[0]) : null;
}

/** Stock in the unit a line is counted in: selling units, or grams for products sold by weight. */
export function stockInLineUnits(p: StoreProduct): number {
  if (!p.offer) return 0;
  return p.soldBy === "weight" ? Math.floor(p.offer.stock * 1000) : Math.floor(p.offer.stock);
}

export interface Alternative {
  id: string;
  gtin: string | null;
  name: string;
  brand: string | null;
  quantityText: string;
  priceCents: number;
}

/**
 * The closest products the store does have: same category first (deepest path), then the
 * parent category; the same brand, then the best sellers. Up to `limit`.
 */
export async function closestAlternatives(
  exec: Exec,
  storeCode: string,
  priceFactor: number,
  product: { id: string; brand: string | null; category: string[] },
  limit = 3,
): Promise<Alternative[]> {
  const full = product.category.join(" > ");
  const parent = product.category.slice(0, -1).join(" > ");
  if (!full) return [];
  const rows = await exec<ProductRow>(
    `SELECT ${PRODUCT_SELECT} FROM offers o JOIN products p ON p.id = o.product_id
     WHERE o.store_code = $1 AND o.stock > 0 AND p.active AND p.id <> $2
       AND (p.category = $3 OR ($4 <> '' AND (p.category = $4 OR p.category LIKE $4 || ' > %')))
     ORDER BY (p.category = $3) DESC, (p.brand IS NOT DISTINCT FROM $5) DESC, p.sales_30d DESC, p.id
     LIMIT $6`,
    [storeCode, product.id, full, parent, product.brand, limit],
  );
  return rows.map((r) => {
    const sp = storeProductFromRow(r);
    return {
      id: sp.id,
      gtin: sp.gtin,
      name: sp.name,
      brand: sp.brand,
      quantityText: sp.quantityText,
      priceCents: sp.offer?.priceCents ?? Math.round(sp.catalogPriceCents * priceFactor),
    };
  });
}
