import { is } from "drizzle-orm";
import { getTableConfig, PgTable } from "drizzle-orm/pg-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "./client.js";
import * as schema from "./schema/index.js";
import { disposeTestDatabase, testDatabaseBackends } from "./testing.js";

/**
 * The SQL migrations and the Drizzle tables are written by hand side by side: this keeps them
 * from drifting. Every table and column Drizzle queries must exist after migrating, with the
 * same nullability; otherwise a query fails only in production, on the path that uses it.
 */
describe("Drizzle schema matches the migrated database", () => {
  let db: Database;
  beforeAll(async () => {
    db = await testDatabaseBackends()[0]!.open();
  });
  afterAll(async () => {
    await disposeTestDatabase(db);
  });

  const tables: PgTable[] = (Object.values(schema) as unknown[]).filter((t): t is PgTable => is(t, PgTable));

  it("declares tables", () => {
    expect(tables.length).toBeGreaterThan(5);
  });

  it.each(tables.map((t) => [getTableConfig(t).name, t] as const))("%s", async (name, table) => {
    const rows = await db.query<{ column_name: string; is_nullable: "YES" | "NO" }>(
      "SELECT column_name, is_nullable FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1",
      [name],
    );
    expect(rows.length, `table ${name} is missing from the migrations`).toBeGreaterThan(0);
    const inDb = new Map(rows.map((r) => [r.column_name, r.is_nullable === "NO"]));
    for (const column of getTableConfig(table).columns) {
      expect(inDb.has(column.name), `${name}.${column.name} is missing from the migrations`).toBe(true);
      // A primary-key column is NOT NULL in the database whether or not Drizzle says notNull.
      const notNull = column.notNull || column.primary;
      expect(inDb.get(column.name), `${name}.${column.name}: NOT NULL in one, nullable in the other`).toBe(
        notNull,
      );
    }
  });
});
