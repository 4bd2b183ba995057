import { integer, jsonb, pgTable, primaryKey, real, serial, text, timestamp } from "drizzle-orm/pg-core";

// Commerce tables (migration 0100_commerce.sql; keep both in sync by hand).
const ts = (name: string) => timestamp(name, { withTimezone: true });

/** One open cart per shopper and store; an anonymous one per conversation until it attaches. */
export const carts = pgTable("carts", {
  id: text("id").primaryKey(),
  storeCode: text("store_code").notNull(),
  customerId: text("customer_id"),
  conversationId: text("conversation_id"),
  status: text("status").notNull().default("open"),
  createdAt: ts("created_at").notNull().defaultNow(),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});

/** A product in a cart: a quantity of selling units, or a weight in grams when sold by weight. */
export const cartLines = pgTable(
  "cart_lines",
  {
    cartId: text("cart_id").notNull(),
    productId: text("product_id").notNull(),
    quantity: integer("quantity"),
    weightG: integer("weight_g"),
    substitution: text("substitution").notNull().default("allow"),
    substituteProductId: text("substitute_product_id"),
    position: serial("position"),
    addedAt: ts("added_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.cartId, t.productId] })],
);

export const slots = pgTable("slots", {
  id: text("id").primaryKey(),
  storeCode: text("store_code").notNull(),
  mode: text("mode").notNull(),
  startsAt: ts("starts_at").notNull(),
  endsAt: ts("ends_at").notNull(),
  capacity: integer("capacity").notNull(),
});

export const slotHolds = pgTable("slot_holds", {
  id: text("id").primaryKey(),
  slotId: text("slot_id").notNull(),
  cartId: text("cart_id").notNull(),
  status: text("status").notNull(),
  address: jsonb("address"),
  createdAt: ts("created_at").notNull(),
  expiresAt: ts("expires_at").notNull(),
});

export const orders = pgTable("orders", {
  id: text("id").primaryKey(),
  customerId: text("customer_id").notNull(),
  storeCode: text("store_code").notNull(),
  cartId: text("cart_id").notNull(),
  holdId: text("hold_id"),
  slotId: text("slot_id").notNull(),
  mode: text("mode").notNull(),
  slotStartsAt: ts("slot_starts_at").notNull(),
  slotEndsAt: ts("slot_ends_at").notNull(),
  cutoffAt: ts("cutoff_at").notNull(),
  address: jsonb("address"),
  status: text("status").notNull(),
  paymentMethod: text("payment_method").notNull(),
  paymentStatus: text("payment_status").notNull(),
  itemsCents: integer("items_cents").notNull(),
  savingsCents: integer("savings_cents").notNull(),
  feeCents: integer("fee_cents").notNull(),
  totalCents: integer("total_cents").notNull(),
  finalItemsCents: integer("final_items_cents"),
  finalTotalCents: integer("final_total_cents"),
  vat: jsonb("vat").notNull(),
  cancelledBy: text("cancelled_by"),
  cancelReason: text("cancel_reason"),
  placedAt: ts("placed_at").notNull(),
  updatedAt: ts("updated_at").notNull(),
});

export const orderLines = pgTable(
  "order_lines",
  {
    orderId: text("order_id").notNull(),
    position: integer("position").notNull(),
    productId: text("product_id").notNull(),
    gtin: text("gtin"),
    name: text("name").notNull(),
    soldBy: text("sold_by").notNull(),
    quantity: integer("quantity"),
    weightG: integer("weight_g"),
    finalWeightG: integer("final_weight_g"),
    unitPriceCents: integer("unit_price_cents").notNull(),
    promotion: jsonb("promotion"),
    savingCents: integer("saving_cents").notNull(),
    totalCents: integer("total_cents").notNull(),
    finalTotalCents: integer("final_total_cents"),
    vatRate: real("vat_rate").notNull(),
    substitution: text("substitution").notNull(),
    substituteProductId: text("substitute_product_id"),
  },
  (t) => [primaryKey({ columns: [t.orderId, t.position] })],
);

export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    scope: text("scope").notNull(),
    key: text("key").notNull(),
    requestHash: text("request_hash").notNull(),
    orderId: text("order_id"),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key] })],
);

/** Shopper sessions: only the SHA-256 of the token is kept. */
export const sessions = pgTable("sessions", {
  tokenHash: text("token_hash").primaryKey(),
  customerId: text("customer_id").notNull(),
  createdAt: ts("created_at").notNull(),
  expiresAt: ts("expires_at").notNull(),
  revokedAt: ts("revoked_at"),
});

/** Failed sign-ins per account (0102_sign_in_attempts.sql): SHA-256 of the normalised email. */
export const signInAttempts = pgTable("sign_in_attempts", {
  emailHash: text("email_hash").primaryKey(),
  failures: integer("failures").notNull(),
  windowStart: ts("window_start").notNull(),
});
