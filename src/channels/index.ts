// Platform adapters: each translates a platform's JSON to a dialog Turn and the Reply back.
// Channels never touch the database; the dialog never knows which platform it talks to.
export type { ChannelServices } from "./types.js";
export { AWAITING_ACCOUNT_LINK } from "./types.js";
export {
  createVoiceWebhooks,
  DIALOGFLOW_SCOPE,
  type VoiceWebhooks,
  type VoiceWebhookOptions,
} from "./voice.js";
export { handleDialogflow, DialogflowRequestError, MAX_RESPONSE_BYTES } from "./dialogflow-cx/adapter.js";
export type { WebhookRequest, WebhookResponse } from "./dialogflow-cx/webhook.js";
export { handleAlexa, AlexaEnvelopeError } from "./alexa/adapter.js";
export type { AlexaResponseEnvelope } from "./alexa/envelope.js";
export { AlexaRequestVerifier, AlexaVerificationError, checkCertChainUrl } from "./alexa/verify.js";
export { alexaInteractionModel, MODEL_LOCALES, type ModelLocale } from "./alexa/model.js";
