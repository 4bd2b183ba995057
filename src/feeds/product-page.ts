import { categoryPath, unitPrice } from "../catalog/index.js";
import type { Database } from "../db/index.js";
import { composeTitle, productLink, saleCents, unitPricing } from "./item.js";
import { offerRowFrom } from "./source.js";
import type { OfferRow } from "./types.js";

/** A product with its offer in every store that sells it: the storefront page and its JSON-LD. */
export interface ProductPage {
  id: string;
  title: string;
  name: string;
  brand: string | null;
  gtin: string | null;
  image: string | null;
  description: string | null;
  category: string;
  quantityText: string;
  link: string;
  stores: {
    code: string;
    name: string;
    priceCents: number;
    salePriceCents: number | null;
    currency: string;
    inStock: boolean;
    /** The price per base measure: { cents: 100, base: "1 l", measure: "6 l" }. */
    unitPrice: { cents: number; base: string; measure: string } | null;
    promotionLabel: string | null;
  }[];
}

const PAGE_SQL = `SELECT p.id, p.gtin, p.name, p.brand, p.quantity_text, p.category, p.labels, p.sold_by,
  p.price_cents AS catalog_price_cents, p.currency, p.image, p.description, p.sales_30d, p.extra,
  o.store_code, o.stock, o.price_cents AS offer_price_cents, o.promotion,
  s.name AS store_name, s.timezone, s.price_factor::text AS price_factor, s.fulfillment, s.address
  FROM products p JOIN offers o ON o.product_id = p.id JOIN stores s ON s.code = o.store_code
  WHERE p.id = $1 AND p.active ORDER BY s.code`;

/** Price per base measure ("1 kg", "1 l", "1 ct") from the selling unit's net content. */
function perBase(row: OfferRow, cents: number): { cents: number; base: string; measure: string } | null {
  const units = row.quantityUnreadable ? null : unitPricing(row.product);
  if (!units) return null;
  // The catalog's shelf unit price (per kg, per litre, per piece), the one every screen shows.
  return { cents: unitPrice(cents, row.product.quantity).cents, ...units };
}

export async function loadProductPage(
  db: Database,
  id: string,
  publicUrl: string,
  now: Date = new Date(),
): Promise<ProductPage | null> {
  const raws = await db.query(PAGE_SQL, [id]);
  if (raws.length === 0) return null;
  const rows = raws.map(offerRowFrom);
  const p = rows[0]!.product;
  return {
    id: p.id,
    title: composeTitle(p).title,
    name: p.name,
    brand: p.brand,
    gtin: p.gtin,
    image: p.image,
    description: p.description,
    category: categoryPath(p),
    quantityText: p.quantityText,
    link: productLink(publicUrl.replace(/\/+$/, ""), p.id),
    stores: rows.map((row) => {
      const sale = saleCents(row, now);
      return {
        code: row.storeCode,
        name: row.storeName,
        priceCents: row.priceCents,
        salePriceCents: sale,
        currency: p.currency,
        inStock: row.stock > 0,
        unitPrice: perBase(row, sale ?? row.priceCents),
        promotionLabel: row.promotion?.label ?? null,
      };
    }),
  };
}

const UNIT_CODES: Record<string, string> = { kg: "KGM", g: "GRM", l: "LTR", ml: "MLT", ct: "H87" };

function quantitative(measure: string): { "@type": "QuantitativeValue"; value: number; unitCode: string } {
  const [value = "1", unit = "ct"] = measure.split(" ");
  return { "@type": "QuantitativeValue", value: Number(value), unitCode: UNIT_CODES[unit] ?? "H87" };
}

/**
 * schema.org Product with one Offer per store (price, availability, the store as the place) and,
 * for goods with a unit price, a UnitPriceSpecification whose referenceQuantity is the net
 * content with the base measure as valueReference — the structured-data counterpart of
 * unit_pricing_measure / unit_pricing_base_measure.
 */
export function productJsonLd(page: ProductPage): Record<string, unknown> {
  return {
    "@context": "https://schema.org",
    "@type": "Product",
    "@id": page.link,
    name: page.title,
    sku: page.id,
    ...(page.gtin ? { gtin: page.gtin } : {}),
    ...(page.image ? { image: page.image } : {}),
    ...(page.description ? { description: page.description } : {}),
    ...(page.brand ? { brand: { "@type": "Brand", name: page.brand } } : {}),
    category: page.category,
    url: page.link,
    offers: page.stores.map((s) => {
      const cents = s.salePriceCents ?? s.priceCents;
      const offer: Record<string, unknown> = {
        "@type": "Offer",
        url: page.link,
        price: (cents / 100).toFixed(2),
        priceCurrency: s.currency,
        availability: s.inStock ? "https://schema.org/InStock" : "https://schema.org/OutOfStock",
        itemCondition: "https://schema.org/NewCondition",
        availableAtOrFrom: { "@type": "Place", name: s.name, identifier: s.code },
      };
      if (s.unitPrice) {
        offer.priceSpecification = {
          "@type": "UnitPriceSpecification",
          price: (cents / 100).toFixed(2),
          priceCurrency: s.currency,
          referenceQuantity: {
            ...quantitative(s.unitPrice.measure),
            valueReference: quantitative(s.unitPrice.base),
          },
        };
      }
      return offer;
    }),
  };
}
