import { cleanText } from "./format.js";
import type { FeedItem } from "./types.js";

/** Text encoders of the three Merchant Center file formats Panier publishes. */

const XML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
};

export function xmlEscape(text: string): string {
  // Characters XML 1.0 cannot carry at all are dropped, not escaped.
  return (
    text
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing what XML forbids
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "")
      .replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!)
  );
}

function tag(name: string, value: string | undefined): string {
  return value === undefined ? "" : `<g:${name}>${xmlEscape(value)}</g:${name}>`;
}

export const G_NAMESPACE = "http://base.google.com/ns/1.0";

/** RSS 2.0 with the g: namespace, as the product data specification shows for XML feeds. */
export function rssHeader(title: string, link: string, description: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:g="${G_NAMESPACE}">\n<channel>\n` +
    `<title>${xmlEscape(title)}</title>\n<link>${xmlEscape(link)}</link>\n<description>${xmlEscape(description)}</description>\n`
  );
}

export const RSS_FOOTER = "</channel>\n</rss>\n";

export const ITEM_ATTRIBUTES = [
  "id",
  "title",
  "description",
  "link",
  "image_link",
  "availability",
  "price",
  "sale_price",
  "sale_price_effective_date",
  "brand",
  "gtin",
  "mpn",
  "condition",
  "google_product_category",
  "product_type",
  "unit_pricing_measure",
  "unit_pricing_base_measure",
  "multipack",
  "identifier_exists",
] as const satisfies readonly (keyof FeedItem)[];

export function itemXml(item: FeedItem): string {
  let out = "<item>";
  for (const name of ITEM_ATTRIBUTES) out += tag(name, item[name]);
  if (item.shipping) {
    const s = item.shipping;
    out += `<g:shipping>${tag("country", s.country)}${tag("service", s.service)}${tag("price", s.price)}</g:shipping>`;
  }
  return `${out}</item>\n`;
}

function tsvCell(value: string | undefined): string {
  return value === undefined ? "" : cleanText(value);
}

export const PRODUCT_TSV_HEADER = `${[...ITEM_ATTRIBUTES, "shipping"].join("\t")}\n`;

/** Tab-separated: shipping as country:region:service:price, the sub-attribute order of the spec. */
export function itemTsv(item: FeedItem): string {
  const cells = ITEM_ATTRIBUTES.map((name) => tsvCell(item[name]));
  const s = item.shipping;
  cells.push(s ? `${s.country}::${tsvCell(s.service).replace(/:/g, " ")}:${s.price}` : "");
  return `${cells.join("\t")}\n`;
}

/** A local product inventory line (local inventory feed specification). */
export interface LocalInventoryLine {
  store_code: string;
  id: string;
  quantity: string;
  price: string;
  sale_price?: string;
  sale_price_effective_date?: string;
  availability: "in_stock" | "out_of_stock";
  pickup_method: "buy" | "not_supported";
  pickup_sla?: "same_day" | "next_day";
}

export const LOCAL_INVENTORY_COLUMNS = [
  "store_code",
  "id",
  "quantity",
  "price",
  "sale_price",
  "sale_price_effective_date",
  "availability",
  "pickup_method",
  "pickup_sla",
] as const satisfies readonly (keyof LocalInventoryLine)[];

export const LOCAL_INVENTORY_HEADER = `${LOCAL_INVENTORY_COLUMNS.join("\t")}\n`;

export function localInventoryTsv(line: LocalInventoryLine): string {
  return `${LOCAL_INVENTORY_COLUMNS.map((c) => tsvCell(line[c])).join("\t")}\n`;
}

/** A promotion of the promotions feed, with the items it applies to. */
export interface PromotionEntry {
  promotion_id: string;
  product_applicability: "specific_products";
  offer_type: "no_code";
  long_title: string;
  promotion_effective_dates: string;
  redemption_channel: "online";
  coupon_value_type: "percent_off" | "buy_m_get_n_percent_off";
  percent_off: string;
  minimum_purchase_quantity?: string;
  get_this_quantity_discounted?: string;
  item_ids: string[];
}

/** The opening of a promotion item; its item ids follow (promotionItemIdXml) as rows stream in. */
export function promotionHeadXml(p: Omit<PromotionEntry, "item_ids">): string {
  let out = "<item>";
  out += tag("promotion_id", p.promotion_id);
  out += tag("product_applicability", p.product_applicability);
  out += tag("offer_type", p.offer_type);
  out += tag("long_title", p.long_title);
  out += tag("promotion_effective_dates", p.promotion_effective_dates);
  out += tag("redemption_channel", p.redemption_channel);
  out += tag("promotion_destination", "Shopping_ads");
  out += tag("promotion_destination", "Free_listings");
  out += tag("coupon_value_type", p.coupon_value_type);
  out += tag("percent_off", p.percent_off);
  out += tag("minimum_purchase_quantity", p.minimum_purchase_quantity);
  out += tag("get_this_quantity_discounted", p.get_this_quantity_discounted);
  return out;
}

export function promotionItemIdXml(id: string): string {
  return tag("item_id", id);
}

export const PROMOTION_END = "</item>\n";
