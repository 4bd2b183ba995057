import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importDemoData } from "../../commerce/index.js";
import { type Database, disposeTestDatabase, testDatabaseBackends } from "../../db/index.js";
import { ssmlProblems } from "../../dialog/index.js";
import { buildApp } from "../app.js";
import type { Principal } from "../auth.js";
import { loadConfig } from "../config.js";
import type { AppDeps } from "../deps.js";
import { closeAppServices, createAppServices } from "../services.js";

const DEMO = new URL("../../../data/demo/", import.meta.url).pathname;
const PRINCIPALS: Record<string, Principal> = {
  admin: { kind: "key", keyId: "k-admin", scopes: ["admin"] },
  channel: { kind: "key", keyId: "k-channel", scopes: ["channel"] },
  plain: { kind: "key", keyId: "k-plain", scopes: [] },
  claire: { kind: "shopper", customerId: "cust-claire" },
  karim: { kind: "shopper", customerId: "cust-karim" },
};

describe.each(testDatabaseBackends())("conversation API on $name", (backend) => {
  let db: Database;
  let deps: AppDeps;
  let app: FastifyInstance;

  beforeAll(async () => {
    db = await backend.open();
    await importDemoData(db, DEMO);
    const base = await createAppServices(db, loadConfig({}));
    deps = { ...base, tokenResolvers: [async (t) => PRINCIPALS[t] ?? null] };
    app = await buildApp(deps, { logger: false });
  }, 120_000);
  afterAll(async () => {
    await app.close();
    await closeAppServices(deps);
    await disposeTestDatabase(db);
  });

  const turn = (
    id: string,
    body: Record<string, unknown>,
    who?: string,
    headers: Record<string, string> = {},
  ) =>
    app.inject({
      method: "POST",
      url: `/v1/conversations/${id}/turns`,
      headers: { ...(who ? { authorization: `Bearer ${who}` } : {}), ...headers },
      payload: { locale: "fr-FR", storeId: "LYO-PARTDIEU", ...body },
    });

  it("gives an anonymous caller a token that alone continues the conversation", async () => {
    const first = await turn("anon-1", { text: "ajoute deux huiles d'olive Puget" });
    expect(first.statusCode).toBe(200);
    const body = first.json();
    expect(body.intent).toBe("add_to_cart");
    expect(body.reply.text).toMatch(/^J'ai ajouté deux Huile d'olive/);
    expect(ssmlProblems(body.reply.ssml)).toEqual([]);
    expect(body.cart.lines).toEqual([
      expect.objectContaining({ gtin: "3481022551270", quantity: 2, total_cents: 2232 }),
    ]);
    const token = body.conversationToken as string;
    expect(token.length).toBeGreaterThan(20);

    expect((await turn("anon-1", { text: "mon panier" })).statusCode).toBe(404);
    expect(
      (await turn("anon-1", { text: "mon panier" }, undefined, { "panier-conversation-token": "forged" }))
        .statusCode,
    ).toBe(404);
    expect((await turn("anon-1", { text: "mon panier" }, "karim")).statusCode).toBe(404);
    const again = await turn("anon-1", { text: "qu'est-ce qu'il y a dans mon panier" }, undefined, {
      "panier-conversation-token": token,
    });
    expect(again.statusCode).toBe(200);
    expect(again.json().intent).toBe("view_cart");
    expect(again.json().conversationToken).toBeUndefined();
    expect(again.json().cart.total_cents).toBe(2232);
  });

  it("keeps an anonymous conversation and its cart when the shopper signs in", async () => {
    const first = await turn("anon-then-karim", {
      text: "ajoute deux huiles d'olive Puget",
      storeId: "TLS-PURPAN",
    });
    const token = first.json().conversationToken as string;
    const signedIn = await turn(
      "anon-then-karim",
      { text: "ajoute un kilo de pommes golden", storeId: "TLS-PURPAN" },
      "karim",
      {
        "panier-conversation-token": token,
      },
    );
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.json().cart.lines).toHaveLength(2);
    const cart = await deps.commerce!.carts.open({ storeCode: "TLS-PURPAN", customerId: "cust-karim" });
    expect(cart.lines.map((l) => l.name)).toEqual(
      expect.arrayContaining([expect.stringMatching(/Huile/), expect.stringMatching(/Pommes/)]),
    );
    // The shopper's token alone does not open someone's anonymous conversation.
    expect((await turn("anon-then-karim", { text: "mon panier" }, "karim")).statusCode).toBe(404);
  });

  it("acts as the signed-in shopper and hides the conversation from everyone else", async () => {
    const first = await turn("claire-1", { text: "ajoute un poulet fermier Loué" }, "claire");
    expect(first.statusCode).toBe(200);
    expect(first.json().conversationToken).toBeUndefined();
    expect((await turn("claire-1", { text: "mon panier" }, "karim")).statusCode).toBe(404);
    expect((await turn("claire-1", { text: "mon panier" })).statusCode).toBe(404);
    expect((await turn("claire-1", { text: "mon panier" }, "channel")).statusCode).toBe(404);

    const transcript = await app.inject({
      url: "/v1/conversations/claire-1",
      headers: { authorization: "Bearer admin" },
    });
    expect(transcript.statusCode).toBe(200);
    expect(transcript.json()).toMatchObject({
      id: "claire-1",
      storeId: "LYO-PARTDIEU",
      customerId: "cust-claire",
    });
    expect(transcript.json().turns).toEqual([
      expect.objectContaining({ seq: 1, text: "ajoute un poulet fermier Loué", intent: "add_to_cart" }),
    ]);
    expect(
      (await app.inject({ url: "/v1/conversations/claire-1", headers: { authorization: "Bearer karim" } }))
        .statusCode,
    ).toBe(404);
    expect((await app.inject({ url: "/v1/conversations/claire-1" })).statusCode).toBe(401);
    expect(
      (await app.inject({ url: "/v1/conversations/nope", headers: { authorization: "Bearer admin" } }))
        .statusCode,
    ).toBe(404);
  });

  it("lets only a channel key speak for a shopper", async () => {
    expect((await turn("c-anon", { text: "bonjour", customerId: "cust-claire" })).statusCode).toBe(403);
    expect((await turn("c-karim", { text: "bonjour", customerId: "cust-claire" }, "karim")).statusCode).toBe(
      403,
    );
    expect((await turn("c-plain", { text: "bonjour", customerId: "cust-claire" }, "plain")).statusCode).toBe(
      403,
    );
    const res = await turn(
      "c-channel",
      { text: "ajoute deux huiles d'olive Puget", customerId: "cust-karim", storeId: "PAR-VOLTAIRE" },
      "channel",
    );
    expect(res.statusCode).toBe(200);
    // It is Karim's own cart now: the shopper sees the line from the storefront's cart.
    const cart = await deps.commerce!.carts.open({ storeCode: "PAR-VOLTAIRE", customerId: "cust-karim" });
    expect(cart.lines.map((l) => l.quantity)).toEqual([2]);
    expect(res.json().cart.lines.map((l: { id: string }) => l.id)).toEqual(
      cart.lines.map((l) => l.productId),
    );
  });

  it("returns the stored reply for a repeated turnId without acting twice", async () => {
    const a = await turn("retry-1", { text: "ajoute une huile d'olive Puget", turnId: "t-1" }, "plain");
    const b = await turn("retry-1", { text: "ajoute une huile d'olive Puget", turnId: "t-1" }, "plain");
    expect(b.statusCode).toBe(200);
    expect(b.json()).toEqual(a.json());
    const c = await turn("retry-1", { text: "mon panier", turnId: "t-2" }, "plain");
    expect(c.json().cart.lines).toEqual([expect.objectContaining({ quantity: 1 })]);
  });

  it("lets a shopper set and remove the voice PIN asked before voice orders", async () => {
    const set = (pin: unknown, who?: string) =>
      app.inject({
        method: "PUT",
        url: "/v1/me/voice-pin",
        headers: who ? { authorization: `Bearer ${who}` } : {},
        payload: { pin },
      });
    expect((await set("1234")).statusCode).toBe(401);
    expect((await set("12", "karim")).statusCode).toBe(400);
    expect((await set("2468", "karim")).statusCode).toBe(204);
    expect(await deps.dialog!.pins.verify("cust-karim", "2468")).toBe(true);
    expect(await deps.dialog!.pins.verify("cust-karim", "1234")).toBe(false);
    const [row] = await db.query<{ pin_hash: string }>(
      "SELECT pin_hash FROM voice_pins WHERE customer_id = 'cust-karim'",
    );
    expect(row!.pin_hash).not.toContain("2468");
    const del = await app.inject({
      method: "DELETE",
      url: "/v1/me/voice-pin",
      headers: { authorization: "Bearer karim" },
    });
    expect(del.statusCode).toBe(204);
    expect(await deps.dialog!.pins.has("cust-karim")).toBe(false);
  });

  it("validates the request and documents the routes", async () => {
    expect((await turn("bad%20id!", { text: "x" })).statusCode).toBe(400);
    const bad = await turn("ok-id", { text: 42 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe("invalid_request");
    expect((await turn("ok-id", { text: "x", storeId: "NOPE" })).json().error.code).toBe("store_not_found");
    const doc = (await app.inject({ url: "/openapi.json" })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/v1/conversations/{id}/turns", "/v1/conversations/{id}"]),
    );
  });
});
