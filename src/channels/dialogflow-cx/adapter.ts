import type { Reply, Turn } from "../../dialog/index.js";
import {
  conversationIdFor,
  conversationOver,
  escapeXml,
  panierLocale,
  replyOrApology,
  speakSsml,
} from "../speech.js";
import type { ChannelServices } from "../types.js";
import {
  PARAM,
  type ResponseMessage,
  type WebhookRequest,
  type WebhookResponse,
  webhookRequest,
} from "./webhook.js";

export class DialogflowRequestError extends Error {
  readonly code = "dialogflow_request_invalid";
}

export interface DialogflowOptions {
  /**
   * Trust a `panier_customer_id` session parameter. Only for integrations that set it
   * server-side (a contact centre that identified the caller): Dialogflow Messenger lets the
   * web page set session parameters, so a shopper could claim anyone's id.
   */
  trustCustomerParameter?: boolean;
}

/** fulfillmentInfo.tag values that mean "the conversation starts" (the welcome route's tag). */
const LAUNCH_TAGS = new Set(["welcome", "launch", "panier-welcome"]);

/** Google's reply limit for a webhook response. */
export const MAX_RESPONSE_BYTES = 64 * 1024;

export function decodeWebhookRequest(body: unknown): WebhookRequest {
  const parsed = webhookRequest.safeParse(body);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new DialogflowRequestError(
      `The WebhookRequest is not valid: ${first?.path.join(".") || "body"}: ${first?.message}`,
    );
  }
  return parsed.data;
}

const str = (v: unknown): string | undefined => (typeof v === "string" && v.trim() ? v.trim() : undefined);

/** The WebhookRequest as a Panier turn. */
export async function dialogflowTurn(
  req: WebhookRequest,
  services: ChannelServices,
  options: DialogflowOptions = {},
): Promise<Turn> {
  const params = req.sessionInfo.parameters ?? {};
  const payload = req.payload ?? {};
  const token = str(params[PARAM.accessToken]) ?? str(payload.accessToken) ?? str(payload[PARAM.accessToken]);
  let customerId = token ? ((await services.shopperForToken(token)) ?? undefined) : undefined;
  if (!customerId && options.trustCustomerParameter) customerId = str(params[PARAM.customerId]);
  // The session path (projects/.../sessions/ID) names the CX session; environments and
  // agents differ in the path, so the whole path is the key.
  // Never read back from a parameter: a web page can set those, and must not pick another's conversation.
  const conversationId = conversationIdFor("dfcx", req.sessionInfo.session);
  const text = (req.text ?? req.transcript ?? req.dtmfDigits ?? "").trim();
  const tag = req.fulfillmentInfo?.tag?.toLowerCase();
  const turn: Turn = {
    conversationId,
    turnId: req.detectIntentResponseId,
    storeId: str(params[PARAM.store]) ?? (await services.storeFor(customerId)),
    locale: panierLocale(req.languageCode),
    text,
    ...(customerId ? { customerId } : {}),
  };
  // The welcome route carries the greeting that matched it ("bonjour"): the conversation
  // starts; Panier has nothing to understand in it.
  if ((tag && LAUNCH_TAGS.has(tag)) || (!text && req.triggerEvent === "WELCOME")) {
    turn.event = "launch";
    turn.text = "";
  }
  return turn;
}

/** The END_SESSION special page of the flow the session is in, when pageInfo names it. */
function endSessionPage(req: WebhookRequest): string | undefined {
  const page = req.pageInfo?.currentPage;
  const m =
    page && /^(projects\/[^/]+\/locations\/[^/]+\/agents\/[^/]+\/flows\/[^/]+)\/pages\/[^/]+$/.exec(page);
  return m ? `${m[1]}/pages/END_SESSION` : undefined;
}

/** Panier's reply as a WebhookResponse. */
export function dialogflowResponse(reply: Reply, turn: Turn, req: WebhookRequest): WebhookResponse {
  const end = conversationOver(reply);
  const messages: ResponseMessage[] = [
    { text: { text: [reply.text] } },
    { outputAudioText: { ssml: speakSsml(reply) } },
  ];
  if (reply.suggestions.length > 0) {
    // Dialogflow Messenger's suggestion chips; other integrations ignore custom payloads.
    messages.push({
      payload: {
        richContent: [[{ type: "chips", options: reply.suggestions.slice(0, 8).map((text) => ({ text })) }]],
      },
    });
  }
  const response: WebhookResponse = {
    fulfillmentResponse: { messages, mergeBehavior: "REPLACE" },
    sessionInfo: {
      parameters: {
        [PARAM.conversation]: turn.conversationId,
        [PARAM.store]: turn.storeId,
        // null removes a parameter in CX: nothing awaited any more.
        [PARAM.awaiting]: reply.awaiting ?? null,
        [PARAM.end]: end,
      },
    },
  };
  const target = end ? endSessionPage(req) : undefined;
  if (target) response.targetPage = target;
  return response;
}

/** One authenticated WebhookRequest -> WebhookResponse. */
export async function handleDialogflow(
  body: unknown,
  services: ChannelServices,
  options: DialogflowOptions = {},
  onDialogError?: (err: unknown) => void,
): Promise<WebhookResponse> {
  const req = decodeWebhookRequest(body);
  const turn = await dialogflowTurn(req, services, options);
  const reply = await replyOrApology(services.dialog, turn, onDialogError);
  return fitResponse(dialogflowResponse(reply, turn, req));
}

/** Keeps a response under Google's 64 KiB limit: chips first, then the text is shortened. */
export function fitResponse(response: WebhookResponse): WebhookResponse {
  const size = () => Buffer.byteLength(JSON.stringify(response));
  if (size() <= MAX_RESPONSE_BYTES) return response;
  const messages = response.fulfillmentResponse!.messages.filter((m) => !("payload" in m));
  response.fulfillmentResponse!.messages = messages;
  for (const m of messages) {
    if (size() <= MAX_RESPONSE_BYTES) break;
    if ("text" in m) m.text.text = [m.text.text.join(" ").slice(0, 8000)];
    if ("outputAudioText" in m)
      m.outputAudioText.ssml = `<speak>${escapeXml(m.outputAudioText.ssml.replace(/<[^>]*>/g, "").slice(0, 4000))}</speak>`;
  }
  return response;
}
