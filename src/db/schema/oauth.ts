import { index, jsonb, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

/** oidc-provider models for account linking (migration 0400_oauth.sql). */
export const oauthModels = pgTable(
  "oauth_models",
  {
    kind: text("kind").notNull(),
    id: text("id").notNull(),
    payload: jsonb("payload").notNull(),
    grantId: text("grant_id"),
    userCode: text("user_code"),
    uid: text("uid"),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    consumedAt: timestamp("consumed_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.kind, t.id] }),
    index("oauth_models_grant").on(t.grantId),
    index("oauth_models_uid").on(t.uid),
    index("oauth_models_user_code").on(t.userCode),
    index("oauth_models_expires").on(t.expiresAt),
  ],
);

/** Signing keys and cookie secrets shared by every node. */
export const oauthSecrets = pgTable("oauth_secrets", {
  name: text("name").primaryKey(),
  value: jsonb("value").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
