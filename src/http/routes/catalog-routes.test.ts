import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importDemoData } from "../../commerce/index.js";
import { type Database, openDatabase } from "../../db/index.js";
import { createApiKey, revokeApiKey } from "../../identity/index.js";
import { buildApp } from "../app.js";
import { loadConfig } from "../config.js";
import type { AppDeps } from "../deps.js";
import { closeAppServices, createAppServices } from "../services.js";

const DEMO = fileURLToPath(new URL("../../../data/demo/", import.meta.url));
const jsonl = (name: string) =>
  readFileSync(DEMO + name, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l));
const catalog: { gtin: string; name: string; category: string; price: number; sales_30d: number }[] =
  jsonl("catalog.fr.jsonl");
const offers: { store: string; gtin: string; stock: number; price?: number; promotion?: { type: string } }[] =
  jsonl("offers.fr.jsonl");
const stores: { code: string; price_factor: number }[] = JSON.parse(
  readFileSync(DEMO + "stores.fr.json", "utf8"),
);

describe("catalog, store and key routes on the demo data", () => {
  let db: Database;
  let deps: AppDeps;
  let app: FastifyInstance;
  let admin: string;
  let channel: string;
  beforeAll(async () => {
    db = await openDatabase();
    await importDemoData(db, DEMO);
    deps = await createAppServices(db, loadConfig({ PANIER_PUBLIC_URL: "https://shop.example" }));
    app = await buildApp(deps, { logger: false });
    admin = (await createApiKey(db, { name: "ops", scopes: ["admin"] })).secret;
    channel = (await createApiKey(db, { name: "alexa", scopes: ["channel"] })).secret;
  });
  afterAll(async () => {
    await app.close();
    await closeAppServices(deps);
    await db.close();
  });

  const get = (url: string, token?: string) =>
    app.inject({ url, headers: token ? { authorization: `Bearer ${token}` } : {} });

  it("lists the category tree with counts, for the whole catalog or what one store sells", async () => {
    const all = (await get("/v1/categories")).json() as {
      items: { name: string; path: string; count: number; children: { path: string; count: number }[] }[];
    };
    expect(all.items.reduce((n, c) => n + c.count, 0)).toBe(catalog.length);
    const cremerie = all.items.find((c) => c.name === "Crèmerie")!;
    expect(cremerie.count).toBe(catalog.filter((p) => p.category.startsWith("Crèmerie > ")).length);
    const laits = cremerie.children.find((c) => c.path === "Crèmerie > Laits")!;
    const listed = await get(`/v1/products?category=${encodeURIComponent(laits.path)}&limit=100`);
    expect(listed.json().items).toHaveLength(laits.count);

    const code = stores[2]!.code;
    const inStore = (await get(`/v1/categories?store=${code}`)).json() as { items: { count: number }[] };
    const sold = new Set(offers.filter((o) => o.store === code).map((o) => o.gtin));
    expect(inStore.items.reduce((n, c) => n + c.count, 0)).toBe(
      catalog.filter((p) => sold.has(p.gtin)).length,
    );
    expect((await get("/v1/categories?store=NOPE")).json().error.code).toBe("store_not_found");
  });

  it("returns the demi-écrémé milks first for 'lait demi-écrémé'", async () => {
    // Every demi-écrémé milk, whatever its shelf (the lactose-free ones sit under "Lait sans lactose").
    const milks = catalog.filter((p) => /^Lait demi-écrémé/.test(p.name));
    expect(milks.length).toBeGreaterThan(20);
    const res = await get(
      `/v1/products?q=${encodeURIComponent("lait demi-écrémé")}&limit=${milks.length + 5}`,
    );
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { id: string; category: string[] }[];
    const top = items.slice(0, milks.length).map((i) => i.id);
    expect(new Set(top)).toEqual(new Set(milks.map((m) => m.gtin)));
  });

  it("finds products whatever the accents and ligatures ('oeufs', 'creme fraiche')", async () => {
    const eggs = (await get("/v1/products?q=oeufs&limit=3")).json().items;
    expect(eggs.length).toBeGreaterThan(0);
    expect(eggs[0].name).toMatch(/Œufs|oeufs/i);
    const cream = (await get("/v1/products?q=creme%20fraiche&limit=3")).json().items;
    expect(cream[0].name).toMatch(/crème fraîche/i);
  });

  it("with a store, lists only what it sells, at its price", async () => {
    const store = "PAR-VOLTAIRE";
    const factor = stores.find((s) => s.code === store)!.price_factor;
    const sold = new Map(offers.filter((o) => o.store === store).map((o) => [o.gtin, o]));
    const res = await get(`/v1/products?store=${store}&limit=100`);
    const items = res.json().items as { id: string; price_cents: number; offer: { price_cents: number } }[];
    expect(items.length).toBe(100);
    for (const item of items) {
      const offer = sold.get(item.id);
      expect(offer, item.id).toBeDefined();
      const expected =
        offer!.price !== undefined ? Math.round(offer!.price * 100) : Math.round(item.price_cents * factor);
      expect(item.offer.price_cents).toBe(expected);
    }
    const notSold = catalog.find((p) => !sold.has(p.gtin))!;
    const words = encodeURIComponent(notSold.name);
    const hits = (await get(`/v1/products?q=${words}&store=${store}&limit=100`)).json().items as {
      id: string;
    }[];
    expect(hits.map((h) => h.id)).not.toContain(notSold.gtin);
  });

  it("lists by popularity within a category when no words are given", async () => {
    const items = (
      await get(`/v1/products?category=${encodeURIComponent("Crèmerie > Laits")}&limit=50`)
    ).json().items as { category: string[]; popularity: number; score: number | null }[];
    expect(items.length).toBeGreaterThan(5);
    for (const i of items) expect(i.category.slice(0, 2)).toEqual(["Crèmerie", "Laits"]);
    const pops = items.map((i) => i.popularity);
    expect(pops).toEqual([...pops].sort((a, b) => b - a));
    expect(items[0]!.score).toBeNull();
  });

  it("shows one product with the store's price, running promotion, stock and unit price", async () => {
    const promo = offers.find((o) => o.store === "LYO-PARTDIEU" && o.promotion?.type === "percent")!;
    const product = catalog.find((p) => p.gtin === promo.gtin)!;
    const res = await get(`/v1/products/${promo.gtin}?store=LYO-PARTDIEU`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.url).toBe(`https://shop.example/p/${promo.gtin}`);
    expect(body.offer).toMatchObject({
      store: "LYO-PARTDIEU",
      price_cents: Math.round(product.price * 100),
      stock: promo.stock,
      in_stock: promo.stock > 0,
      promotion: { type: "percent" },
    });
    expect(body.offer.promotion_price_cents).toBeLessThan(body.offer.price_cents);
    expect(body.offer.unit_price.per).toMatch(/^(kg|l|piece)$/);

    const plain = (await get(`/v1/products/${promo.gtin}`)).json();
    expect(plain.offer).toBeUndefined();
    expect(plain.price_cents).toBe(Math.round(product.price * 100));
  });

  it("answers 404 with a code for unknown products, stores, and products a store does not sell", async () => {
    const unknown = await get("/v1/products/0000000000000");
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe("product_not_found");
    const store = await get("/v1/products/3073363998823?store=NOWHERE");
    expect(store.json().error.code).toBe("store_not_found");
    expect((await get("/v1/products?q=lait&store=NOWHERE")).statusCode).toBe(404);
    const sold = new Set(offers.filter((o) => o.store === "PAR-VOLTAIRE").map((o) => o.gtin));
    const notSold = catalog.find((p) => !sold.has(p.gtin))!;
    const res = await get(`/v1/products/${notSold.gtin}?store=PAR-VOLTAIRE`);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe("product_not_in_store");
    const bad = await get("/v1/products?q=lait&limit=5000");
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe("invalid_request");
  });

  it("lists stores and shows one, money in cents", async () => {
    const list = (await get("/v1/stores")).json().items as { code: string }[];
    expect(list.map((s) => s.code).sort()).toEqual(stores.map((s) => s.code).sort());
    const one = (await get("/v1/stores/LYO-PARTDIEU")).json();
    expect(one.fulfillment.delivery).toMatchObject({
      fee_cents: 590,
      free_above_cents: 8000,
      min_basket_cents: 3500,
    });
    expect(one.fulfillment.delivery.postal_codes).toContain("69003");
    const missing = await get("/v1/stores/NOWHERE");
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe("store_not_found");
  });

  it("lets only admin keys manage keys: 401 without a key, 403 with another scope", async () => {
    expect((await get("/v1/admin/keys")).statusCode).toBe(401);
    expect((await get("/v1/admin/keys")).json().error.code).toBe("unauthenticated");
    expect((await get("/v1/admin/keys", channel)).statusCode).toBe(403);
    const listed = await get("/v1/admin/keys", admin);
    expect(listed.statusCode).toBe(200);
    expect(listed.body).not.toContain(admin);

    const created = await app.inject({
      method: "POST",
      url: "/v1/admin/keys",
      headers: { authorization: `Bearer ${admin}` },
      payload: { name: "feeds", scopes: ["brand:Lactel"] },
    });
    expect(created.statusCode).toBe(201);
    const { key, secret } = created.json();
    expect((await get("/v1/admin/keys", secret)).statusCode).toBe(403);

    const badScope = await app.inject({
      method: "POST",
      url: "/v1/admin/keys",
      headers: { authorization: `Bearer ${admin}` },
      payload: { name: "x", scopes: ["root"] },
    });
    expect(badScope.json().error.code).toBe("invalid_scope");

    const revoked = await app.inject({
      method: "DELETE",
      url: `/v1/admin/keys/${key.id}`,
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(revoked.json().revoked_at).not.toBeNull();
    const after = await get("/v1/products?q=lait", secret);
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe("invalid_token");
  });

  it("guards every admin route: 401 without a key, 403 with a key lacking the admin scope, before the body", async () => {
    const doc = (await get("/openapi.json")).json() as { paths: Record<string, Record<string, unknown>> };
    const admin = Object.entries(doc.paths).filter(([path]) => path.startsWith("/v1/admin/"));
    expect(admin.length).toBeGreaterThanOrEqual(3);
    for (const [path, methods] of admin) {
      const url = path.replace(/\{[^}]+\}/g, "x");
      for (const method of Object.keys(methods)) {
        const send = (token?: string) =>
          app.inject({
            method: method.toUpperCase() as "GET",
            url,
            headers: {
              "content-type": "application/json",
              ...(token ? { authorization: `Bearer ${token}` } : {}),
            },
            // A body that fails every schema: the answer must still be about credentials.
            ...(method === "get" ? {} : { payload: "{not json" }),
          });
        expect((await send()).statusCode, `${method} ${path}`).toBe(401);
        expect((await send(channel)).statusCode, `${method} ${path}`).toBe(403);
      }
    }
  });

  it("accepts PANIER_API_KEY as an admin key and describes the routes in OpenAPI", async () => {
    const withEnv = await createAppServices(db, loadConfig({ PANIER_API_KEY: "operator-key-123" }));
    const app2 = await buildApp(withEnv, { logger: false });
    try {
      expect(
        (await app2.inject({ url: "/v1/admin/keys", headers: { authorization: "Bearer operator-key-123" } }))
          .statusCode,
      ).toBe(200);
      const doc = (await app2.inject({ url: "/openapi.json" })).json();
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining([
          "/v1/products",
          "/v1/products/{id}",
          "/v1/stores",
          "/v1/stores/{code}",
          "/v1/admin/keys",
        ]),
      );
    } finally {
      await app2.close();
      await closeAppServices(withEnv);
    }
    await revokeApiKey(db, "key_none");
  });
});
