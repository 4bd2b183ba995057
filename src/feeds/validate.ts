import { DESCRIPTION_MAX, TITLE_MAX } from "./item.js";
import type { FeedItem, ItemFacts, Problem } from "./types.js";
import { checkIdentifiers, checkUnitPricing, problem } from "./validate-rules.js";

/**
 * Checks one product feed item against the rules of the Merchant Center product data
 * specification. Errors mean Google would disapprove the item: the generator leaves it out of
 * the feed and reports it. Warnings are emitted and reported.
 */
export interface ValidationOptions {
  /** When PANIER_PUBLIC_URL is not https, the report carries one notice instead of an error per link. */
  publicUrlIsHttps: boolean;
}

const PRICE = /^(\d{1,9})\.(\d{2}) ([A-Z]{3})$/;
const ID_MAX = 50;
const LINK_MAX = 2000;
const BRAND_MAX = 70;
const PRODUCT_TYPE_MAX = 750;

export function parsePrice(value: string): { cents: number; currency: string } | null {
  const m = PRICE.exec(value);
  if (!m) return null;
  return { cents: Number(m[1]) * 100 + Number(m[2]), currency: m[3]! };
}

function checkLink(
  value: string | undefined,
  attribute: string,
  httpsRequired: boolean,
  out: Problem[],
): void {
  if (!value) {
    out.push(problem(`missing_${attribute}`, "error", attribute, `${attribute} is required`));
    return;
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    out.push(
      problem(`invalid_${attribute}`, "error", attribute, `${attribute} "${value}" is not an absolute URL`),
    );
    return;
  }
  if (/[^\x21-\x7e]/.test(value)) {
    out.push(
      problem(
        `${attribute}_not_ascii`,
        "error",
        attribute,
        `${attribute} must be ASCII: percent-encode other characters`,
      ),
    );
  }
  if (value.length > LINK_MAX) {
    out.push(
      problem(
        `${attribute}_too_long`,
        "error",
        attribute,
        `${attribute} is longer than ${LINK_MAX} characters`,
      ),
    );
  }
  if (url.protocol !== "https:") {
    if (url.protocol !== "http:") {
      out.push(problem(`invalid_${attribute}`, "error", attribute, `${attribute} must be an http(s) URL`));
    } else if (httpsRequired) {
      out.push(problem(`${attribute}_not_https`, "error", attribute, `${attribute} must use https`));
    }
  }
}

/** Problems of one item; `currency` is the feed's currency (every price must use it). */
export function validateItem(
  item: FeedItem,
  facts: ItemFacts,
  currency: string,
  options: ValidationOptions,
): Problem[] {
  const out: Problem[] = [];
  if (!item.id) out.push(problem("missing_id", "error", "id", "id is required"));
  else if (item.id.length > ID_MAX)
    out.push(problem("id_too_long", "error", "id", `id is longer than ${ID_MAX} characters`));

  if (!item.title) out.push(problem("missing_title", "error", "title", "title is required"));
  else if (item.title.length > TITLE_MAX) {
    out.push(
      problem(
        "title_too_long",
        "error",
        "title",
        `title has ${item.title.length} characters; the limit is ${TITLE_MAX}: shorten the product name`,
      ),
    );
  }
  if (facts.titleShortened) {
    out.push(
      problem(
        "title_shortened",
        "warning",
        "title",
        "brand or size left out of the title to fit 150 characters",
      ),
    );
  }
  if (!item.description)
    out.push(problem("missing_description", "error", "description", "description is required"));
  else if (item.description.length > DESCRIPTION_MAX) {
    out.push(
      problem(
        "description_too_long",
        "error",
        "description",
        `description is longer than ${DESCRIPTION_MAX} characters`,
      ),
    );
  }

  // Product links come from PANIER_PUBLIC_URL: when it is http the report says so once (notice).
  checkLink(item.link, "link", options.publicUrlIsHttps, out);
  checkLink(item.image_link, "image_link", true, out);

  const price = parsePrice(item.price);
  if (!price || price.cents <= 0) {
    out.push(
      problem(
        "invalid_price",
        "error",
        "price",
        `price "${item.price}" must read like "2.49 EUR" and be above zero`,
      ),
    );
  } else if (price.currency !== currency) {
    out.push(
      problem(
        "currency_mismatch",
        "error",
        "price",
        `price is in ${price.currency}; this feed is in ${currency}`,
      ),
    );
  }
  if (item.sale_price !== undefined) {
    const sale = parsePrice(item.sale_price);
    if (!sale)
      out.push(
        problem(
          "invalid_sale_price",
          "error",
          "sale_price",
          `sale_price "${item.sale_price}" must read like "1.99 EUR"`,
        ),
      );
    else if (sale.currency !== currency)
      out.push(
        problem(
          "currency_mismatch",
          "error",
          "sale_price",
          `sale_price is in ${sale.currency}; this feed is in ${currency}`,
        ),
      );
    else if (price && sale.cents >= price.cents)
      out.push(problem("sale_price_not_lower", "error", "sale_price", "sale_price must be lower than price"));
  }
  if (item.shipping) {
    const fee = parsePrice(item.shipping.price);
    if (!fee)
      out.push(
        problem(
          "invalid_shipping",
          "error",
          "shipping",
          `shipping price "${item.shipping.price}" must read like "5.90 EUR"`,
        ),
      );
    else if (fee.currency !== currency)
      out.push(
        problem(
          "currency_mismatch",
          "error",
          "shipping",
          `shipping is in ${fee.currency}; this feed is in ${currency}`,
        ),
      );
  }
  if (item.availability !== "in_stock" && item.availability !== "out_of_stock") {
    out.push(
      problem(
        "invalid_availability",
        "error",
        "availability",
        "availability must be in_stock or out_of_stock",
      ),
    );
  }

  checkIdentifiers(item, facts, out);
  checkUnitPricing(item, facts, out);

  if (item.brand && item.brand.length > BRAND_MAX)
    out.push(problem("brand_too_long", "error", "brand", `brand is longer than ${BRAND_MAX} characters`));
  if (item.product_type.length > PRODUCT_TYPE_MAX)
    out.push(
      problem(
        "product_type_too_long",
        "error",
        "product_type",
        `product_type is longer than ${PRODUCT_TYPE_MAX} characters`,
      ),
    );
  if (facts.categoryUnmapped) {
    out.push(
      problem(
        "category_unmapped",
        "warning",
        "google_product_category",
        `no Google category mapped for "${item.product_type}": add it to src/feeds/google-categories.json`,
      ),
    );
  }
  if (item.multipack !== undefined && !/^([2-9]|[1-9]\d+)$/.test(item.multipack)) {
    out.push(problem("invalid_multipack", "error", "multipack", "multipack must be a whole number above 1"));
  }
  if (facts.quantityUnreadable)
    out.push(
      problem(
        "quantity_unreadable",
        "error",
        "unit_pricing_measure",
        "the product's printed quantity cannot be read",
      ),
    );
  return out;
}
