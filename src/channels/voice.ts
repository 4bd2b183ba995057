import type { Principal } from "./principal.js";
import { AlexaRequestVerifier, type AlexaVerifierOptions } from "./alexa/verify.js";
import {
  type DialogflowAuthConfig,
  DialogflowAuthenticator,
  dialogflowAuthFromEnv,
  type JwksFetcher,
} from "./dialogflow-cx/auth.js";
import type { DialogflowOptions } from "./dialogflow-cx/adapter.js";
import type { ChannelServices } from "./types.js";

/** Everything the two voice webhooks run on, built once per process. */
export interface VoiceWebhooks {
  services: ChannelServices;
  dialogflow: { auth: DialogflowAuthenticator; options: DialogflowOptions };
  /** Undefined when no skill id is configured: the Alexa endpoint is off. */
  alexa?: AlexaRequestVerifier;
  /** Recognises the Dialogflow webhook's own bearer credentials in the shared auth hook. */
  tokenResolver(token: string): Promise<Principal | null>;
}

export const DIALOGFLOW_SCOPE = "webhook:dialogflow-cx";

export interface VoiceWebhookOptions {
  services: ChannelServices;
  env?: NodeJS.ProcessEnv;
  dialogflowAuth?: DialogflowAuthConfig;
  dialogflowJwks?: JwksFetcher;
  /** Overrides for tests: trust anchors, certificate fetcher, clock. */
  alexa?: Partial<AlexaVerifierOptions>;
  now?: () => number;
}

export function createVoiceWebhooks(options: VoiceWebhookOptions): VoiceWebhooks {
  const env = options.env ?? process.env;
  const auth = new DialogflowAuthenticator(
    options.dialogflowAuth ?? dialogflowAuthFromEnv(env),
    options.dialogflowJwks,
    options.now,
  );
  const skillIds = (options.alexa?.skillIds ?? (env.PANIER_ALEXA_SKILL_ID ?? "").split(","))
    .map((s) => s.trim())
    .filter(Boolean);
  const alexa =
    skillIds.length > 0
      ? new AlexaRequestVerifier({ now: options.now, ...options.alexa, skillIds })
      : undefined;
  return {
    services: options.services,
    dialogflow: { auth, options: { trustCustomerParameter: env.PANIER_DFCX_TRUST_CUSTOMER_PARAM === "1" } },
    alexa,
    async tokenResolver(token) {
      if (!auth.enabled) return null;
      if ((await auth.check(`Bearer ${token}`)) !== "ok") return null;
      return { kind: "key", keyId: "dialogflow-cx", scopes: [DIALOGFLOW_SCOPE] };
    },
  };
}
