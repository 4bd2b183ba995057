import {
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";

/** A conversation's state (migration 0200_dialog.sql): any API node can take its next turn. */
export const conversations = pgTable(
  "conversations",
  {
    id: text("id").primaryKey(),
    ownerKind: text("owner_kind").$type<"anonymous" | "shopper" | "key">().notNull(),
    ownerId: text("owner_id"),
    tokenHash: text("token_hash"),
    customerId: text("customer_id"),
    storeCode: text("store_code").notNull(),
    locale: text("locale").notNull(),
    pending: jsonb("pending"),
    lastChange: jsonb("last_change"),
    context: jsonb("context").notNull().default({}),
    version: integer("version").notNull().default(0),
    leaseToken: text("lease_token"),
    leaseUntil: timestamp("lease_until", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("conversations_customer_idx").on(t.customerId)],
);

/** Each applied turn with its stored reply: a retried turn id gets the same reply back. */
export const conversationTurns = pgTable(
  "conversation_turns",
  {
    conversationId: text("conversation_id").notNull(),
    seq: integer("seq").notNull(),
    turnId: text("turn_id"),
    request: jsonb("request").notNull(),
    reply: jsonb("reply").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.conversationId, t.seq] }),
    uniqueIndex("conversation_turns_turn_id_idx")
      .on(t.conversationId, t.turnId)
      .where(sql`turn_id IS NOT NULL`),
  ],
);

/** A shopper's optional voice PIN (salted scrypt hash), asked before a voice order is placed. */
export const voicePins = pgTable("voice_pins", {
  customerId: text("customer_id").primaryKey(),
  pinHash: text("pin_hash").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
