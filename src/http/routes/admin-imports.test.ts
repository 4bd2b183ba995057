import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, disposeTestDatabase, testDatabaseBackends } from "../../db/index.js";
import { createApiKey } from "../../identity/index.js";
import { buildApp } from "../app.js";
import { loadConfig } from "../config.js";
import type { AppDeps } from "../deps.js";
import { closeAppServices, createAppServices } from "../services.js";

const fixture = (name: string) =>
  readFileSync(fileURLToPath(new URL(`../../../test/fixtures/import/${name}`, import.meta.url)));
const demo = (name: string) =>
  readFileSync(fileURLToPath(new URL(`../../../data/demo/${name}`, import.meta.url)));

describe.each(testDatabaseBackends())("POST /v1/admin/imports on $name", (backend) => {
  let db: Database;
  let deps: AppDeps;
  let app: FastifyInstance;
  let admin: string;
  let channel: string;
  beforeAll(async () => {
    db = await backend.open();
    deps = await createAppServices(db, loadConfig({}));
    app = await buildApp(deps, { logger: false });
    admin = (await createApiKey(db, { name: "ops", scopes: ["admin"] })).secret;
    channel = (await createApiKey(db, { name: "voice", scopes: ["channel"] })).secret;
  });
  afterAll(async () => {
    await app.close();
    await closeAppServices(deps);
    await disposeTestDatabase(db);
  });

  const post = (query: string, body: Buffer | string, token: string | null = admin, type = "text/csv") =>
    app.inject({
      method: "POST",
      url: `/v1/admin/imports?${query}`,
      headers: { "content-type": type, ...(token ? { authorization: `Bearer ${token}` } : {}) },
      payload: body,
    });

  it("needs a key with the admin scope", async () => {
    expect((await post("kind=catalog", fixture("catalog.jsonl"), null)).statusCode).toBe(401);
    expect((await post("kind=catalog", fixture("catalog.jsonl"), channel)).statusCode).toBe(403);
    expect(Number((await db.query<{ n: string }>("SELECT count(*) AS n FROM products"))[0]!.n)).toBe(0);
  });

  it("imports a raw CSV body, and the server's own search sees it without a restart", async () => {
    const res = await post("kind=catalog", fixture("catalog-semicolon.csv"));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ kind: "catalog", format: "csv", inserted: 4, committed: true });
    await expect
      .poll(async () =>
        (await app.inject({ url: "/v1/products?q=yaourt%20nature" }))
          .json()
          .items.map((i: { id: string }) => i.id),
      )
      .toContain("96385074");
  });

  it("answers 422 with every bad line when nothing was committed, and max_errors lets the good ones in", async () => {
    const res = await post("kind=catalog", fixture("catalog-broken.jsonl"), admin, "application/x-ndjson");
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(body.error.code).toBe("import_rejected");
    expect(body.error.report.errors.map((e: { line: number }) => e.line)).toEqual([2, 3, 4, 5, 7]);
    const allowed = await post("kind=catalog&max_errors=5&mode=delta", fixture("catalog-broken.jsonl"));
    expect(allowed.statusCode).toBe(200);
    expect(allowed.json()).toMatchObject({ committed: true, badLines: 5, inserted: 1 });
  });

  it("imports stores, offers and customers (JSON content type included) and rejects an unknown kind", async () => {
    await post("kind=catalog", demo("catalog.fr.jsonl"));
    const stores = await post("kind=stores", demo("stores.fr.json"), admin, "application/json");
    expect(stores.json()).toMatchObject({ format: "json", inserted: 3, committed: true });
    const offers = await post("kind=offers", demo("offers.fr.jsonl"), admin, "application/octet-stream");
    expect(offers.json()).toMatchObject({ committed: true, badLines: 0 });
    const customers = await post("kind=customers", demo("customers.fr.jsonl"));
    expect(customers.json()).toMatchObject({ inserted: 3, committed: true });
    expect((await post("kind=recipes", "x")).statusCode).toBe(400);
    const unknown = await post("kind=catalog", "just some words\nand more\n", admin, "text/plain");
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe("unknown_format");
  });
});
