import { categoryPath, type Product } from "../catalog/index.js";
import { fold } from "../language/index.js";
import { promotionActive } from "../stores/index.js";
import { googleCategory } from "./categories.js";
import { cleanText, formatMeasure, formatPrice, isoInZone, startOfUtcDay } from "./format.js";
import { gtinRange } from "./gtin-ranges.js";
import type { FeedItem, ItemFacts, OfferRow } from "./types.js";

export const TITLE_MAX = 150;
export const DESCRIPTION_MAX = 5000;

export interface BuildContext {
  /** PANIER_PUBLIC_URL without a trailing slash. */
  publicUrl: string;
  now: Date;
}

/** The storefront page every feed link points to. */
export function productLink(publicUrl: string, id: string): string {
  return `${publicUrl}/p/${encodeURIComponent(id)}`;
}

/**
 * Title = brand + name + size (the specification's advice for grocery), within 150 characters.
 * When that is too long the brand goes first (it has its own attribute), then the size; a name
 * alone longer than 150 is left as is for the validator to report.
 */
export function composeTitle(product: Product): { title: string; shortened: boolean } {
  const name = cleanText(product.name);
  const brand = product.brand ? cleanText(product.brand) : "";
  const size = cleanText(product.quantityText);
  const folded = fold(name);
  const withBrand = brand && !folded.includes(fold(brand)) ? `${brand} ` : "";
  const withSize = size && !folded.endsWith(fold(size)) ? ` ${size}` : "";
  const candidates = [`${withBrand}${name}${withSize}`, `${name}${withSize}`, name];
  for (const [i, title] of candidates.entries()) {
    if (title.length <= TITLE_MAX) return { title, shortened: i > 0 && title !== candidates[0] };
  }
  return { title: candidates[0]!, shortened: false };
}

/**
 * unit_pricing_measure / unit_pricing_base_measure: the net content of one selling unit and the
 * base the price is shown per ("750 g" / "1 kg", "6 l" / "1 l", "12 ct" / "1 ct"); goods sold by
 * weight are priced per kilogram, so "1 kg" / "1 kg".
 */
export function unitPricing(product: Product): { measure: string; base: string } | null {
  const q = product.quantity;
  if (q.perKg) return { measure: "1 kg", base: "1 kg" };
  if (q.unit === "g") return { measure: formatMeasure(q.net, "g"), base: "1 kg" };
  if (q.unit === "ml") return { measure: formatMeasure(q.net, "ml"), base: "1 l" };
  if (q.net > 1) return { measure: formatMeasure(q.net, "ct"), base: "1 ct" };
  return null;
}

/** Goods sold by weight or volume, for which EU rules (and so Google) require a unit price. */
export function isMeasured(product: Product): boolean {
  return product.quantity.perKg || product.quantity.unit === "g" || product.quantity.unit === "ml";
}

function extraString(extra: Record<string, unknown> | null, key: string): string | undefined {
  const v = extra?.[key];
  return typeof v === "string" && v.trim() ? v.trim() : undefined;
}

/**
 * multipack is only for packs the retailer assembles (Google: a manufacturer's 6 x 1 L carries
 * its own GTIN and is not a multipack). A retailer pack is one the catalog marks with
 * `extra.multipack`, or a pack of several items with no GTIN of its own to submit.
 */
function multipack(product: Product, extra: Record<string, unknown> | null, gtinSubmitted: boolean) {
  const declared = extra?.multipack;
  if (typeof declared === "number" && Number.isInteger(declared) && declared > 1) return declared;
  const q = product.quantity;
  if (!gtinSubmitted && q.unit !== "piece" && q.count > 1 && !q.perKg) return q.count;
  return undefined;
}

/** Builds one product feed item from an offer row; the validator decides whether it is emitted. */
export function buildItem(row: OfferRow, ctx: BuildContext): { item: FeedItem; facts: ItemFacts } {
  const p = row.product;
  const { title, shortened } = composeTitle(p);
  const category = googleCategory(p.category);
  const gtinSubmitted = p.gtin !== null && gtinRange(p.gtin) !== "in_store";
  const mpn = extraString(row.extra, "mpn");
  const item: FeedItem = {
    id: p.id,
    title,
    description: cleanText(p.description ?? "") || title,
    link: productLink(ctx.publicUrl, p.id),
    availability: row.stock > 0 ? "in_stock" : "out_of_stock",
    price: formatPrice(row.priceCents, p.currency),
    condition: "new",
    google_product_category: String(category.id),
    product_type: categoryPath(p),
    identifier_exists: gtinSubmitted || mpn ? "yes" : "no",
  };
  if (p.image) item.image_link = p.image.trim();
  if (p.brand) item.brand = cleanText(p.brand);
  if (gtinSubmitted && p.gtin) item.gtin = p.gtin;
  if (mpn) item.mpn = mpn;
  const sale = salePrice(row, ctx.now);
  if (sale) {
    item.sale_price = sale.price;
    if (sale.effective) item.sale_price_effective_date = sale.effective;
  }
  const units = row.quantityUnreadable ? null : unitPricing(p);
  if (units) {
    item.unit_pricing_measure = units.measure;
    item.unit_pricing_base_measure = units.base;
  }
  const pack = row.quantityUnreadable ? undefined : multipack(p, row.extra, item.gtin !== undefined);
  if (pack) item.multipack = String(pack);
  if (row.deliveryFeeCents !== null) {
    item.shipping = {
      country: row.storeCountry,
      service: "Livraison",
      price: formatPrice(row.deliveryFeeCents, p.currency),
    };
  }
  return {
    item,
    facts: {
      sourceGtin: p.gtin,
      measured: !row.quantityUnreadable && isMeasured(p),
      categoryUnmapped: !category.mapped,
      titleShortened: shortened,
      quantityUnreadable: row.quantityUnreadable,
    },
  };
}

/** sale_price from an active `percent` promotion only (other kinds go to the promotions feed). */
export function saleCents(row: Pick<OfferRow, "promotion" | "priceCents">, now: Date): number | null {
  const promo = row.promotion;
  if (promo?.type !== "percent" || !promotionActive(promo, now)) return null;
  const cents = Math.round((row.priceCents * (100 - promo.value)) / 100);
  return cents < row.priceCents ? cents : null;
}

function salePrice(row: OfferRow, now: Date): { price: string; effective?: string } | null {
  const cents = saleCents(row, now);
  if (cents === null || row.promotion?.type !== "percent") return null;
  const promo = row.promotion;
  const price = formatPrice(cents, row.product.currency);
  if (!promo.ends_at && !promo.starts_at) return { price };
  const start = promo.starts_at ? new Date(promo.starts_at) : startOfUtcDay(now);
  // An open-ended sale is announced for 30 days; the daily regeneration rolls it forward.
  const end = promo.ends_at
    ? new Date(promo.ends_at)
    : new Date(startOfUtcDay(now).getTime() + 30 * 86_400_000);
  return {
    price,
    effective: `${isoInZone(start, row.storeTimezone)}/${isoInZone(end, row.storeTimezone)}`,
  };
}
