import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { withCheckDigit } from "../src/catalog/index.js";
import { importFile } from "../src/commerce/index.js";
import { type Database, openDatabase } from "../src/db/index.js";
import { getJson, runCli, type ServerProcess, startServerProcess } from "./support/server-process.js";

// Real processes on a 2-core machine shared with other suites: allow for slow starts.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const url = process.env.PANIER_TEST_DATABASE_URL;

interface Hit {
  id: string;
  name: string;
  offer?: { price_cents: number; stock: number };
}

async function searchUntil(
  server: ServerProcess,
  query: string,
  found: (hits: Hit[]) => boolean,
  timeoutMs = 15_000,
): Promise<Hit[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { body } = await getJson<{ items: Hit[] }>(`${server.url}/v1/products?${query}`);
    if (found(body.items)) return body.items;
    if (Date.now() > deadline) throw new Error(`${server.url} never found it: ${JSON.stringify(body.items)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Many API nodes on one PostgreSQL: a catalog change made by any process reaches every running
 * server's in-memory index without a restart. The polled fallback is set to a minute here, so
 * the change must travel by LISTEN/NOTIFY.
 */
describe.runIf(url)("two servers on one PostgreSQL", () => {
  const schema = `e2e_${randomBytes(4).toString("hex")}`;
  const env = {
    DATABASE_URL: url!,
    PANIER_DATABASE_SCHEMA: schema,
    PANIER_API_KEY: "operator-test-key",
    PANIER_CATALOG_POLL_MS: "60000",
  };
  let dir: string;
  let db: Database;
  let servers: ServerProcess[] = [];
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "panier-nodes-"));
    // Both start at once on an empty schema: migrations serialise under the advisory lock.
    servers = await Promise.all([
      startServerProcess({ ...env, PANIER_DATA_DIR: join(dir, "a") }),
      startServerProcess({ ...env, PANIER_DATA_DIR: join(dir, "b") }),
    ]);
    db = await openDatabase({ url, schemaName: schema, migrate: false });
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop("SIGTERM")));
    await db?.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("starts empty (no demo data on PostgreSQL unless asked), then both see `panier demo load`", async () => {
    for (const s of servers) {
      const { body } = await getJson<{ items: Hit[] }>(`${s.url}/v1/products?limit=5`);
      expect(body.items).toEqual([]);
    }
    const loaded = await runCli(["demo", "load"], env);
    expect(loaded.code, loaded.stderr).toBe(0);
    for (const s of servers) {
      const hits = await searchUntil(
        s,
        `q=${encodeURIComponent("lait demi-écrémé")}&limit=3`,
        (h) => h.length === 3,
      );
      for (const h of hits) expect(h.name).toMatch(/^Lait demi-écrémé/);
    }
  });

  it("shows a product imported with `panier import` in both servers' search, without a restart", async () => {
    const gtin = withCheckDigit(
      `376${randomBytes(5).readUIntBE(0, 5).toString().padStart(9, "0").slice(0, 9)}`,
    );
    const name = "Kombucha gingembre citron";
    const file = join(dir, "new.jsonl");
    writeFileSync(
      file,
      `${JSON.stringify({
        gtin,
        name,
        brand: "Fermentée",
        quantity: "33 cl",
        category: "Boissons > Boissons fermentées",
        labels: ["Bio"],
        sold_by: "unit",
        price: 2.79,
        sales_30d: 12,
      })}\n`,
    );
    // `panier import`, a third process on the same PostgreSQL schema.
    const imported = await runCli(["import", "catalog", file], env);
    expect(imported.code, imported.stderr).toBe(0);
    const offers = join(dir, "offers.jsonl");
    writeFileSync(offers, `${JSON.stringify({ store: "LYO-PARTDIEU", gtin, stock: 40, price: 2.49 })}\n`);
    expect((await importFile(db, "offers", offers, { mode: "delta" })).committed).toBe(true);

    for (const s of servers) {
      const hits = await searchUntil(s, "q=kombucha", (h) => h.some((x) => x.id === gtin));
      expect(hits[0]!.name).toBe(name);
      const inStore = await searchUntil(s, "q=kombucha&store=LYO-PARTDIEU", (h) => h.length > 0);
      expect(inStore[0]!.offer).toMatchObject({ price_cents: 249, stock: 40 });
    }
  });

  it("shows an offers-only import's price and stock on both servers without a new catalog version", async () => {
    const versions = await Promise.all(
      servers.map(
        async (s) => (await getJson<{ catalog_version: number }>(`${s.url}/v1/products?limit=1`)).body,
      ),
    );
    const [offered] = await db.query<{ id: string; name: string }>(
      `SELECT p.id, p.name FROM offers o JOIN products p ON p.id = o.product_id
       WHERE o.store_code = 'LYO-PARTDIEU' AND p.name LIKE 'Kombucha%' LIMIT 1`,
    );
    const offers = join(dir, "offers-only.jsonl");
    writeFileSync(
      offers,
      `${JSON.stringify({ store: "LYO-PARTDIEU", product_id: offered!.id, stock: 3, price: 1.99 })}\n`,
    );
    const report = await importFile(db, "offers", offers, { mode: "delta" });
    expect(report).toMatchObject({ committed: true, updated: 1 });
    expect(report.catalogVersion).toBeUndefined();
    for (const [i, s] of servers.entries()) {
      await searchUntil(s, "q=kombucha&store=LYO-PARTDIEU", (h) =>
        h.some((x) => x.id === offered!.id && x.offer?.price_cents === 199 && x.offer.stock === 3),
      );
      // The index this server answers from is the one it had: offers did not rebuild it.
      const { body } = await getJson<{ catalog_version: number }>(`${s.url}/v1/products?limit=1`);
      expect(body.catalog_version).toBe(versions[i]!.catalog_version);
    }
  });

  it("honours a key made with `panier keys create` on every node, and its revocation at once", async () => {
    const created = await runCli(["keys", "create", "--name", "ops", "--scopes", "admin"], env);
    expect(created.code, created.stderr).toBe(0);
    const secret = created.stdout.trim();
    for (const s of servers) expect((await getJson(`${s.url}/v1/admin/keys`, secret)).status).toBe(200);
    const { body } = await getJson<{ items: { id: string; name: string }[] }>(
      `${servers[0]!.url}/v1/admin/keys`,
      secret,
    );
    const id = body.items.find((k) => k.name === "ops")!.id;
    const revoked = await runCli(["keys", "revoke", id], env);
    expect(revoked.code, revoked.stderr).toBe(0);
    for (const s of servers) expect((await getJson(`${s.url}/v1/admin/keys`, secret)).status).toBe(401);
  });

  it("serves alternate and concurrent turns of one conversation from both processes without losing state", async () => {
    const conversation = `conv-${randomBytes(4).toString("hex")}`;
    let token = "";
    const turn = async (server: ServerProcess, text: string, turnId?: string) => {
      const res = await fetch(`${server.url}/v1/conversations/${conversation}/turns`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...(token ? { "panier-conversation-token": token } : {}),
        },
        body: JSON.stringify({
          text,
          locale: "fr-FR",
          storeId: "LYO-PARTDIEU",
          ...(turnId ? { turnId } : {}),
        }),
      });
      const body = (await res.json()) as {
        conversationToken?: string;
        cart: { lines: { name: string; quantity?: number }[] };
      };
      expect(res.status, JSON.stringify(body)).toBe(200);
      if (body.conversationToken) token = body.conversationToken;
      return body;
    };
    const [a, b] = servers as [ServerProcess, ServerProcess];
    await turn(a, "ajoute deux litres de lait demi-écrémé Lactel");
    const second = await turn(b, "ajoute un pot de Nutella de 750 grammes");
    expect(second.cart.lines.map((l) => l.name).join(" | ")).toMatch(/Lait demi-écrémé.*\|.*Pâte à tartiner/);

    // Six turns at once, three on each process: applied one at a time, none lost.
    await Promise.all(
      Array.from({ length: 6 }, (_, i) => turn(i % 2 ? a : b, "ajoute une baguette tradition", `bag-${i}`)),
    );
    // A retried turn id acts once, whichever node receives it.
    await Promise.all([
      turn(a, "ajoute une baguette tradition", "bag-0"),
      turn(b, "ajoute une baguette tradition", "bag-1"),
    ]);
    const final = await turn(a, "qu'est-ce qu'il y a dans mon panier");
    const baguette = final.cart.lines.find((l) => /Baguette/.test(l.name));
    expect(baguette?.quantity).toBe(6);
    expect(final.cart.lines).toHaveLength(3);
  });
});
