import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createVoiceWebhooks } from "../../src/channels/index.js";
import { type Database, disposeTestDatabase, testDatabaseBackends } from "../../src/db/index.js";
import { ssmlProblems } from "../../src/dialog/index.js";
import { buildApp, closeAppServices, createAppServices, loadConfig } from "../../src/http/index.js";
import type { AppDeps } from "../../src/http/index.js";
import {
  checkCredentials,
  createAccountLinking,
  DEMO_PASSWORD,
  getShopper,
  setDemoPasswords,
} from "../../src/identity/index.js";
import { createTestPki, signedAlexaHeaders, type TestPki } from "../support/alexa-signing.js";
import { roundTrip } from "../support/dialogflow-proto.js";
import { linkAccount } from "../support/oauth-flow.js";
import { demoHarness, type Harness } from "../scenarios/harness.js";

/**
 * A full order by voice on each platform, in French, through the real webhooks, the real
 * dialog and commerce on the demo store, starting from the platforms' documented request
 * shapes (test/fixtures): an unlinked shopper fills the cart and is asked to link; the account
 * is linked through Panier's OAuth server; then a clarification, a slot, an explicit
 * confirmation, and the session closes on the placed order.
 */
const SKILL = "amzn1.ask.skill.00000000-panier-test";
const STORE = "LYO-PARTDIEU";
const CUSTOMER = "cust-claire";
const EMAIL = "claire.martin@example.org";
const ALEXA_CB = "https://layla.amazon.com/api/skill/link/M2TESTSKILL";
const CX_CB = "https://panier.example/cx-linked";

const fixture = (dir: string, name: string) =>
  JSON.parse(readFileSync(new URL(`../fixtures/${dir}/${name}.json`, import.meta.url), "utf8"));

describe.each(testDatabaseBackends())("voice orders end to end on $name", (backend) => {
  let db: Database;
  let h: Harness;
  let deps: AppDeps;
  let app: FastifyInstance;
  let pki: TestPki;

  beforeAll(async () => {
    pki = createTestPki();
    db = await backend.open();
    h = await demoHarness(db, new Date("2026-11-25T09:00:00Z"));
    await setDemoPasswords(db);
    await h.dialog.pins.remove(CUSTOMER);
    const base = await createAppServices(db, loadConfig({ PANIER_PUBLIC_URL: "http://localhost" }));
    const oauth = await createAccountLinking({
      db,
      issuer: "http://localhost",
      shoppers: {
        checkCredentials: (e, p) => checkCredentials(db, e, p),
        getShopper: (id) => getShopper(db, id),
      },
      clients: [
        { client_id: "alexa", client_secret: "alexa-secret", redirect_uris: [ALEXA_CB] },
        { client_id: "cx-messenger", client_secret: "cx-secret", redirect_uris: [CX_CB] },
      ],
    });
    const voice = createVoiceWebhooks({
      services: {
        dialog: h.dialog,
        shopperForToken: oauth.server.shopperForToken,
        storeFor: async () => STORE,
      },
      env: { PANIER_DFCX_SECRET: "cx-webhook-secret", PANIER_ALEXA_SKILL_ID: SKILL },
      alexa: { trustAnchors: [pki.root], fetchChain: async () => pki.chainPem },
    });
    deps = { ...base, tokenResolvers: [...base.tokenResolvers], voice, oauth };
    app = await buildApp(deps, { logger: false });
  });
  afterAll(async () => {
    await app.close();
    await closeAppServices(deps);
    await disposeTestDatabase(db);
  });

  const ordersPlaced = async () =>
    Number(
      (
        await db.query<{ n: string }>("SELECT count(*) AS n FROM orders WHERE customer_id = $1", [CUSTOMER])
      )[0]!.n,
    );

  const expectSpeakable = (ssml: string) => expect(ssmlProblems(ssml)).toEqual([]);

  it("Alexa: unlinked cart, LinkAccount card, linking, clarification, slot, confirmation, order", async () => {
    const sessionId = `amzn1.echo-api.session.${randomUUID()}`;
    let accessToken: string | undefined;
    let attributes: Record<string, unknown> = {};
    const alexa = async (
      name: string,
      edit: (env: { request: Record<string, unknown> }) => void = () => {},
    ) => {
      const env = fixture("alexa", name);
      env.session.sessionId = sessionId;
      env.session.new = name === "launch";
      env.session.attributes = attributes;
      env.request.requestId = `amzn1.echo-api.request.${randomUUID()}`;
      env.request.timestamp = new Date().toISOString();
      env.request.locale = "fr-FR";
      for (const user of [env.session.user, env.context.System.user]) {
        if (accessToken) user.accessToken = accessToken;
        else delete user.accessToken;
      }
      edit(env);
      const body = JSON.stringify(env);
      const res = await app.inject({
        method: "POST",
        url: "/webhooks/alexa",
        headers: signedAlexaHeaders(body, pki.signingKeyPem),
        payload: body,
      });
      expect(res.statusCode, res.body).toBe(200);
      const out = res.json();
      attributes = out.sessionAttributes ?? attributes;
      if (out.response.outputSpeech) expectSpeakable(out.response.outputSpeech.ssml);
      return out;
    };
    const say = (intent: string, query: string) =>
      alexa("intent-query", (env) => {
        env.request.intent = {
          name: intent,
          confirmationStatus: "NONE",
          slots: { query: { name: "query", value: query, confirmationStatus: "NONE" } },
        };
      });
    const before = await ordersPlaced();

    const launch = await alexa("launch");
    expect(launch.response.shouldEndSession).toBe(false);

    const milk = await say("Panier_ajoute", "deux lait demi-écrémé Lactel 1 L");
    expect(milk.response.outputSpeech.ssml).toMatch(/ajouté deux Lait demi-écrémé UHT Lactel un litre/);
    expect(milk.response.card).toMatchObject({ type: "Simple", title: "Votre panier" });
    expect(milk.response.card.content).toMatch(/2 × Lait demi-écrémé UHT — 2,18 €/);

    const unlinked = await say("Panier_je_veux", "commander");
    expect(unlinked.response.card).toEqual({ type: "LinkAccount" });
    expect(unlinked.response.shouldEndSession).toBe(false);

    // The shopper links the skill in the Alexa app: Panier's sign-in page, then the token.
    accessToken = (
      await linkAccount(app, {
        clientId: "alexa",
        clientSecret: "alexa-secret",
        redirectUri: ALEXA_CB,
        email: EMAIL,
        password: DEMO_PASSWORD,
      })
    ).access_token;

    const coffee = await say("Panier_ajoute", "du café décaféiné");
    expect(coffee.sessionAttributes.awaiting).toBe("choice");
    expect(coffee.response.outputSpeech.ssml).toMatch(/Lequel/);
    expect(coffee.response.reprompt.outputSpeech).toEqual(coffee.response.outputSpeech);
    // Said alone, as an answer: a slot-less intent of the model.
    const second = await alexa("intent-query", (env) => {
      env.request.intent = { name: "PanierSay_le_deuxieme", confirmationStatus: "NONE" };
    });
    expect(second.response.outputSpeech.ssml).toMatch(/ajouté un/);

    const oil = await say("Panier_ajoute", "deux huiles d'olive Puget");
    expect(oil.response.card.content).toMatch(/2 × Huile d'olive/);
    const slot = await say("Panier_samedi", "vers 10 h");
    expect(slot.response.outputSpeech.ssml).toMatch(/samedi 28 novembre de dix heures à onze heures/);

    const recap = await say("Panier_je_veux", "commander");
    expect(recap.sessionAttributes.awaiting).toBe("confirmation");
    expect(recap.response.outputSpeech.ssml).toMatch(/Je valide la commande/);
    expect(await ordersPlaced()).toBe(before);

    const yes = await alexa("intent-yes");
    expect(yes.response.outputSpeech.ssml).toMatch(/C&apos;est commandé/);
    expect(yes.response.shouldEndSession).toBe(true);
    expect(yes.response.card.title).toMatch(/^Commande /);
    expect(await ordersPlaced()).toBe(before + 1);

    const ended = await alexa("session-ended");
    expect(ended).toEqual({ version: "1.0", response: {} });
  });

  it("Dialogflow CX: same order through WebhookRequests, every response a valid WebhookResponse", async () => {
    const session = `projects/panier-demo/locations/europe-west1/agents/4b6ff0a2-1c55-4c36-9f22-7d8b1e2a9c10/sessions/${randomUUID()}`;
    let params: Record<string, unknown> = {};
    const cx = async (name: string, text?: string, responseId: string = randomUUID()) => {
      const req = fixture("dialogflow-cx", name);
      req.detectIntentResponseId = responseId;
      req.sessionInfo = { session, parameters: { ...params } };
      if (text !== undefined) req.text = text;
      const res = await app.inject({
        method: "POST",
        url: "/webhooks/dialogflow-cx",
        headers: { authorization: "Bearer cx-webhook-secret" },
        payload: req,
      });
      expect(res.statusCode, res.body).toBe(200);
      const out = res.json();
      expect(roundTrip("WebhookResponse", out)).toEqual(out);
      expectSpeakable(out.fulfillmentResponse.messages[1].outputAudioText.ssml);
      params = { ...params, ...out.sessionInfo.parameters };
      return {
        out,
        text: out.fulfillmentResponse.messages[0].text.text[0] as string,
        params: out.sessionInfo.parameters,
      };
    };
    const before = await ordersPlaced();

    const hello = await cx("welcome");
    expect(hello.params.panier_awaiting).toBe("request");
    expect(hello.text).not.toMatch(/pas compris/);
    expect((await cx("text", "ajoute deux lait demi-écrémé Lactel 1 L")).text).toMatch(
      /ajouté deux Lait demi-écrémé/,
    );
    const unlinked = await cx("text", "je veux commander");
    expect(unlinked.params.panier_awaiting).toBe("account_link");

    // The integration (e.g. the retailer's page around Dialogflow Messenger) links the
    // account and puts the token in the session.
    const { access_token } = await linkAccount(app, {
      clientId: "cx-messenger",
      clientSecret: "cx-secret",
      redirectUri: CX_CB,
      email: EMAIL,
      password: DEMO_PASSWORD,
    });
    params.panier_access_token = access_token;

    const coffee = await cx("text", "ajoute du café décaféiné");
    expect(coffee.params.panier_awaiting).toBe("choice");
    expect(coffee.text).toMatch(/Lequel/);
    expect((await cx("transcript", "le deuxième")).text).toMatch(/ajouté un/);
    expect((await cx("text", "ajoute deux huiles d'olive Puget")).text).toMatch(/Huile d'olive/);
    expect((await cx("text", "samedi vers 10 h")).text).toMatch(/samedi 28 novembre de 10 h à 11 h/);
    const recap = await cx("text", "je veux commander");
    expect(recap.params.panier_awaiting).toBe("confirmation");
    expect(await ordersPlaced()).toBe(before);

    const yes = await cx("text", "oui", "confirm-turn");
    expect(yes.text).toMatch(/C'est commandé/);
    expect(yes.params.panier_end).toBe(true);
    expect(yes.out.targetPage).toMatch(/\/flows\/00000000-0000-0000-0000-000000000000\/pages\/END_SESSION$/);
    expect(await ordersPlaced()).toBe(before + 1);

    // CX retries a call it got no answer to, with the same detectIntentResponseId: the stored
    // reply comes back and nothing is ordered twice.
    const retried = await cx("text", "oui", "confirm-turn");
    expect(retried.text).toBe(yes.text);
    expect(await ordersPlaced()).toBe(before + 1);
  });
});
