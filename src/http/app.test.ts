import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../db/index.js";
import { buildApp } from "./app.js";
import { loadConfig } from "./config.js";
import type { AppDeps } from "./deps.js";
import { closeAppServices, createAppServices } from "./services.js";
import type { FastifyInstance } from "fastify";

describe("http app", () => {
  let db: Database;
  let app: FastifyInstance;
  let deps: AppDeps;
  beforeAll(async () => {
    db = await openDatabase();
    deps = await createAppServices(db, loadConfig({}));
    app = await buildApp(deps, { logger: false });
  });
  afterAll(async () => {
    await app.close();
    await closeAppServices(deps);
    await db.close();
  });

  it("answers /healthz once it can serve", async () => {
    const res = await app.inject({ url: "/healthz" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: "ok", database: "pglite" });
  });

  it("publishes an OpenAPI document generated from the routes", async () => {
    const doc = (await app.inject({ url: "/openapi.json" })).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toContain("/healthz");
  });

  it("answers unknown routes and bad tokens with JSON errors carrying a code", async () => {
    const missing = await app.inject({ url: "/nope" });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe("route_not_found");
    const bad = await app.inject({ url: "/healthz", headers: { authorization: "Bearer forged" } });
    expect(bad.statusCode).toBe(401);
    expect(bad.json().error.code).toBe("invalid_token");
  });
});
