import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { roundTrip } from "../../../test/support/dialogflow-proto.js";
import type { Reply, Turn } from "../../dialog/index.js";
import { fakeServices } from "../test-services.js";
import {
  DialogflowRequestError,
  decodeWebhookRequest,
  fitResponse,
  handleDialogflow as handleUnchecked,
  MAX_RESPONSE_BYTES,
} from "./adapter.js";

/** Every response of these tests is checked against the official WebhookResponse type. */
async function handleDialogflow(...args: Parameters<typeof handleUnchecked>) {
  const res = await handleUnchecked(...args);
  expect(roundTrip("WebhookResponse", res)).toEqual(res);
  return res;
}

const fixture = (name: string) =>
  JSON.parse(
    readFileSync(new URL(`../../../test/fixtures/dialogflow-cx/${name}.json`, import.meta.url), "utf8"),
  );

function reply(over: Partial<Reply> = {}): Reply {
  return {
    intent: "add_to_cart",
    text: "J'ai ajouté deux packs de lait. Autre chose ?",
    ssml: '<speak>J\'ai ajouté deux packs de lait.<break time="300ms"/>Autre chose ?</speak>',
    suggestions: ["Voir mon panier", "Commander"],
    cart: {
      lines: [{ id: "3250000000001", name: "Lait demi-écrémé 6 x 1 L", quantity: 2, total_cents: 1188 }],
      total_cents: 1188,
    },
    ...over,
  };
}

const fake = (answer: (t: Turn) => Reply = () => reply()) => fakeServices(answer);

describe("Dialogflow CX webhook adapter", () => {
  it.each(["welcome", "text", "transcript", "event"])("fixture %s is a valid WebhookRequest", (name) => {
    const f = fixture(name);
    expect(roundTrip("WebhookRequest", f)).toEqual(f);
  });

  it("turns a text request into a Panier turn keyed by the CX session and detectIntentResponseId", async () => {
    const { services, turns } = fake();
    const res = await handleDialogflow(fixture("text"), services);
    expect(turns[0]).toMatchObject({
      turnId: "5f7e9a0c-1d2b-4c3a-9e8f-000000000002",
      text: "rajoute deux packs de lait",
      locale: "fr-FR",
      storeId: "PARIS-11",
    });
    expect(turns[0]!.customerId).toBeUndefined();
    // The conversation comes from the session path, never from a parameter a web page could set.
    expect(turns[0]!.conversationId).not.toBe("dfcx-previous");
    const welcome = fake();
    await handleDialogflow(fixture("welcome"), welcome.services);
    expect(welcome.turns[0]!.conversationId).toBe(turns[0]!.conversationId);
    expect(roundTrip("WebhookResponse", res)).toEqual(res);
    expect(res.fulfillmentResponse?.messages).toEqual([
      { text: { text: ["J'ai ajouté deux packs de lait. Autre chose ?"] } },
      {
        outputAudioText: {
          ssml: '<speak>J\'ai ajouté deux packs de lait.<break time="300ms"/>Autre chose ?</speak>',
        },
      },
      {
        payload: {
          richContent: [[{ type: "chips", options: [{ text: "Voir mon panier" }, { text: "Commander" }] }]],
        },
      },
    ]);
    expect(res.sessionInfo?.parameters).toMatchObject({
      panier_conversation: turns[0]!.conversationId,
      panier_awaiting: null,
      panier_end: false,
    });
    expect(res.targetPage).toBeUndefined();
  });

  it("reads the spoken transcript and the linked shopper from the session's access token", async () => {
    const { services, turns } = fake((t) =>
      reply({ awaiting: "choice", suggestions: [], text: `ok ${t.customerId}` }),
    );
    const res = await handleDialogflow(fixture("transcript"), services);
    expect(turns[0]).toMatchObject({ text: "mets un kilo de tomates", customerId: "C001", locale: "fr-FR" });
    expect(res.sessionInfo?.parameters?.panier_awaiting).toBe("choice");
    expect(roundTrip("WebhookResponse", res)).toEqual(res);
  });

  it("starts the conversation on the welcome route's tag", async () => {
    const { services, turns } = fake();
    const f = fixture("welcome");
    await handleDialogflow(f, services); // text "bonjour", tag "welcome"
    delete f.text;
    f.triggerIntent = f.intentInfo.lastMatchedIntent;
    await handleDialogflow(f, services);
    expect(turns).toMatchObject([
      { event: "launch", text: "" },
      { event: "launch", text: "" },
    ]);
  });

  it("trusts a customer id parameter only when configured", async () => {
    const f = fixture("text");
    f.sessionInfo.parameters.panier_customer_id = "C042";
    const off = fake();
    await handleDialogflow(f, off.services);
    expect(off.turns[0]!.customerId).toBeUndefined();
    const on = fake();
    await handleDialogflow(f, on.services, { trustCustomerParameter: true });
    expect(on.turns[0]!.customerId).toBe("C042");
  });

  it("ends the session after the order: END_SESSION of the current flow and panier_end", async () => {
    const { services } = fake(() =>
      reply({
        intent: "confirm",
        endConversation: true,
        order: { id: "O-1", status: "placed" },
        suggestions: [],
      }),
    );
    const res = await handleDialogflow(fixture("text"), services);
    expect(res.targetPage).toBe(
      "projects/panier-demo/locations/europe-west1/agents/4b6ff0a2-1c55-4c36-9f22-7d8b1e2a9c10/flows/00000000-0000-0000-0000-000000000000/pages/END_SESSION",
    );
    expect(res.sessionInfo?.parameters?.panier_end).toBe(true);
    expect(roundTrip("WebhookResponse", res)).toEqual(res);
  });

  it("answers English requests in en-GB and wraps bare SSML in <speak>", async () => {
    const { services, turns } = fake(() => reply({ ssml: "Sorry, I did not catch that.", text: "Sorry?" }));
    const res = await handleDialogflow(fixture("event"), services);
    expect(turns[0]!.locale).toBe("en-GB");
    expect(res.fulfillmentResponse?.messages[1]).toEqual({
      outputAudioText: { ssml: "<speak>Sorry, I did not catch that.</speak>" },
    });
    expect(roundTrip("WebhookResponse", res)).toEqual(res);
  });

  it("refuses a body that is not a WebhookRequest", () => {
    expect(() => decodeWebhookRequest({ text: "hi" })).toThrow(DialogflowRequestError);
    expect(() => decodeWebhookRequest({ detectIntentResponseId: "x", sessionInfo: {} })).toThrow(
      /sessionInfo/,
    );
  });

  it("keeps replies under 64 KiB and still valid", async () => {
    const huge = "très long ".repeat(20_000);
    const { services } = fake(() =>
      reply({ text: huge, ssml: `<speak>${huge}</speak>`, suggestions: ["a"] }),
    );
    const res = fitResponse(await handleDialogflow(fixture("text"), services));
    expect(Buffer.byteLength(JSON.stringify(res))).toBeLessThanOrEqual(MAX_RESPONSE_BYTES);
    expect(roundTrip("WebhookResponse", res)).toEqual(res);
  });
});
