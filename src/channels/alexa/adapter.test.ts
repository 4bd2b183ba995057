import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Reply, Turn } from "../../dialog/index.js";
import { fakeServices } from "../test-services.js";
import { AWAITING_ACCOUNT_LINK } from "../types.js";
import { AlexaEnvelopeError, handleAlexa } from "./adapter.js";
import { alexaInteractionModel, carrierIntentName, carrierOf, MODEL_LOCALES } from "./model.js";

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../../test/fixtures/alexa/${name}.json`, import.meta.url), "utf8"));

function reply(over: Partial<Reply> = {}): Reply {
  return {
    intent: "add_to_cart",
    text: "J'ai ajouté deux packs de lait. Autre chose ?",
    ssml: "<speak>J'ai ajouté deux packs de lait. Autre chose ?</speak>",
    suggestions: [],
    cart: {
      lines: [
        { id: "3250000000001", name: "Lait demi-écrémé 6 x 1 L", quantity: 2, total_cents: 1188 },
        { id: "tomates", name: "Tomates rondes", weight_g: 1500, total_cents: 447 },
      ],
      total_cents: 1635,
    },
    ...over,
  };
}

const fake = (answer: (t: Turn) => Reply = () => reply()) => fakeServices(answer);

describe("Alexa adapter", () => {
  it("starts a conversation on LaunchRequest, keyed by the Alexa session and request id", async () => {
    const { services, turns } = fake(() =>
      reply({ cart: { lines: [], total_cents: 0 }, awaiting: "request" }),
    );
    const res = await handleAlexa(fixture("launch"), services);
    expect(turns[0]).toMatchObject({
      event: "launch",
      locale: "fr-FR",
      turnId: "amzn1.echo-api.request.0000000-0000-0000-0000-00000000000",
      storeId: "PARIS-11",
    });
    expect(turns[0]!.conversationId).toMatch(/^alexa-/);
    expect(res.response.shouldEndSession).toBe(false);
    expect(res.response.card).toBeUndefined(); // nothing in the cart yet
    expect(res.response.reprompt?.outputSpeech).toEqual(res.response.outputSpeech);
  });

  it("rebuilds the whole sentence from the carrier intent and its SearchQuery slot", async () => {
    const { services, turns } = fake();
    const res = await handleAlexa(fixture("intent-query"), services);
    expect(turns[0]!.text).toBe("rajoute deux packs de lait");
    expect(res.response.outputSpeech).toEqual({ type: "SSML", ssml: reply().ssml });
    expect(res.response.card).toEqual({
      type: "Simple",
      title: "Votre panier",
      content: "2 × Lait demi-écrémé 6 x 1 L — 11,88 €\n1,5 kg Tomates rondes — 4,47 €\nTotal : 16,35 €",
    });
    expect(res.sessionAttributes).toMatchObject({ panierConversationId: turns[0]!.conversationId });
    expect(res.response.shouldEndSession).toBe(false);
  });

  it.each([
    ["intent-yes", "yes", "oui"],
    ["intent-no", "no", "non"],
    ["intent-help", "help", "aide"],
  ])("maps %s to the %s event", async (name, event, text) => {
    const { services, turns } = fake();
    const res = await handleAlexa(fixture(name), services);
    expect(turns[0]).toMatchObject({ event, text });
    expect(res.response.shouldEndSession).toBe(false);
  });

  it("Stop always ends the session", async () => {
    const { services } = fake(() => reply({ text: "Au revoir", ssml: "<speak>Au revoir</speak>" }));
    const res = await handleAlexa(fixture("intent-stop"), services);
    expect(res.response.shouldEndSession).toBe(true);
    expect(res.response.reprompt).toBeUndefined();
  });

  it("Cancel ends the session when the dialog says goodbye, not when it only drops a question", async () => {
    const bye = fake(() =>
      reply({
        intent: "goodbye",
        text: "Au revoir",
        ssml: "<speak>Au revoir</speak>",
        endConversation: true,
      }),
    );
    expect((await handleAlexa(fixture("intent-cancel"), bye.services)).response.shouldEndSession).toBe(true);
    const dropped = fake(() => reply({ intent: "deny", text: "D'accord, je laisse tomber. Autre chose ?" }));
    const res = await handleAlexa(fixture("intent-cancel"), dropped.services);
    expect(dropped.turns[0]).toMatchObject({ event: "cancel" });
    expect(res.response.shouldEndSession).toBe(false);
    expect(res.response.reprompt).toBeDefined();
  });

  it("passes FallbackIntent as an empty utterance", async () => {
    const { services, turns } = fake();
    await handleAlexa(fixture("intent-fallback"), services);
    expect(turns[0]).toMatchObject({ text: "" });
    expect(turns[0]!.event).toBeUndefined();
  });

  it("answers SessionEndedRequest with an empty response and no dialog turn", async () => {
    const { services, turns } = fake();
    expect(await handleAlexa(fixture("session-ended"), services)).toEqual({ version: "1.0", response: {} });
    expect(turns).toEqual([]);
  });

  it("acts as the linked shopper in en-GB", async () => {
    const { services, turns } = fake(() => reply({ text: "Added.", ssml: "<speak>Added.</speak>" }));
    const res = await handleAlexa(fixture("intent-linked-en"), services);
    expect(turns[0]).toMatchObject({ customerId: "C001", locale: "en-GB", text: "add two pints of milk" });
    expect(res.response.card).toMatchObject({ title: "Your basket" });
    expect((res.response.card as { content: string }).content).toContain("Total: €16.35");
  });

  it("shows the LinkAccount card when the dialog asks to link before checkout", async () => {
    const { services } = fake(() => reply({ awaiting: AWAITING_ACCOUNT_LINK }));
    const res = await handleAlexa(fixture("intent-query"), services);
    expect(res.response.card).toEqual({ type: "LinkAccount" });
  });

  it("shows the LinkAccount card when an unlinked shopper asks to check out", async () => {
    const { services } = fake(() =>
      reply({ intent: "checkout", text: "Pour commander, liez votre compte Panier." }),
    );
    const res = await handleAlexa(fixture("intent-query"), services);
    expect(res.response.card).toEqual({ type: "LinkAccount" });
    const linked = fake(() => reply({ intent: "checkout", awaiting: "slot" }));
    const res2 = await handleAlexa(fixture("intent-linked-en"), linked.services);
    expect(res2.response.card).toMatchObject({ type: "Simple" });
  });

  it("shows the order on the card and closes the session once the order is placed", async () => {
    const { services } = fake(() =>
      reply({ endConversation: true, order: { id: "O-42", status: "placed" } }),
    );
    const res = await handleAlexa(fixture("intent-yes"), services);
    expect(res.response.shouldEndSession).toBe(true);
    expect(res.response.card).toMatchObject({ type: "Simple", title: "Commande O-42" });
  });

  it("passes a short answer said alone word for word", async () => {
    const { services, turns } = fake();
    const f = fixture("intent-query");
    f.request.intent = { name: "PanierSay_le_deuxieme", confirmationStatus: "NONE" };
    await handleAlexa(f, services);
    expect(turns[0]!.text).toBe("le deuxième");
  });

  it("refuses an envelope that is not Alexa's", async () => {
    await expect(handleAlexa({ version: "1.0", request: {} }, fake().services)).rejects.toThrow(
      AlexaEnvelopeError,
    );
  });
});

describe("Alexa interaction model", () => {
  it.each(MODEL_LOCALES)(
    "%s: built-ins, unique names, one SearchQuery slot with a carrier per sample",
    (locale) => {
      const model = alexaInteractionModel(locale).interactionModel.languageModel;
      const names = model.intents.map((i) => i.name);
      expect(new Set(names).size).toBe(names.length);
      for (const b of [
        "AMAZON.YesIntent",
        "AMAZON.NoIntent",
        "AMAZON.HelpIntent",
        "AMAZON.StopIntent",
        "AMAZON.CancelIntent",
        "AMAZON.FallbackIntent",
      ])
        expect(names).toContain(b);
      const samples = model.intents.flatMap((i) => i.samples);
      expect(new Set(samples).size).toBe(samples.length); // a sample in two intents fails the build
      for (const intent of model.intents.filter((i) => i.name.startsWith("PanierSay_"))) {
        expect(intent.name).toMatch(/^[A-Za-z_]+$/);
        expect(intent.slots).toBeUndefined();
        expect(carrierOf(locale, intent.name)).toBe(intent.samples[0]);
      }
      for (const intent of model.intents.filter((i) => i.name.startsWith("Panier_"))) {
        expect(intent.name).toMatch(/^[A-Za-z_]+$/);
        expect(intent.slots).toEqual([{ name: "query", type: "AMAZON.SearchQuery" }]);
        for (const s of intent.samples) expect(s).toMatch(/^\S.* \{query\}$/);
        expect(carrierOf(locale, intent.name)).toBeDefined();
      }
      expect(model.invocationName).toMatch(/^[a-zà-ÿ ]+$/);
    },
  );

  it("names intents after their carrier phrase", () => {
    expect(carrierIntentName("j'aimerais")).toBe("Panier_j_aimerais");
    expect(carrierOf("fr-FR", "Panier_enleve")).toBe("enlève");
  });
});
