import { readFileSync } from "node:fs";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createTestPki,
  signedAlexaHeaders,
  TEST_CERT_URL,
  type TestPki,
} from "../../../test/support/alexa-signing.js";
import { roundTrip } from "../../../test/support/dialogflow-proto.js";
import { type ChannelServices, createVoiceWebhooks } from "../../channels/index.js";
import { type Database, openDatabase } from "../../db/index.js";
import type { Reply, Turn } from "../../dialog/index.js";
import { buildApp } from "../app.js";
import { loadConfig } from "../config.js";
import type { AppDeps } from "../deps.js";
import { closeAppServices, createAppServices } from "../services.js";

const fixture = (dir: string, name: string) =>
  JSON.parse(readFileSync(new URL(`../../../test/fixtures/${dir}/${name}.json`, import.meta.url), "utf8"));
const SKILL = "amzn1.ask.skill.00000000-panier-test";

const turns: Turn[] = [];
const services: ChannelServices = {
  dialog: {
    async handle(turn): Promise<Reply> {
      turns.push(turn);
      if (turn.text === "boom") throw new Error("dialog down");
      return {
        intent: "add_to_cart",
        text: `Vous avez dit : ${turn.text}`,
        ssml: `<speak>Vous avez dit : ${turn.text}</speak>`,
        suggestions: [],
        cart: { lines: [], total_cents: 0 },
      };
    },
  },
  shopperForToken: async () => null,
  storeFor: async () => "PARIS-11",
};

describe("voice webhooks over HTTP", () => {
  let db: Database;
  let deps: AppDeps;
  let app: FastifyInstance;
  let bare: FastifyInstance;
  let pki: TestPki;

  beforeAll(async () => {
    pki = createTestPki();
    db = await openDatabase();
    deps = await createAppServices(db, loadConfig({}));
    bare = await buildApp(deps, { logger: false }); // no voice services: both endpoints off
    deps = {
      ...deps,
      tokenResolvers: [...deps.tokenResolvers],
      voice: createVoiceWebhooks({
        services,
        env: {
          PANIER_DFCX_SECRET: "dfcx-secret",
          PANIER_DFCX_BASIC: "agent:pw",
          PANIER_ALEXA_SKILL_ID: SKILL,
        },
        alexa: { trustAnchors: [pki.root], fetchChain: async () => pki.chainPem },
      }),
    };
    app = await buildApp(deps, { logger: false });
  });
  afterAll(async () => {
    await app.close();
    await bare.close();
    await closeAppServices(deps);
    await db.close();
  });

  const dfcx = (authorization?: string, body: unknown = fixture("dialogflow-cx", "text")) =>
    app.inject({
      method: "POST",
      url: "/webhooks/dialogflow-cx",
      headers: authorization ? { authorization } : {},
      payload: body as object,
    });

  it("keeps both endpoints off without configuration", async () => {
    const cx = await bare.inject({ method: "POST", url: "/webhooks/dialogflow-cx", payload: {} });
    expect(cx.statusCode).toBe(503);
    expect(cx.json().error.code).toBe("dialogflow_cx_not_configured");
    const alexa = await bare.inject({ method: "POST", url: "/webhooks/alexa", payload: {} });
    expect(alexa.statusCode).toBe(503);
    expect(alexa.json().error.code).toBe("alexa_not_configured");
  });

  it("refuses a Dialogflow call without the configured secret", async () => {
    for (const auth of [undefined, "Bearer wrong", `Basic ${Buffer.from("agent:nope").toString("base64")}`]) {
      const res = await dfcx(auth);
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toMatch(/webhook_unauthorized|invalid_token/);
    }
    expect(turns).toEqual([]);
  });

  it("answers an authenticated WebhookRequest with a valid WebhookResponse", async () => {
    for (const auth of ["Bearer dfcx-secret", `Basic ${Buffer.from("agent:pw").toString("base64")}`]) {
      const res = await dfcx(auth);
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(roundTrip("WebhookResponse", body)).toEqual(body);
      expect(body.fulfillmentResponse.messages[0].text.text[0]).toBe(
        "Vous avez dit : rajoute deux packs de lait",
      );
    }
  });

  it("answers a malformed WebhookRequest with 400 and a code", async () => {
    const res = await dfcx("Bearer dfcx-secret", { text: "hello" });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe("dialogflow_request_invalid");
  });

  it("apologises in speech, not with a 500, when the dialog fails", async () => {
    const f = fixture("dialogflow-cx", "text");
    f.text = "boom";
    const res = await dfcx("Bearer dfcx-secret", f);
    expect(res.statusCode).toBe(200);
    expect(res.json().fulfillmentResponse.messages[0].text.text[0]).toMatch(/Désolé/);
    expect(roundTrip("WebhookResponse", res.json())).toEqual(res.json());
  });

  function alexaBody(name: string, requestId: string): string {
    const env = fixture("alexa", name);
    env.request.requestId = requestId;
    env.request.timestamp = new Date().toISOString();
    // Pretty-printed with non-ASCII text: the signature covers these exact bytes.
    return JSON.stringify(env, null, 2).replace("deux packs de lait", "deux packs de lait demi-écrémé");
  }

  it("verifies Alexa's signature over the raw bytes and answers the envelope", async () => {
    const body = alexaBody("intent-query", "req-http-1");
    const res = await app.inject({
      method: "POST",
      url: "/webhooks/alexa",
      headers: signedAlexaHeaders(body, pki.signingKeyPem),
      payload: body,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().response.outputSpeech.ssml).toBe(
      "<speak>Vous avez dit : rajoute deux packs de lait demi-écrémé</speak>",
    );
  });

  it("refuses unsigned and forged Alexa requests with 400", async () => {
    const body = alexaBody("intent-query", "req-http-2");
    const unsigned = await app.inject({
      method: "POST",
      url: "/webhooks/alexa",
      headers: { "content-type": "application/json", signaturecertchainurl: TEST_CERT_URL },
      payload: body,
    });
    expect(unsigned.statusCode).toBe(400);
    expect(unsigned.json().error.code).toBe("alexa_signature_missing");
    const forged = await app.inject({
      method: "POST",
      url: "/webhooks/alexa",
      headers: signedAlexaHeaders(body, pki.signingKeyPem),
      payload: body.replace("demi-écrémé", "entier"),
    });
    expect(forged.statusCode).toBe(400);
    expect(forged.json().error.code).toBe("alexa_signature_invalid");
  });

  it("refuses replayed, expired and other skills' Alexa requests with 400", async () => {
    const post = (body: string) =>
      app.inject({
        method: "POST",
        url: "/webhooks/alexa",
        headers: signedAlexaHeaders(body, pki.signingKeyPem),
        payload: body,
      });
    const body = alexaBody("intent-yes", "req-http-replay");
    expect((await post(body)).statusCode).toBe(200);
    const replay = await post(body);
    expect([replay.statusCode, replay.json().error.code]).toEqual([400, "alexa_replayed"]);

    const old = JSON.parse(alexaBody("intent-yes", "req-http-old"));
    old.request.timestamp = new Date(Date.now() - 10 * 60_000).toISOString();
    const expired = await post(JSON.stringify(old));
    expect([expired.statusCode, expired.json().error.code]).toEqual([400, "alexa_timestamp_invalid"]);

    const other = JSON.parse(alexaBody("intent-yes", "req-http-other"));
    other.session.application.applicationId = "amzn1.ask.skill.someone-else";
    other.context.System.application.applicationId = "amzn1.ask.skill.someone-else";
    const wrongApp = await post(JSON.stringify(other));
    expect([wrongApp.statusCode, wrongApp.json().error.code]).toEqual([400, "alexa_wrong_application"]);
  });

  it("lists both webhooks in the OpenAPI document", async () => {
    const doc = (await app.inject({ url: "/openapi.json" })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/webhooks/dialogflow-cx", "/webhooks/alexa"]),
    );
  });
});
