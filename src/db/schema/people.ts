import { integer, jsonb, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

/** Shoppers. `passwordHash` is null for imported customers until they set a password. */
export const customers = pgTable("customers", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  email: text("email").notNull().unique(),
  locale: text("locale").notNull().default("fr-FR"),
  storeCode: text("store_code"),
  postalCode: text("postal_code"),
  passwordHash: text("password_hash"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  /** Saved delivery address (migration 0101); each order keeps its own copy. */
  deliveryAddress: jsonb("delivery_address"),
});

/** How many times a shopper bought a product: feeds "mon lait habituel" and reorder. */
export const purchaseHistory = pgTable(
  "purchase_history",
  {
    customerId: text("customer_id").notNull(),
    productId: text("product_id").notNull(),
    times: integer("times").notNull(),
  },
  (t) => [primaryKey({ columns: [t.customerId, t.productId] })],
);

/** API keys: only a hash of the secret is stored; scopes such as `admin`, `channel`, `brand:<name>`. */
export const apiKeys = pgTable("api_keys", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  secretHash: text("secret_hash").notNull().unique(),
  scopes: text("scopes").array().notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  revokedAt: timestamp("revoked_at", { withTimezone: true }),
});
