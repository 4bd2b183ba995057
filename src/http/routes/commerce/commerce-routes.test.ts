import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCommerce } from "../../../commerce/index.js";
import { LYON_ADDRESS, P, seedCommerce, testClock } from "../../../commerce/test-fixtures.js";
import { type Database, disposeTestDatabase, testDatabaseBackends } from "../../../db/index.js";
import { createApiKey, sessionTokenResolver } from "../../../identity/index.js";
import { buildApp } from "../../app.js";
import { loadConfig } from "../../config.js";
import type { AppDeps } from "../../deps.js";
import { closeAppServices, createAppServices } from "../../services.js";

const STORE = "LYO-PARTDIEU";

describe.each(testDatabaseBackends())("commerce routes on $name", (backend) => {
  let db: Database;
  let deps: AppDeps;
  let app: FastifyInstance;
  let admin: string;
  const clock = testClock();
  // Alice owns a cart and an order; Bruno tries to reach them.
  let alice: string;
  let bruno: string;
  let aliceCart: string;
  let aliceOrder: string;

  beforeAll(async () => {
    db = await backend.open();
    await seedCommerce(db);
    const base = await createAppServices(db, loadConfig({}));
    deps = {
      ...base,
      commerce: createCommerce(db, { now: clock.now }),
      tokenResolvers: [sessionTokenResolver(db, clock.now), ...base.tokenResolvers],
    };
    app = await buildApp(deps, { logger: false });
    admin = (await createApiKey(db, { name: "store", scopes: ["admin"] })).secret;
  });
  afterAll(async () => {
    await app.close();
    await closeAppServices(deps);
    await disposeTestDatabase(db);
  });

  const call = (
    method: "GET" | "POST" | "PUT" | "DELETE",
    url: string,
    token?: string,
    body?: unknown,
    headers = {},
  ) =>
    app.inject({
      method,
      url,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      ...(body === undefined ? {} : { payload: body as object }),
    });

  it("signs a shopper up and in, and tells who is signed in", async () => {
    const up = await call("POST", "/v1/accounts", undefined, {
      email: "alice.http@example.org",
      password: "alice-password",
      name: "Alice",
      store: STORE,
    });
    expect(up.statusCode).toBe(201);
    const taken = await call("POST", "/v1/accounts", undefined, {
      email: "alice.http@example.org",
      password: "other-password",
      name: "A",
    });
    expect(taken.json().error.code).toBe("email_taken");
    const wrong = await call("POST", "/v1/accounts/sign-in", undefined, {
      email: "alice.http@example.org",
      password: "nope-nope",
    });
    expect(wrong.statusCode).toBe(401);
    const signIn = await call("POST", "/v1/accounts/sign-in", undefined, {
      email: "alice.http@example.org",
      password: "alice-password",
    });
    expect(signIn.statusCode).toBe(200);
    alice = signIn.json().token;
    const me = await call("GET", "/v1/me", alice);
    expect(me.json()).toMatchObject({ email: "alice.http@example.org", store: STORE });
    expect((await call("GET", "/v1/me")).statusCode).toBe(401);
    const b = await call("POST", "/v1/accounts", undefined, {
      email: "bruno.http@example.org",
      password: "bruno-password",
      name: "Bruno",
    });
    bruno = b.json().token;
    // Sign-out ends the session.
    const extra = (
      await call("POST", "/v1/accounts/sign-in", undefined, {
        email: "bruno.http@example.org",
        password: "bruno-password",
      })
    ).json().token;
    expect((await call("POST", "/v1/accounts/sign-out", extra)).statusCode).toBe(204);
    expect((await call("GET", "/v1/me", extra)).statusCode).toBe(401);
  });

  it("fills a cart, holds a slot and checks out once per Idempotency-Key", async () => {
    const cart = await call("GET", `/v1/carts/current?store=${STORE}`, alice);
    expect(cart.statusCode).toBe(200);
    aliceCart = cart.json().id;
    const add = await call("POST", `/v1/carts/${aliceCart}/lines`, alice, {
      product_id: P.cheese,
      quantity: 1,
    });
    expect(add.json()).toMatchObject({
      total_cents: 4000,
      lines: [{ id: P.cheese, quantity: 1, total_cents: 4000 }],
    });
    const weighed = await call("POST", `/v1/carts/${aliceCart}/lines`, alice, {
      product_id: P.tomatoes,
      weight_g: 1000,
    });
    expect(weighed.json().lines[1]).toMatchObject({ weight_g: 1000, total_cents: 349, estimated: true });
    const refused = await call("POST", `/v1/carts/${aliceCart}/lines`, alice, {
      product_id: P.notSold,
      quantity: 1,
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error).toMatchObject({ code: "not_sold_here" });
    expect(refused.json().error.alternatives.length).toBeGreaterThan(0);
    const both = await call("POST", `/v1/carts/${aliceCart}/lines`, alice, {
      product_id: P.milk,
      quantity: 1,
      weight_g: 5,
    });
    expect(both.json().error.code).toBe("invalid_request");

    const slots = await call("GET", `/v1/stores/${STORE}/slots?mode=delivery`);
    expect(slots.statusCode).toBe(200);
    const slot = slots.json().items[0];
    expect(slot).toMatchObject({ capacity: 12, available: 12 });
    const far = await call("PUT", `/v1/carts/${aliceCart}/slot`, alice, {
      slot_id: slot.id,
      address: { ...LYON_ADDRESS, postal_code: "75011" },
    });
    expect(far.json().error.code).toBe("outside_delivery_zone");
    const hold = await call("PUT", `/v1/carts/${aliceCart}/slot`, alice, {
      slot_id: slot.id,
      address: LYON_ADDRESS,
    });
    expect(hold.statusCode).toBe(200);
    expect(hold.json().slot.available).toBe(11);

    const noKey = await call("POST", `/v1/carts/${aliceCart}/checkout`, alice, {});
    expect(noKey.statusCode).toBe(400);
    const key = { "idempotency-key": "order-1" };
    const first = await call("POST", `/v1/carts/${aliceCart}/checkout`, alice, { note: "door code 12" }, key);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({
      status: "placed",
      estimated: { items_cents: 4349, fee_cents: 590, total_cents: 4939 },
      final: null,
      payment: { status: "pending" },
    });
    aliceOrder = first.json().id;
    const replay = await call(
      "POST",
      `/v1/carts/${aliceCart}/checkout`,
      alice,
      { note: "door code 12" },
      key,
    );
    expect(replay.statusCode).toBe(201);
    expect(replay.headers["idempotent-replayed"]).toBe("true");
    expect(replay.json().id).toBe(aliceOrder);
    const changed = await call("POST", `/v1/carts/${aliceCart}/checkout`, alice, { note: "other" }, key);
    expect(changed.statusCode).toBe(422);
    expect(changed.json().error.code).toBe("idempotency_key_reused");
    const list = await call("GET", "/v1/orders", alice);
    expect(list.json().items.map((o: { id: string }) => o.id)).toEqual([aliceOrder]);
  });

  it("lets only an admin key move an order through preparation, with real weights", async () => {
    expect((await call("POST", `/v1/orders/${aliceOrder}/prepare`, alice, {})).statusCode).toBe(403);
    const prepared = await call("POST", `/v1/orders/${aliceOrder}/prepare`, admin, {
      weights: { [P.tomatoes]: 1100 },
    });
    expect(prepared.statusCode).toBe(200);
    expect(prepared.json()).toMatchObject({
      status: "preparing",
      estimated: { total_cents: 4939 },
      final: { items_cents: 4000 + 384, total_cents: 4000 + 384 + 590 },
    });
    const wrongStep = await call("POST", `/v1/orders/${aliceOrder}/ready`, admin, {});
    expect(wrongStep.json().error.code).toBe("invalid_transition");
    expect((await call("POST", `/v1/orders/${aliceOrder}/out-for-delivery`, admin, {})).statusCode).toBe(200);
    const done = await call("POST", `/v1/orders/${aliceOrder}/complete`, admin);
    expect(done.json()).toMatchObject({ status: "completed", payment: { status: "paid" } });
    expect((await call("GET", `/v1/orders/${aliceOrder}`, admin)).statusCode).toBe(200);
    const queue = await call("GET", `/v1/admin/orders?store=${STORE}&status=completed`, admin);
    expect(queue.json().items.map((o: { id: string }) => o.id)).toEqual([aliceOrder]);
    expect((await call("GET", `/v1/admin/orders?store=${STORE}`, alice)).statusCode).toBe(403);
  });

  it("answers 404 to another shopper on every cart and order route", async () => {
    // Alice gets a fresh open cart with a line and a held slot to aim at.
    const fresh = (await call("GET", `/v1/carts/current?store=${STORE}`, alice)).json().id as string;
    await call("POST", `/v1/carts/${fresh}/lines`, alice, { product_id: P.cheese, quantity: 1 });
    const slot = (await call("GET", `/v1/stores/${STORE}/slots?mode=pickup`)).json().items[0];
    await call("PUT", `/v1/carts/${fresh}/slot`, alice, { slot_id: slot.id });
    const attempts: [string, "GET" | "POST" | "PUT" | "DELETE", string, unknown?, Record<string, string>?][] =
      [
        ["get cart", "GET", `/v1/carts/${fresh}`],
        ["get ordered cart", "GET", `/v1/carts/${aliceCart}`],
        ["add line", "POST", `/v1/carts/${fresh}/lines`, { product_id: P.soap, quantity: 1 }],
        ["set line", "PUT", `/v1/carts/${fresh}/lines/${P.cheese}`, { quantity: 3 }],
        ["remove line", "DELETE", `/v1/carts/${fresh}/lines/${P.cheese}`],
        ["clear", "DELETE", `/v1/carts/${fresh}/lines`],
        ["substitution", "PUT", `/v1/carts/${fresh}/lines/${P.cheese}/substitution`, { kind: "refuse" }],
        ["hold slot", "PUT", `/v1/carts/${fresh}/slot`, { slot_id: slot.id }],
        ["release slot", "DELETE", `/v1/carts/${fresh}/slot`],
        ["reorder", "POST", `/v1/carts/${fresh}/reorder`, { from: "last_order" }],
        ["checkout", "POST", `/v1/carts/${fresh}/checkout`, {}, { "idempotency-key": "steal" }],
        ["get order", "GET", `/v1/orders/${aliceOrder}`],
        ["cancel order", "POST", `/v1/orders/${aliceOrder}/cancel`, {}],
      ];
    for (const [what, method, url, body, headers] of attempts) {
      const res = await call(method, url, bruno, body, headers);
      expect({ what, status: res.statusCode }).toEqual({ what, status: 404 });
    }
    expect((await call("GET", "/v1/orders", bruno)).json().items).toEqual([]);
    // Nothing changed for Alice.
    const still = (await call("GET", `/v1/carts/${fresh}`, alice)).json();
    expect(still.lines).toMatchObject([{ id: P.cheese, quantity: 1, substitution: { kind: "allow" } }]);
    expect(still.hold?.slot.id).toBe(slot.id);
    // And anonymous callers are asked to sign in.
    expect((await call("GET", `/v1/carts/${fresh}`)).statusCode).toBe(401);
  });

  it("lets the shopper cancel before orders close, and reorder the last order", async () => {
    const cart = (await call("GET", `/v1/carts/current?store=${STORE}`, alice)).json().id as string;
    const re = await call("POST", `/v1/carts/${cart}/reorder`, alice, { from: "last_order" });
    expect(re.statusCode).toBe(200);
    // The last order had 1 cheese and 1 kg of tomatoes; the cart already held 1 cheese.
    expect(re.json().added).toEqual([
      { id: P.cheese, quantity: 1 },
      { id: P.tomatoes, weight_g: 1000 },
    ]);
    expect(
      re
        .json()
        .cart.lines.map((l: { id: string; quantity?: number; weight_g?: number }) => [
          l.id,
          l.quantity ?? l.weight_g,
        ]),
    ).toEqual([
      [P.cheese, 2],
      [P.tomatoes, 1000],
    ]);
    const placed = await call(
      "POST",
      `/v1/carts/${cart}/checkout`,
      alice,
      {},
      { "idempotency-key": "order-2" },
    );
    expect(placed.statusCode).toBe(201);
    const cancelled = await call("POST", `/v1/orders/${placed.json().id}/cancel`, alice, { reason: "oops" });
    expect(cancelled.json()).toMatchObject({ status: "cancelled", cancelled_by: "shopper" });
  });

  it("delivers to the saved address when a slot is held without one", async () => {
    const cart = (await call("GET", `/v1/carts/current?store=${STORE}`, bruno)).json().id as string;
    const slot = (await call("GET", `/v1/stores/${STORE}/slots?mode=delivery`)).json().items[2];
    const none = await call("PUT", `/v1/carts/${cart}/slot`, bruno, { slot_id: slot.id });
    expect(none.json().error.code).toBe("address_required");
    const saved = await call("PUT", "/v1/me/address", bruno, { ...LYON_ADDRESS, street: "8 quai Perrache" });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({
      postal_code: "69003",
      delivery_address: { street: "8 quai Perrache" },
    });
    expect((await call("GET", "/v1/me", bruno)).json().delivery_address.street).toBe("8 quai Perrache");
    const hold = await call("PUT", `/v1/carts/${cart}/slot`, bruno, { slot_id: slot.id });
    expect(hold.statusCode).toBe(200);
    expect(hold.json().address).toMatchObject({ street: "8 quai Perrache", postal_code: "69003" });
    expect((await call("DELETE", `/v1/carts/${cart}/slot`, bruno)).statusCode).toBe(204);
  });

  it("throttles sign-in per email: 429 with Retry-After after 5 failures, until the window passes", async () => {
    await call("POST", "/v1/accounts", undefined, {
      email: "carla.http@example.org",
      password: "carla-password",
      name: "Carla",
    });
    const signIn = (email: string, password: string) =>
      call("POST", "/v1/accounts/sign-in", undefined, { email, password });
    for (let i = 0; i < 5; i++) {
      expect((await signIn("carla.http@example.org", "guess-guess")).statusCode).toBe(401);
    }
    const locked = await signIn("Carla.HTTP@example.org", "carla-password");
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe("too_many_attempts");
    expect(Number(locked.headers["retry-after"])).toBeGreaterThan(0);
    expect(Number(locked.headers["retry-after"])).toBeLessThanOrEqual(15 * 60);
    expect((await signIn("bruno.http@example.org", "bruno-password")).statusCode).toBe(200);
    clock.advance(16);
    expect((await signIn("carla.http@example.org", "carla-password")).statusCode).toBe(200);
  });

  it("documents the commerce routes in the OpenAPI document", async () => {
    const doc = (await call("GET", "/openapi.json")).json();
    for (const path of [
      "/v1/accounts",
      "/v1/accounts/sign-in",
      "/v1/me",
      "/v1/me/address",
      "/v1/admin/orders",
      "/v1/carts/{cartId}/lines",
      "/v1/carts/{cartId}/slot",
      "/v1/carts/{cartId}/checkout",
      "/v1/stores/{code}/slots",
      "/v1/orders/{orderId}/prepare",
    ]) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
  });
});
