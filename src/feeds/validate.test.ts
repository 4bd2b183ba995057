import { describe, expect, it } from "vitest";
import { parseQuantity, type Product, withCheckDigit } from "../catalog/index.js";
import { gtinRange } from "./gtin-ranges.js";
import { buildItem, composeTitle } from "./item.js";
import type { FeedItem, ItemFacts, OfferRow } from "./types.js";
import { validateItem } from "./validate.js";

const opts = { publicUrlIsHttps: true };

function row(over: Partial<Product> = {}, offer: Partial<OfferRow> = {}): OfferRow {
  const product: Product = {
    id: "3073363998823",
    gtin: "3073363998823",
    name: "Lait demi-écrémé UHT",
    brand: "Lactel",
    quantityText: "1 L",
    quantity: parseQuantity("1 L"),
    category: ["Crèmerie", "Laits", "Lait demi-écrémé"],
    labels: [],
    soldBy: "unit",
    priceCents: 109,
    currency: "EUR",
    image: "https://cdn.example/milk.jpg",
    description: "Lait",
    sales30d: 0,
    active: true,
    ...over,
  };
  return {
    product,
    extra: null,
    storeCode: "S1",
    storeName: "Store",
    storeTimezone: "Europe/Paris",
    storeCountry: "FR",
    stock: 5,
    priceCents: product.priceCents,
    promotion: null,
    deliveryFeeCents: 590,
    pickup: null,
    quantityUnreadable: false,
    ...offer,
  };
}

function check(r: OfferRow, edit?: (i: FeedItem, f: ItemFacts) => void): string[] {
  const { item, facts } = buildItem(r, {
    publicUrl: "https://shop.example",
    now: new Date("2026-01-01T00:00:00Z"),
  });
  edit?.(item, facts);
  return validateItem(item, facts, "EUR", opts).map((p) => `${p.severity}:${p.code}`);
}

describe("the feed validator", () => {
  it("accepts a well-formed grocery item", () => {
    expect(check(row())).toEqual([]);
  });

  it("knows the restricted GTIN ranges on the 13-digit form", () => {
    expect(gtinRange("2012345678900")).toBe("in_store");
    expect(gtinRange("0212345678906")).toBe("in_store");
    expect(gtinRange("0412345678904")).toBe("in_store");
    expect(gtinRange("412345678904")).toBe("in_store"); // UPC 4xxxx = GTIN-13 04xxxx
    expect(gtinRange("0512345678901")).toBe("coupon");
    expect(gtinRange("9912345678902")).toBe("coupon");
    expect(gtinRange("9821234567890")).toBe("coupon");
    expect(gtinRange("9851234567890")).toBeNull();
    expect(gtinRange("13073363998823")).toBeNull(); // the indicator digit is not a prefix
    expect(gtinRange("3073363998823")).toBeNull();
  });

  it("rejects a wrong check digit and coupon codes, and skips in-store codes", () => {
    expect(check(row({ gtin: "3073363998824" }))).toContain("error:invalid_gtin");
    expect(check(row({ gtin: withCheckDigit("991234567890") }))).toContain("error:gtin_coupon_range");
    expect(check(row({ gtin: withCheckDigit("981234567890") }))).toContain("error:gtin_coupon_range");
    const inStore = check(row({ gtin: withCheckDigit("201234567890"), brand: null }));
    expect(inStore).toEqual(["warning:gtin_in_store_not_submitted"]);
  });

  it("applies one identifier_exists rule: no only without GTIN and MPN", () => {
    expect(check(row({ gtin: null }))).toEqual([]);
    expect(
      buildItem(row({ gtin: null }), { publicUrl: "https://x", now: new Date() }).item.identifier_exists,
    ).toBe("no");
    expect(
      buildItem(row({ gtin: null }, { extra: { mpn: "LT-1" } }), { publicUrl: "https://x", now: new Date() })
        .item.identifier_exists,
    ).toBe("yes");
    expect(
      check(row(), (i) => {
        i.identifier_exists = "no";
      }),
    ).toContain("error:identifier_exists_mismatch");
    expect(
      check(row({ gtin: null }), (i) => {
        i.identifier_exists = "yes";
      }),
    ).toContain("error:identifier_exists_mismatch");
  });

  it("requires unit pricing for goods sold by weight or volume, with an allowed base", () => {
    expect(
      check(row(), (i) => {
        delete i.unit_pricing_measure;
        delete i.unit_pricing_base_measure;
      }),
    ).toContain("error:unit_pricing_missing");
    expect(
      check(row(), (i) => {
        i.unit_pricing_base_measure = "3 l";
      }),
    ).toContain("error:invalid_unit_pricing_base_measure");
    expect(
      check(row(), (i) => {
        i.unit_pricing_base_measure = "75cl";
      }),
    ).toEqual([]);
    expect(
      check(row(), (i) => {
        i.unit_pricing_base_measure = "100 g";
      }),
    ).toContain("error:unit_pricing_unit_mismatch");
    const eggs = row({ quantityText: "12 pièces", quantity: parseQuantity("12 pièces") });
    expect(buildItem(eggs, { publicUrl: "https://x", now: new Date() }).item).toMatchObject({
      unit_pricing_measure: "12 ct",
      unit_pricing_base_measure: "1 ct",
    });
    expect(check(eggs)).toEqual([]);
  });

  it("checks price format, a single currency and links", () => {
    expect(
      check(row(), (i) => {
        i.price = "1,09 EUR";
      }),
    ).toContain("error:invalid_price");
    expect(
      check(row(), (i) => {
        i.price = "1.09 USD";
      }),
    ).toContain("error:currency_mismatch");
    expect(
      check(row(), (i) => {
        i.sale_price = "1.20 EUR";
      }),
    ).toContain("error:sale_price_not_lower");
    expect(
      check(row(), (i) => {
        i.link = "http://shop.example/p/1";
      }),
    ).toContain("error:link_not_https");
    expect(
      check(row(), (i) => {
        i.link = "https://shop.example/p/crème";
      }),
    ).toContain("error:link_not_ascii");
    expect(check(row({ image: null }))).toContain("error:missing_image_link");
    // Ids with spaces or accents are percent-encoded in links.
    expect(buildItem(row({ id: "KIT crêpes" }), { publicUrl: "https://x", now: new Date() }).item.link).toBe(
      "https://x/p/KIT%20cr%C3%AApes",
    );
  });

  it("keeps titles within 150 characters, dropping brand then size before giving up", () => {
    const long = "Biscuits ".repeat(15).trim(); // 134 characters
    const t = composeTitle(row({ name: long, brand: "Une Marque Assez Longue" }).product);
    expect(t.title.length).toBeLessThanOrEqual(150);
    expect(t.shortened).toBe(true);
    expect(check(row({ name: "x".repeat(200) }))).toContain("error:title_too_long");
  });

  it("warns when a category has no Google mapping", () => {
    expect(check(row({ category: ["Rayon inconnu"] }))).toEqual(["warning:category_unmapped"]);
  });
});

describe("feed items", () => {
  const now = new Date("2026-03-10T10:00:00Z");
  const build = (r: OfferRow) => buildItem(r, { publicUrl: "https://shop.example", now }).item;

  it("dates a sale in the store's time zone, from today when only its end is known", () => {
    const item = build(
      row({}, { promotion: { type: "percent", value: 10, ends_at: "2026-03-20T00:00:00Z" } }),
    );
    expect(item.sale_price).toBe("0.98 EUR");
    expect(item.sale_price_effective_date).toBe("2026-03-10T01:00+0100/2026-03-20T01:00+0100");
    const always = build(row({}, { promotion: { type: "percent", value: 10 } }));
    expect(always.sale_price).toBe("0.98 EUR");
    expect(always.sale_price_effective_date).toBeUndefined();
    const ended = build(
      row({}, { promotion: { type: "percent", value: 10, ends_at: "2026-03-01T00:00:00Z" } }),
    );
    expect(ended.sale_price).toBeUndefined();
    const pair = build(row({}, { promotion: { type: "second_item_percent", value: 50 } }));
    expect(pair.sale_price).toBeUndefined();
  });

  it("leaves shipping out for a store that does not deliver", () => {
    expect(build(row({}, { deliveryFeeCents: null })).shipping).toBeUndefined();
    expect(build(row()).shipping).toEqual({ country: "FR", service: "Livraison", price: "5.90 EUR" });
  });
});
