import { fileURLToPath } from "node:url";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importDemoData } from "../../../commerce/index.js";
import { type Database, openDatabase } from "../../../db/index.js";
import { DEMO_PASSWORD, setDemoPasswords } from "../../../identity/index.js";
import { buildApp } from "../../app.js";
import { loadConfig } from "../../config.js";
import type { AppDeps } from "../../deps.js";
import { closeAppServices, createAppServices } from "../../services.js";

const DEMO = fileURLToPath(new URL("../../../../data/demo/", import.meta.url));

// The demo store end to end, as the server assembles it: a demo shopper signs in with the
// documented password, refills the usual basket, books a slot and places the order.
describe("a demo shopper's order on the demo data", () => {
  let db: Database;
  let deps: AppDeps;
  let app: FastifyInstance;
  beforeAll(async () => {
    db = await openDatabase();
    await importDemoData(db, DEMO);
    await setDemoPasswords(db);
    deps = await createAppServices(db, loadConfig({}));
    app = await buildApp(deps, { logger: false });
  });
  afterAll(async () => {
    await app.close();
    await closeAppServices(deps);
    await db.close();
  });

  const call = (method: "GET" | "POST" | "PUT", url: string, token?: string, body?: object, headers = {}) =>
    app.inject({
      method,
      url,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      ...(body ? { payload: body } : {}),
    });

  it("signs Claire in, refills her usual basket, books a delivery and places the order", async () => {
    const signIn = await call("POST", "/v1/accounts/sign-in", undefined, {
      email: "claire.martin@example.org",
      password: DEMO_PASSWORD,
    });
    expect(signIn.statusCode).toBe(200);
    const token = signIn.json().token as string;
    const cart = (await call("GET", "/v1/carts/current?store=LYO-PARTDIEU", token)).json();
    const refill = await call("POST", `/v1/carts/${cart.id}/reorder`, token, { from: "usual" });
    expect(refill.statusCode).toBe(200);
    const filled = refill.json().cart;
    expect(filled.lines.length).toBeGreaterThan(3);
    // Line totals add up to the cart total; VAT is included, never added.
    const sum = filled.lines.reduce((s: number, l: { total_cents: number }) => s + l.total_cents, 0);
    expect(filled.items_cents).toBe(sum);
    expect(filled.vat.reduce((s: number, v: { gross_cents: number }) => s + v.gross_cents, 0)).toBe(sum);
    // Top up above the delivery minimum if the usual basket is below it.
    if (filled.items_cents < 3500) {
      const first = filled.lines.find((l: { quantity?: number }) => l.quantity !== undefined);
      await call("PUT", `/v1/carts/${cart.id}/lines/${first.id}`, token, { quantity: 10 });
    }
    const slots = (await call("GET", "/v1/stores/LYO-PARTDIEU/slots?mode=delivery")).json().items;
    expect(slots.length).toBeGreaterThan(50);
    const hold = await call("PUT", `/v1/carts/${cart.id}/slot`, token, {
      slot_id: slots[0].id,
      address: { street: "3 rue Servient", postal_code: "69003", city: "Lyon", country: "FR" },
    });
    expect(hold.statusCode).toBe(200);
    const held = (await call("GET", `/v1/carts/${cart.id}`, token)).json();
    const order = await call(
      "POST",
      `/v1/carts/${cart.id}/checkout`,
      token,
      {},
      { "idempotency-key": "demo-1" },
    );
    expect(order.statusCode).toBe(201);
    expect(order.json()).toMatchObject({
      status: "placed",
      mode: "delivery",
      estimated: { items_cents: held.items_cents, fee_cents: held.fee_cents, total_cents: held.total_cents },
    });
  });

  it("offers only pickup at the Toulouse drive", async () => {
    const delivery = await call("GET", "/v1/stores/TLS-PURPAN/slots?mode=delivery");
    expect(delivery.statusCode).toBe(422);
    expect(delivery.json().error.code).toBe("mode_not_offered");
    const pickup = (await call("GET", "/v1/stores/TLS-PURPAN/slots?mode=pickup")).json().items;
    expect(pickup[0]).toMatchObject({ capacity: 8, mode: "pickup" });
  });
});
