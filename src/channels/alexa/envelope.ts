import { z } from "zod";

/**
 * The parts of the Alexa Skills Kit request envelope Panier reads ("Request and Response JSON
 * Reference", "Request Types Reference"). Unknown fields are kept and ignored: Amazon adds
 * fields over time and a skill must not break on them.
 */
const application = z.looseObject({ applicationId: z.string() });
const user = z.looseObject({ userId: z.string(), accessToken: z.string().optional() });

const slot = z.looseObject({
  name: z.string(),
  value: z.string().optional(),
  confirmationStatus: z.string().optional(),
});

const intent = z.looseObject({
  name: z.string(),
  confirmationStatus: z.string().optional(),
  slots: z.record(z.string(), slot).optional(),
});

const common = { requestId: z.string().min(1), timestamp: z.string(), locale: z.string().optional() };

export const launchRequest = z.looseObject({ type: z.literal("LaunchRequest"), ...common });
export const intentRequest = z.looseObject({
  type: z.literal("IntentRequest"),
  ...common,
  dialogState: z.string().optional(),
  intent,
});
export const sessionEndedRequest = z.looseObject({
  type: z.literal("SessionEndedRequest"),
  ...common,
  reason: z.string().optional(),
  error: z.looseObject({ type: z.string().optional(), message: z.string().optional() }).optional(),
});
/** Any other request type (AudioPlayer, Connections...): answered without calling the dialog. */
const otherRequest = z.looseObject({ type: z.string(), ...common });

export const alexaRequestEnvelope = z.looseObject({
  version: z.string(),
  session: z
    .looseObject({
      new: z.boolean(),
      sessionId: z.string(),
      application,
      attributes: z.record(z.string(), z.unknown()).optional(),
      user,
    })
    .optional(),
  context: z.looseObject({
    System: z.looseObject({ application, user, apiEndpoint: z.string().optional() }),
  }),
  request: z.union([launchRequest, intentRequest, sessionEndedRequest, otherRequest]),
});

export type AlexaRequestEnvelope = z.infer<typeof alexaRequestEnvelope>;

/** Response envelope ("Response body syntax"), the parts Panier sends. */
export interface AlexaOutputSpeech {
  type: "SSML" | "PlainText";
  ssml?: string;
  text?: string;
}

export type AlexaCard = { type: "Simple"; title: string; content: string } | { type: "LinkAccount" };

export interface AlexaResponseEnvelope {
  version: "1.0";
  sessionAttributes?: Record<string, unknown>;
  response: {
    outputSpeech?: AlexaOutputSpeech;
    card?: AlexaCard;
    reprompt?: { outputSpeech: AlexaOutputSpeech };
    shouldEndSession?: boolean;
  };
}
