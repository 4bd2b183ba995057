import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, disposeTestDatabase, testDatabaseBackends } from "../db/index.js";
import { adminKeyPath, ensureAdminKeyFile } from "./admin-key.js";
import {
  configuredKeyResolver,
  createApiKey,
  databaseKeyResolver,
  listApiKeys,
  revokeApiKey,
  validateScopes,
} from "./keys.js";

describe.each(testDatabaseBackends())("API keys on $name", (backend) => {
  let db: Database;
  let dir: string;
  beforeAll(async () => {
    db = await backend.open();
    dir = mkdtempSync(join(tmpdir(), "panier-keys-"));
  });
  afterAll(async () => {
    await disposeTestDatabase(db);
    rmSync(dir, { recursive: true, force: true });
  });

  it("stores only a hash: the secret resolves to its scopes until revoked", async () => {
    const { key, secret } = await createApiKey(db, { name: "alexa", scopes: ["channel"] });
    const rows = await db.query<{ secret_hash: string }>("SELECT secret_hash FROM api_keys WHERE id = $1", [
      key.id,
    ]);
    expect(rows[0]!.secret_hash).not.toContain(secret);
    expect(JSON.stringify(await listApiKeys(db))).not.toContain(secret);

    const resolve = databaseKeyResolver(db);
    expect(await resolve(secret)).toEqual({ kind: "key", keyId: key.id, scopes: ["channel"] });
    expect(await resolve(`${secret}x`)).toBeNull();
    expect(await resolve("not-a-key")).toBeNull();

    const revoked = await revokeApiKey(db, key.id);
    expect(revoked?.revokedAt).toBeInstanceOf(Date);
    expect(await resolve(secret)).toBeNull();
    expect(await revokeApiKey(db, "key_unknown")).toBeNull();
  });

  it("rejects unknown scopes", async () => {
    await expect(createApiKey(db, { name: "x", scopes: ["root"] })).rejects.toThrow(/Unknown scope "root"/);
    expect(validateScopes(["admin", " channel", "admin", "brand:Lactel"])).toEqual([
      "admin",
      "channel",
      "brand:Lactel",
    ]);
  });

  it("writes a generated admin key to admin.key (0600) once, and replaces it when revoked", async () => {
    const first = await ensureAdminKeyFile(db, dir);
    expect(first).toEqual({ path: adminKeyPath(dir), created: true });
    expect(statSync(first.path).mode & 0o777).toBe(0o600);
    const secret = readFileSync(first.path, "utf8").trim();
    const principal = await databaseKeyResolver(db)(secret);
    expect(principal?.scopes).toContain("admin");

    expect((await ensureAdminKeyFile(db, dir)).created).toBe(false);
    expect(readFileSync(first.path, "utf8").trim()).toBe(secret);

    await revokeApiKey(db, principal!.keyId);
    expect((await ensureAdminKeyFile(db, dir)).created).toBe(true);
    expect(readFileSync(first.path, "utf8").trim()).not.toBe(secret);

    writeFileSync(first.path, "pnr_forged\n", { mode: 0o644 });
    expect((await ensureAdminKeyFile(db, dir)).created).toBe(true);
    expect(statSync(first.path).mode & 0o777).toBe(0o600);
  });
});

describe("PANIER_API_KEY", () => {
  it("stands for a key with the channel and admin scopes, and nothing else matches it", async () => {
    const resolve = configuredKeyResolver("s3cret-operator-key");
    expect(await resolve("s3cret-operator-key")).toMatchObject({ kind: "key", scopes: ["admin", "channel"] });
    expect(await resolve("s3cret-operator-kez")).toBeNull();
    expect(await resolve("")).toBeNull();
  });
});
