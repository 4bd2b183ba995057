import { readFileSync } from "node:fs";
import { parseCatalogJsonl, type Product } from "../catalog/index.js";
import type { Database } from "../db/index.js";

/**
 * Test and benchmark fixtures: the demo catalog, stores and offers (data/demo) written with plain
 * SQL, plus helpers to add products and offers. Not part of the public face (index.ts).
 */
const demo = (name: string) => readFileSync(new URL(`../../data/demo/${name}`, import.meta.url), "utf8");

export interface DemoOffer {
  store: string;
  gtin: string;
  stock: number;
  price?: number;
  promotion?: Record<string, unknown>;
}

export function demoProducts(): Product[] {
  return parseCatalogJsonl(demo("catalog.fr.jsonl")).products;
}

export function demoOffers(): DemoOffer[] {
  return demo("offers.fr.jsonl")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as DemoOffer);
}

export async function insertProducts(db: Database, products: Product[], extra?: (p: Product) => unknown) {
  for (let i = 0; i < products.length; i += 500) {
    const chunk = products.slice(i, i + 500);
    const params: unknown[] = [];
    const values = chunk.map((p) => {
      const row = [
        p.id,
        p.gtin,
        p.name,
        p.brand,
        p.quantityText,
        p.category.join(" > "),
        p.labels,
        p.soldBy,
        p.priceCents,
        p.currency,
        p.image,
        p.description,
        p.sales30d,
        extra ? JSON.stringify(extra(p) ?? null) : null,
      ];
      const marks = row.map((_, j) => `$${params.length + j + 1}`);
      params.push(...row);
      return `(${marks.join(", ")})`;
    });
    await db.query(
      `INSERT INTO products (id, gtin, name, brand, quantity_text, category, labels, sold_by, price_cents,
        currency, image, description, sales_30d, extra) VALUES ${values.join(", ")}`,
      params,
    );
  }
}

export async function insertDemoStores(db: Database): Promise<void> {
  const stores = JSON.parse(demo("stores.fr.json")) as Record<string, unknown>[];
  for (const s of stores) {
    await db.query(
      `INSERT INTO stores (code, name, kind, timezone, price_factor, address, opening_hours, fulfillment)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        s.code,
        s.name,
        s.kind,
        s.timezone,
        s.price_factor,
        JSON.stringify(s.address),
        JSON.stringify(s.opening_hours),
        JSON.stringify(s.fulfillment),
      ],
    );
  }
}

export async function insertOffers(db: Database, offers: DemoOffer[]): Promise<void> {
  for (let i = 0; i < offers.length; i += 1000) {
    const chunk = offers.slice(i, i + 1000);
    const params: unknown[] = [];
    const values = chunk.map((o) => {
      const row = [
        o.store,
        o.gtin,
        o.stock,
        o.price === undefined ? null : Math.round(o.price * 100),
        o.promotion ? JSON.stringify(o.promotion) : null,
      ];
      const marks = row.map((_, j) => `$${params.length + j + 1}`);
      params.push(...row);
      return `(${marks.join(", ")})`;
    });
    await db.query(
      `INSERT INTO offers (store_code, product_id, stock, price_cents, promotion) VALUES ${values.join(", ")}`,
      params,
    );
  }
}

/** The whole demo data set: 699 products, 3 stores, their offers. */
export async function seedDemo(db: Database): Promise<void> {
  await insertProducts(db, demoProducts());
  await insertDemoStores(db);
  await insertOffers(db, demoOffers());
}
