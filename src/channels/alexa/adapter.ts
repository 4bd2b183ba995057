import type { Reply, Turn } from "../../dialog/index.js";
import {
  cartText,
  conversationOver,
  conversationIdFor,
  isFrench,
  panierLocale,
  replyOrApology,
  speakSsml,
} from "../speech.js";
import { AWAITING_ACCOUNT_LINK, type ChannelServices } from "../types.js";
import {
  type AlexaCard,
  type AlexaOutputSpeech,
  type AlexaRequestEnvelope,
  type AlexaResponseEnvelope,
  alexaRequestEnvelope,
} from "./envelope.js";
import { carrierOf, QUERY_SLOT, sentence } from "./model.js";

export class AlexaEnvelopeError extends Error {
  readonly code = "alexa_body_invalid";
}

/** Alexa's documented limits: 8000 characters of speech, 8000 for a card's title and content. */
const MAX_SPEECH = 8000;
const MAX_CARD = 8000;

type BuiltIn = NonNullable<Turn["event"]>;
const BUILT_IN_EVENTS: Record<string, { event: BuiltIn; fr: string; en: string }> = {
  "AMAZON.YesIntent": { event: "yes", fr: "oui", en: "yes" },
  "AMAZON.NoIntent": { event: "no", fr: "non", en: "no" },
  "AMAZON.HelpIntent": { event: "help", fr: "aide", en: "help" },
  "AMAZON.StopIntent": { event: "stop", fr: "stop", en: "stop" },
  "AMAZON.CancelIntent": { event: "cancel", fr: "annule", en: "cancel" },
  // Certification requires NavigateHome to leave the skill like Stop.
  "AMAZON.NavigateHomeIntent": { event: "stop", fr: "stop", en: "stop" },
};
/**
 * Stop always leaves the skill. Cancel leaves it unless the dialog only dropped a pending
 * question ("Lequel ?" -> "annule"): then the dialog goes on and so does the session.
 */
const ENDING: BuiltIn[] = ["stop"];

export function decodeAlexaEnvelope(body: unknown): AlexaRequestEnvelope {
  const parsed = alexaRequestEnvelope.safeParse(body);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new AlexaEnvelopeError(
      `The Alexa request envelope is not valid: ${first?.path.join(".")}: ${first?.message}`,
    );
  }
  return parsed.data;
}

/** What the shopper said, rebuilt from our carrier intent and its SearchQuery slot. */
function utterance(
  locale: string,
  intent: { name: string; slots?: Record<string, { value?: string }> },
): string {
  const query = intent.slots?.[QUERY_SLOT]?.value?.trim() ?? "";
  const carrier = carrierOf(locale, intent.name);
  if (carrier) return query ? sentence(carrier, query) : carrier;
  // An intent we do not know (a model edited by hand): whatever its slots heard.
  return Object.values(intent.slots ?? {})
    .map((s) => s.value ?? "")
    .filter(Boolean)
    .join(" ");
}

/** Turns an Alexa request into Panier's Turn; null for requests that need no dialog turn. */
export async function alexaTurn(
  envelope: AlexaRequestEnvelope,
  services: ChannelServices,
): Promise<Turn | null> {
  const req = envelope.request;
  if (req.type !== "LaunchRequest" && req.type !== "IntentRequest") return null;
  const locale = panierLocale(req.locale);
  const fr = isFrench(locale);
  const system = envelope.context.System;
  const token = system.user.accessToken ?? envelope.session?.user.accessToken;
  const customerId = token ? ((await services.shopperForToken(token)) ?? undefined) : undefined;
  const sessionKey = envelope.session?.sessionId ?? `${system.user.userId}:${req.requestId}`;
  const attributes = envelope.session?.attributes ?? {};
  const storeId =
    typeof attributes.panierStore === "string" ? attributes.panierStore : await services.storeFor(customerId);
  const turn: Turn = {
    conversationId: conversationIdFor("alexa", sessionKey),
    turnId: req.requestId,
    storeId,
    locale,
    text: "",
    ...(customerId ? { customerId } : {}),
  };
  if (req.type === "LaunchRequest") return { ...turn, event: "launch" };
  const intent = (req as { intent: { name: string; slots?: Record<string, { value?: string }> } }).intent;
  const builtIn = BUILT_IN_EVENTS[intent.name];
  if (builtIn) return { ...turn, event: builtIn.event, text: fr ? builtIn.fr : builtIn.en };
  // FallbackIntent carries no words: the dialog answers that it did not understand.
  if (intent.name === "AMAZON.FallbackIntent") return turn;
  return { ...turn, text: utterance(locale, intent) };
}

function speech(ssml: string, text: string): AlexaOutputSpeech {
  if (ssml.length <= MAX_SPEECH) return { type: "SSML", ssml };
  return { type: "PlainText", text: text.slice(0, MAX_SPEECH) };
}

/** Intents the dialog only serves to a known shopper; without one it asks to sign in or link. */
const SHOPPER_ONLY = new Set(["checkout", "order_status", "cancel_order", "reorder"]);

/** The reply asks an unlinked shopper to link their account: Alexa shows its LinkAccount card. */
function needsLinking(reply: Reply, turn: Turn): boolean {
  if (reply.awaiting === AWAITING_ACCOUNT_LINK) return true;
  return !turn.customerId && SHOPPER_ONLY.has(reply.intent) && !reply.order;
}

/** Panier's Reply as an Alexa response envelope. */
export function alexaResponse(reply: Reply, turn: Turn): AlexaResponseEnvelope {
  const fr = isFrench(turn.locale);
  const end = conversationOver(reply) || (turn.event !== undefined && ENDING.includes(turn.event));
  const outputSpeech = speech(speakSsml(reply), reply.text);
  let card: AlexaCard | undefined;
  if (needsLinking(reply, turn)) card = { type: "LinkAccount" };
  else if (reply.cart.lines.length > 0 || reply.order) {
    const title = reply.order
      ? fr
        ? `Commande ${reply.order.id}`
        : `Order ${reply.order.id}`
      : fr
        ? "Votre panier"
        : "Your basket";
    card = {
      type: "Simple",
      title,
      content: cartText(reply.cart, turn.locale).slice(0, MAX_CARD - title.length),
    };
  }
  const reprompt = end
    ? undefined
    : {
        outputSpeech: reply.awaiting
          ? outputSpeech
          : speech(
              fr ? "<speak>Autre chose ?</speak>" : "<speak>Anything else?</speak>",
              fr ? "Autre chose ?" : "Anything else?",
            ),
      };
  return {
    version: "1.0",
    sessionAttributes: {
      panierConversationId: turn.conversationId,
      panierStore: turn.storeId,
      ...(reply.awaiting ? { awaiting: reply.awaiting } : {}),
    },
    response: {
      outputSpeech,
      ...(card ? { card } : {}),
      ...(reprompt ? { reprompt } : {}),
      shouldEndSession: end,
    },
  };
}

/** One verified Alexa request -> the response envelope. */
export async function handleAlexa(
  body: unknown,
  services: ChannelServices,
  onDialogError?: (err: unknown) => void,
): Promise<AlexaResponseEnvelope> {
  const envelope = decodeAlexaEnvelope(body);
  const turn = await alexaTurn(envelope, services);
  // SessionEndedRequest and other request types: Alexa accepts no speech here.
  if (!turn) return { version: "1.0", response: {} };
  const reply = await replyOrApology(services.dialog, turn, onDialogError);
  return alexaResponse(reply, turn);
}
