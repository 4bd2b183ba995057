import { randomBytes } from "node:crypto";
import { type Database, openDatabase } from "./client.js";

/**
 * The back ends every storage test runs on (DESIGN.md): PGlite in memory always, and
 * PostgreSQL at PANIER_TEST_DATABASE_URL when set, in a fresh schema per call so that
 * test files and workers never share rows. When the variable is set and the server is
 * unreachable, opening fails and the suite fails — it never silently skips.
 */
export interface TestBackend {
  name: "pglite" | "postgres";
  open(): Promise<Database>;
}

export function testDatabaseBackends(): TestBackend[] {
  const backends: TestBackend[] = [{ name: "pglite", open: () => openDatabase() }];
  const url = process.env.PANIER_TEST_DATABASE_URL;
  if (url) {
    backends.push({
      name: "postgres",
      open: () =>
        openDatabase({
          url,
          schemaName: `t_${process.pid}_${randomBytes(4).toString("hex")}`,
          maxConnections: 30,
        }),
    });
  }
  return backends;
}

/** Drops the per-test schema on PostgreSQL; closes either. */
export async function disposeTestDatabase(db: Database): Promise<void> {
  if (db.kind === "postgres") {
    const [row] = await db.query<{ s: string }>("SELECT current_schema() AS s");
    if (row?.s?.startsWith("t_")) await db.query(`DROP SCHEMA ${row.s} CASCADE`);
  }
  await db.close();
}
