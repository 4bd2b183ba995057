import { sql } from "drizzle-orm";
import { bigint, boolean, integer, jsonb, pgTable, real, text, timestamp } from "drizzle-orm/pg-core";

/** Products of the retailer's catalog. `id` is the GTIN when there is one (DESIGN.md). */
export const products = pgTable("products", {
  id: text("id").primaryKey(),
  gtin: text("gtin").unique(),
  name: text("name").notNull(),
  brand: text("brand"),
  quantityText: text("quantity_text").notNull(),
  category: text("category").notNull(),
  labels: text("labels").array().notNull().default(sql`'{}'::text[]`),
  soldBy: text("sold_by").notNull(),
  priceCents: integer("price_cents").notNull(),
  currency: text("currency").notNull().default("EUR"),
  image: text("image"),
  description: text("description"),
  sales30d: integer("sales_30d").notNull().default(0),
  /** false once a full import no longer lists the product: kept for old orders, hidden from search. */
  active: boolean("active").notNull().default(true),
  extra: jsonb("extra"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Single-row counters: `version` bumped by product changes (nodes rebuild their index), `offers_version` by offers changes. */
export const catalogVersion = pgTable("catalog_version", {
  id: integer("id").primaryKey(),
  version: bigint("version", { mode: "number" }).notNull(),
  changedAt: timestamp("changed_at", { withTimezone: true }).notNull().defaultNow(),
  /** Bumped by offers changes (price, promotion, stock), which need no index rebuild (0002). */
  offersVersion: bigint("offers_version", { mode: "number" }).notNull().default(0),
  offersChangedAt: timestamp("offers_changed_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Offers: what a store sells, at which price, with what stock (selling units, or kg when sold by weight). */
export const offers = pgTable("offers", {
  storeCode: text("store_code").notNull(),
  productId: text("product_id").notNull(),
  stock: real("stock").notNull(),
  priceCents: integer("price_cents"),
  promotion: jsonb("promotion"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
