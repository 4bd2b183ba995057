import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Database } from "../db/index.js";
import { createApiKey, findKeyBySecret } from "./keys.js";

/** The file in PANIER_DATA_DIR holding the generated admin key (the CLI reads it too). */
export const ADMIN_KEY_FILE = "admin.key";

export function adminKeyPath(dataDir: string): string {
  return join(dataDir, ADMIN_KEY_FILE);
}

/** The secret in `admin.key`, if the file exists. */
export function readAdminKeyFile(dataDir: string): string | undefined {
  try {
    return readFileSync(adminKeyPath(dataDir), "utf8").trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * Without PANIER_API_KEY, the operator needs some admin key: make sure `admin.key` holds a live
 * one, creating it when the file is missing or its key was revoked or belongs to another database.
 * The file is readable by its owner only (0600); the secret is never printed or logged.
 */
export async function ensureAdminKeyFile(
  db: Database,
  dataDir: string,
): Promise<{ path: string; created: boolean }> {
  const path = adminKeyPath(dataDir);
  const existing = readAdminKeyFile(dataDir);
  if (existing) {
    const key = await findKeyBySecret(db, existing);
    if (key?.scopes.includes("admin")) {
      chmodSync(path, 0o600);
      return { path, created: false };
    }
  }
  const { secret } = await createApiKey(db, { name: "admin (generated at first start)", scopes: ["admin"] });
  mkdirSync(dataDir, { recursive: true });
  // Write aside then rename, so a reader never sees half a key and the mode is right from the start.
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, `${secret}\n`, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, path);
  return { path, created: true };
}
