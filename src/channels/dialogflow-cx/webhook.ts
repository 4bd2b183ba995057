import { z } from "zod";

/**
 * google.cloud.dialogflow.cx.v3.WebhookRequest / WebhookResponse in their JSON form (field
 * names as in the protos shipped with @google-cloud/dialogflow-cx; tests check every response
 * against them). Only what Panier reads is declared; unknown fields are kept and ignored, as
 * Google asks ("You may see undocumented fields in an actual request").
 */
const jsonValue: z.ZodType<unknown> = z.unknown();

export const webhookRequest = z.looseObject({
  detectIntentResponseId: z.string().min(1),
  // The `query` oneof: at most one of these is set.
  text: z.string().optional(),
  transcript: z.string().optional(),
  triggerIntent: z.string().optional(),
  triggerEvent: z.string().optional(),
  dtmfDigits: z.string().optional(),
  languageCode: z.string().optional(),
  fulfillmentInfo: z.looseObject({ tag: z.string().optional() }).optional(),
  intentInfo: z
    .looseObject({
      lastMatchedIntent: z.string().optional(),
      displayName: z.string().optional(),
      parameters: z.record(z.string(), z.looseObject({ originalValue: z.string().optional() })).optional(),
      confidence: z.number().optional(),
    })
    .optional(),
  pageInfo: z
    .looseObject({ currentPage: z.string().optional(), displayName: z.string().optional() })
    .optional(),
  sessionInfo: z.looseObject({
    session: z.string().min(1),
    parameters: z.record(z.string(), jsonValue).optional(),
  }),
  payload: z.record(z.string(), jsonValue).optional(),
});

export type WebhookRequest = z.infer<typeof webhookRequest>;

/** ResponseMessage, the members of its `message` oneof that Panier sends. */
export type ResponseMessage =
  | { text: { text: string[] } }
  | { outputAudioText: { ssml: string } }
  | { payload: Record<string, unknown> };

export interface WebhookResponse {
  fulfillmentResponse?: {
    messages: ResponseMessage[];
    mergeBehavior?: "MERGE_BEHAVIOR_UNSPECIFIED" | "APPEND" | "REPLACE";
  };
  sessionInfo?: { session?: string; parameters?: Record<string, unknown> };
  payload?: Record<string, unknown>;
  targetPage?: string;
}

/** Session parameters Panier owns (a CX agent may read them in conditions). */
export const PARAM = {
  /** Panier's conversation id: the state key. */
  conversation: "panier_conversation",
  awaiting: "panier_awaiting",
  /** true once the conversation is over; the agent's route on it ends the session. */
  end: "panier_end",
  store: "panier_store",
  /** An account-linking access token the integration put in the session. */
  accessToken: "panier_access_token",
  /** A shopper id set server-side by a trusted integration (only read when configured). */
  customerId: "panier_customer_id",
} as const;
