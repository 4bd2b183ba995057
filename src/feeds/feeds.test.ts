import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Product } from "../catalog/index.js";
import { type Database, disposeTestDatabase, testDatabaseBackends } from "../db/index.js";
import { FeedGenerator } from "./generate.js";
import { demoOffers, demoProducts, insertOffers, insertProducts, seedDemo } from "./test-seed.js";

const parser = new XMLParser({
  ignoreAttributes: false,
  parseTagValue: false,
  isArray: (name) => ["item", "g:item_id", "g:promotion_destination"].includes(name),
});

type XmlItem = Record<string, string | Record<string, string>>;

function parseItems(path: string): XmlItem[] {
  const doc = parser.parse(readFileSync(path, "utf8"));
  return (doc.rss.channel.item ?? []) as XmlItem[];
}

function byId(items: XmlItem[]): Map<string, XmlItem> {
  return new Map(items.map((i) => [String(i["g:id"]), i]));
}

const NOW = new Date("2026-03-10T10:00:00Z");
const base = demoProducts()[0]!;

function product(over: Partial<Product>): Product {
  return { ...base, labels: [], sales30d: 0, ...over };
}

describe.each(testDatabaseBackends())("Merchant Center feeds on $name", (backend) => {
  let db: Database;
  let dir: string;
  let feeds: FeedGenerator;
  const offers = demoOffers();

  beforeAll(async () => {
    db = await backend.open();
    await seedDemo(db);
    // A pack the retailer assembles itself (no GTIN of its own), and broken products.
    await insertProducts(db, [
      product({
        id: "LOT-EVIAN-6",
        gtin: null,
        name: "Eau minérale naturelle, lot magasin",
        brand: "Evian",
        quantityText: "6 x 1,5 L",
        quantity: { count: 6, amount: 1500, unit: "ml", net: 9000, perKg: false },
        category: ["Boissons", "Eaux", "Eau minérale plate"],
        priceCents: 450,
      }),
      product({ id: "3073363998824", gtin: "3073363998824", name: "Lait au code faux" }),
      product({ id: "BROKEN-LONG", gtin: null, brand: null, name: `Biscuits ${"très ".repeat(38)}bons` }),
      product({ id: "BROKEN-NOIMG", gtin: null, name: "Confiture sans photo", image: null }),
      product({ id: "2012345678903", gtin: "2012345678903", name: "Rôti maison", brand: null }),
      product({
        id: "KIT-CHIPS&CO",
        gtin: null,
        name: "Chips & Co <ultra> \u0007craquantes\tsalées",
        brand: 'L\'Apéro "Malin"',
        description: "Ligne 1\nLigne 2 ]]> <!-- -->",
      }),
    ]);
    await insertOffers(db, [
      { store: "LYO-PARTDIEU", gtin: "LOT-EVIAN-6", stock: 10 },
      { store: "LYO-PARTDIEU", gtin: "3073363998824", stock: 3 },
      { store: "LYO-PARTDIEU", gtin: "BROKEN-LONG", stock: 3 },
      { store: "LYO-PARTDIEU", gtin: "BROKEN-NOIMG", stock: 3 },
      { store: "LYO-PARTDIEU", gtin: "2012345678903", stock: 2 },
      { store: "LYO-PARTDIEU", gtin: "KIT-CHIPS&CO", stock: 2 },
    ]);
    // A dated percent promotion and one that has not started yet.
    await db.query(
      `UPDATE offers SET promotion = $1 WHERE store_code = 'PAR-VOLTAIRE' AND product_id = '3073363998823'`,
      [
        JSON.stringify({
          type: "percent",
          value: 25,
          label: "-25%",
          starts_at: "2026-03-01T00:00:00Z",
          ends_at: "2026-03-15T00:00:00Z",
        }),
      ],
    );
    await db.query(
      `UPDATE offers SET promotion = $1 WHERE store_code = 'PAR-VOLTAIRE' AND product_id = '3456442527297'`,
      [JSON.stringify({ type: "percent", value: 30, starts_at: "2026-04-01T00:00:00Z" })],
    );
    dir = mkdtempSync(join(tmpdir(), "panier-feeds-"));
    feeds = new FeedGenerator(db, { dir, publicUrl: "https://shop.example", now: () => NOW, batchSize: 97 });
    await feeds.generateAll();
  });
  afterAll(async () => {
    await disposeTestDatabase(db);
    rmSync(dir, { recursive: true, force: true });
  });

  it("lists every product a store sells, each passing the validator", async () => {
    for (const store of ["LYO-PARTDIEU", "PAR-VOLTAIRE", "TLS-PURPAN"]) {
      const sold = offers.filter((o) => o.store === store).map((o) => o.gtin);
      expect(sold.length).toBeGreaterThan(100);
      const items = byId(parseItems(feeds.path("products.xml", store)));
      for (const id of sold) expect(items.has(id), `${store} ${id}`).toBe(true);
      const report = await feeds.report(store);
      expect(report?.products).toBeGreaterThanOrEqual(sold.length);
      // Only the broken fixtures (all in Lyon) fail; every demo product passes.
      const failing = report!.worst.filter((w) => w.errors > 0).map((w) => w.id);
      expect(failing.every((id) => !sold.includes(id))).toBe(true);
      expect(report!.notices).toEqual([]);
    }
  });

  it("lists each product sold anywhere once in the chain-wide feed, at its best offer", () => {
    const all = parseItems(feeds.path("products.xml", null));
    const ids = all.map((i) => String(i["g:id"]));
    expect(new Set(ids).size).toBe(ids.length);
    for (const gtin of new Set(offers.map((o) => o.gtin))) expect(ids).toContain(gtin);
    // Each at the lowest price among the stores that have it in stock.
    const stores = ["LYO-PARTDIEU", "PAR-VOLTAIRE", "TLS-PURPAN"].map((s) =>
      byId(parseItems(feeds.path("products.xml", s))),
    );
    const cents = (v: unknown) => Math.round(Number(String(v).split(" ")[0]) * 100);
    for (const item of all.slice(0, 200)) {
      const inStock = stores
        .map((s) => s.get(String(item["g:id"])))
        .filter((i) => i && i["g:availability"] === "in_stock")
        .map((i) => cents(i!["g:price"]));
      if (inStock.length > 0) expect(cents(item["g:price"]), String(item["g:id"])).toBe(Math.min(...inStock));
    }
  });

  it("writes the attributes of a unit product, with the store's price", () => {
    const lyon = byId(parseItems(feeds.path("products.xml", "LYO-PARTDIEU")));
    const milk = lyon.get("3073363998823")!;
    expect(milk).toMatchObject({
      "g:title": "Lactel Lait demi-écrémé UHT 1 L",
      "g:link": "https://shop.example/p/3073363998823",
      "g:image_link": "https://cdn.panier.example/img/3073363998823.jpg",
      "g:availability": "in_stock",
      "g:price": "1.09 EUR",
      "g:brand": "Lactel",
      "g:gtin": "3073363998823",
      "g:condition": "new",
      "g:google_product_category": "418",
      "g:product_type": "Crèmerie > Laits > Lait demi-écrémé",
      "g:unit_pricing_measure": "1 l",
      "g:unit_pricing_base_measure": "1 l",
      "g:identifier_exists": "yes",
      "g:shipping": { "g:country": "FR", "g:service": "Livraison", "g:price": "5.90 EUR" },
    });
    expect(milk["g:multipack"]).toBeUndefined();
    // A manufacturer's 6 x 1 L has its own GTIN: unit priced per litre, not a multipack.
    const six = lyon.get("3456442527297")!;
    expect(six["g:unit_pricing_measure"]).toBe("6 l");
    expect(six["g:multipack"]).toBeUndefined();
    // Paris applies its price factor (1.06) to the catalog price.
    // Paris: the offer's own price wins, else the catalog price times its factor (1.06).
    const paris = byId(parseItems(feeds.path("products.xml", "PAR-VOLTAIRE")));
    const catalog = new Map(demoProducts().map((p) => [p.id, p.priceCents]));
    const checked = offers.filter((o) => o.store === "PAR-VOLTAIRE" && !o.promotion).slice(0, 50);
    for (const o of checked) {
      const cents =
        o.price !== undefined ? Math.round(o.price * 100) : Math.round(catalog.get(o.gtin)! * 1.06);
      expect(paris.get(o.gtin)?.["g:price"], o.gtin).toBe(`${(cents / 100).toFixed(2)} EUR`);
    }
  });

  it("prices goods sold by weight per kilogram, without a brand when there is none", () => {
    const lyon = byId(parseItems(feeds.path("products.xml", "LYO-PARTDIEU")));
    const apples = lyon.get("3959589207119")!;
    expect(apples["g:title"]).toBe("Pommes Golden au kg");
    expect(apples["g:price"]).toBe("2.54 EUR");
    expect(apples["g:unit_pricing_measure"]).toBe("1 kg");
    expect(apples["g:unit_pricing_base_measure"]).toBe("1 kg");
    expect(apples["g:brand"]).toBeUndefined();
    expect(apples["g:gtin"]).toBe("3959589207119");
    expect(apples["g:identifier_exists"]).toBe("yes");
    expect(apples["g:google_product_category"]).toBe("6566");
    const yogurts = [...lyon.values()].find((i) => String(i["g:title"]).endsWith("4 x 125 g"));
    expect(yogurts?.["g:unit_pricing_measure"]).toBe("500 g");
    expect(yogurts?.["g:unit_pricing_base_measure"]).toBe("1 kg");
  });

  it("marks a retailer's own pack as a multipack with no identifier", () => {
    const lot = byId(parseItems(feeds.path("products.xml", "LYO-PARTDIEU"))).get("LOT-EVIAN-6")!;
    expect(lot["g:multipack"]).toBe("6");
    expect(lot["g:gtin"]).toBeUndefined();
    expect(lot["g:identifier_exists"]).toBe("no");
    expect(lot["g:unit_pricing_measure"]).toBe("9 l");
    expect(lot["g:google_product_category"]).toBe("543533");
  });

  it("turns active percent promotions into sale_price with effective dates in the store's time", () => {
    const paris = byId(parseItems(feeds.path("products.xml", "PAR-VOLTAIRE")));
    const milk = paris.get("3073363998823")!;
    expect(milk["g:price"]).toBe("1.16 EUR");
    expect(milk["g:sale_price"]).toBe("0.87 EUR");
    expect(milk["g:sale_price_effective_date"]).toBe("2026-03-01T01:00+0100/2026-03-15T01:00+0100");
    // Not started yet: no sale price.
    expect(paris.get("3456442527297")?.["g:sale_price"]).toBeUndefined();
    // Other promotion kinds never become a sale price.
    const xForY = offers.find((o) => o.store === "PAR-VOLTAIRE" && o.promotion?.type === "x_for_y");
    if (xForY) expect(paris.get(xForY.gtin)?.["g:sale_price"]).toBeUndefined();
  });

  it("reports broken products instead of emitting them", async () => {
    const lyon = byId(parseItems(feeds.path("products.xml", "LYO-PARTDIEU")));
    for (const id of ["3073363998824", "BROKEN-LONG", "BROKEN-NOIMG"]) expect(lyon.has(id)).toBe(false);
    const report = (await feeds.report("LYO-PARTDIEU"))!;
    const codes = Object.fromEntries(report.problems.map((p) => [p.code, p.count]));
    expect(codes).toMatchObject({ invalid_gtin: 1, title_too_long: 1, missing_image_link: 1 });
    expect(report.withErrors).toBe(3);
    expect(
      report.worst
        .slice(0, 3)
        .map((w) => w.id)
        .sort(),
    ).toEqual(["3073363998824", "BROKEN-LONG", "BROKEN-NOIMG"]);
    // An in-store code (prefix 2) is not submitted as gtin: identifier_exists no, a warning.
    const roast = lyon.get("2012345678903")!;
    expect(roast["g:gtin"]).toBeUndefined();
    expect(roast["g:identifier_exists"]).toBe("no");
    expect(codes.gtin_in_store_not_submitted).toBe(1);
  });

  it("writes well-formed XML whatever the product text holds", () => {
    for (const file of [
      feeds.path("products.xml", "LYO-PARTDIEU"),
      feeds.path("products.xml", null),
      feeds.path("promotions.xml", null),
    ]) {
      expect(XMLValidator.validate(readFileSync(file, "utf8"))).toBe(true);
    }
    const kit = byId(parseItems(feeds.path("products.xml", "LYO-PARTDIEU"))).get("KIT-CHIPS&CO")!;
    expect(kit["g:title"]).toBe('L\'Apéro "Malin" Chips & Co <ultra> craquantes salées 1 L');
    expect(kit["g:description"]).toBe("Ligne 1 Ligne 2 ]]> <!-- -->");
    expect(kit["g:link"]).toBe("https://shop.example/p/KIT-CHIPS%26CO");
  });

  it("writes the TSV with the same items and one column per attribute", () => {
    const [header, ...lines] = readFileSync(feeds.path("products.tsv", "LYO-PARTDIEU"), "utf8")
      .trimEnd()
      .split("\n");
    const cols = header!.split("\t");
    expect(cols.slice(0, 4)).toEqual(["id", "title", "description", "link"]);
    const xml = parseItems(feeds.path("products.xml", "LYO-PARTDIEU"));
    expect(lines).toHaveLength(xml.length);
    for (const l of lines) expect(l.split("\t")).toHaveLength(cols.length);
    const milk = lines.map((l) => l.split("\t")).find((c) => c[0] === "3073363998823")!;
    expect(milk[cols.indexOf("price")]).toBe("1.09 EUR");
    expect(milk[cols.indexOf("shipping")]).toBe("FR::Livraison:5.90 EUR");
  });

  it("writes the local inventory of each store", () => {
    const [header, ...lines] = readFileSync(feeds.path("local-inventory.tsv", "LYO-PARTDIEU"), "utf8")
      .trimEnd()
      .split("\n");
    expect(header!.split("\t")).toEqual([
      "store_code",
      "id",
      "quantity",
      "price",
      "sale_price",
      "sale_price_effective_date",
      "availability",
      "pickup_method",
      "pickup_sla",
    ]);
    const rows = new Map(lines.map((l) => l.split("\t")).map((c) => [c[1], c]));
    const sold = offers.filter((o) => o.store === "LYO-PARTDIEU");
    for (const o of sold) {
      const row = rows.get(o.gtin)!;
      expect(row[0]).toBe("LYO-PARTDIEU");
      expect(row[2]).toBe(String(o.stock > 0 ? Math.max(1, Math.floor(o.stock)) : 0));
      expect(row[6]).toBe(o.stock > 0 ? "in_stock" : "out_of_stock");
      expect(row[7]).toBe("buy");
      expect(row[8]).toBe("same_day");
    }
  });

  it("publishes the offers' promotions, mapped to Merchant Center promotion types", () => {
    const promos = parseItems(feeds.path("promotions.xml", null));
    const withPromo = offers.filter((o) => o.promotion);
    const itemIds = promos.flatMap((p) => p["g:item_id"] as unknown as string[]);
    // Every demo promotion is listed (plus the dated and the future one set above).
    for (const o of withPromo) {
      if (o.store === "PAR-VOLTAIRE" && ["3073363998823", "3456442527297"].includes(o.gtin)) continue;
      expect(itemIds).toContain(o.gtin);
    }
    const x = promos.find((p) => String(p["g:promotion_id"]).includes("x_for_y"))!;
    expect(x).toMatchObject({
      "g:coupon_value_type": "buy_m_get_n_percent_off",
      "g:minimum_purchase_quantity": "2",
      "g:get_this_quantity_discounted": "1",
      "g:percent_off": "100",
      "g:offer_type": "no_code",
      "g:product_applicability": "specific_products",
    });
    const ids = promos.map((p) => p["g:promotion_id"]);
    expect(new Set(ids).size).toBe(ids.length);
    for (const p of promos) expect(String(p["g:long_title"]).length).toBeLessThanOrEqual(60);
  });

  it("with an http public URL, reports one notice and still emits the items", async () => {
    const local = new FeedGenerator(db, { dir, publicUrl: "http://localhost:3000", now: () => NOW });
    const report = await local.validate("TLS-PURPAN");
    expect(report.notices.map((n) => n.code)).toEqual(["public_url_not_https"]);
    expect(report.problems.find((p) => p.code === "link_not_https")).toBeUndefined();
    expect(report.emitted).toBe(offers.filter((o) => o.store === "TLS-PURPAN").length);
  });
});
