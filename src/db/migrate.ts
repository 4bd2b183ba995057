import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Database } from "./types.js";

const MIGRATIONS_DIR = fileURLToPath(new URL("./migrations/", import.meta.url));

/** Stable 32-bit key for the advisory lock, per schema, so parallel test schemas do not wait on each other. */
function lockKey(schemaName: string): number {
  let h = 0x5041_4e49; // "PANI"
  for (const ch of `panier-migrations:${schemaName}`) h = (Math.imul(h, 31) + ch.charCodeAt(0)) | 0;
  return h;
}

export function migrationFiles(): string[] {
  return readdirSync(MIGRATIONS_DIR)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort();
}

/**
 * Applies the pending SQL files of src/db/migrations in name order, in one transaction
 * under a PostgreSQL advisory lock: several nodes (or test workers) starting at once
 * serialise here, and the later ones find the work done.
 */
export async function runMigrations(db: Database, schemaName: string): Promise<string[]> {
  const files = migrationFiles();
  return db.rawTransaction(async (exec) => {
    await exec("SELECT pg_advisory_xact_lock($1)", [lockKey(schemaName)]);
    await exec(
      "CREATE TABLE IF NOT EXISTS panier_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
    );
    const done = new Set(
      (await exec<{ name: string }>("SELECT name FROM panier_migrations")).map((r) => r.name),
    );
    const applied: string[] = [];
    for (const file of files) {
      if (done.has(file)) continue;
      await exec(readFileSync(MIGRATIONS_DIR + file, "utf8"));
      await exec("INSERT INTO panier_migrations (name) VALUES ($1)", [file]);
      applied.push(file);
    }
    return applied;
  });
}
