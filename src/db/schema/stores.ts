import { jsonb, pgTable, real, text } from "drizzle-orm/pg-core";

/** Stores with their fulfilment rules (delivery zones, fees, slot templates) kept as imported. */
export const stores = pgTable("stores", {
  code: text("code").primaryKey(),
  name: text("name").notNull(),
  kind: text("kind"),
  timezone: text("timezone").notNull(),
  priceFactor: real("price_factor").notNull().default(1),
  address: jsonb("address").notNull(),
  openingHours: jsonb("opening_hours"),
  fulfillment: jsonb("fulfillment").notNull(),
  settings: jsonb("settings"),
});
