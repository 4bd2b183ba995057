import type { FastifyInstance, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  AlexaEnvelopeError,
  AlexaVerificationError,
  DIALOGFLOW_SCOPE,
  DialogflowRequestError,
  handleAlexa,
  handleDialogflow,
} from "../../channels/index.js";
import type { AppDeps } from "../deps.js";
import { hasScope } from "../auth.js";
import { ApiError } from "../errors.js";

/** Voice platforms send small bodies; a large one is not theirs. */
const BODY_LIMIT = 256 * 1024;
const anyJson = z.record(z.string(), z.unknown());

/**
 * POST /webhooks/dialogflow-cx and POST /webhooks/alexa. Each platform proves itself its own
 * way (configured secret or Google ID token; Amazon's request signature), checked before the
 * body is even read; without configuration an endpoint answers 503 with a code saying what is
 * missing.
 */
const webhooks: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const voice = deps.voice;
  // The shared auth hook refuses bearer tokens nobody recognises: the CX secret and Google ID
  // tokens must be known to it, whoever assembled the deps.
  // First in line: a constant-time compare, where the key resolvers would query the database.
  if (voice && !deps.tokenResolvers.includes(voice.tokenResolver))
    deps.tokenResolvers.unshift(voice.tokenResolver);

  app.post(
    "/webhooks/dialogflow-cx",
    {
      bodyLimit: BODY_LIMIT,
      schema: {
        tags: ["webhooks"],
        summary: "Dialogflow CX webhook: WebhookRequest in, WebhookResponse out",
        description:
          "Authenticated by `Authorization: Bearer <PANIER_DFCX_SECRET>`, Basic credentials " +
          "(PANIER_DFCX_BASIC) or the Dialogflow service agent's Google ID token (PANIER_DFCX_ID_TOKEN_AUDIENCE).",
        body: anyJson,
        response: { 200: anyJson },
      },
      onRequest: async (request) => {
        if (!voice?.dialogflow.auth.enabled)
          throw new ApiError(
            503,
            "dialogflow_cx_not_configured",
            "The Dialogflow CX webhook is off: set PANIER_DFCX_SECRET (or PANIER_DFCX_BASIC / PANIER_DFCX_ID_TOKEN_AUDIENCE)",
          );
        // The auth hook already recognised the secret or ID token; Basic is checked here.
        if (hasScope(request.principal, DIALOGFLOW_SCOPE)) return;
        const result = await voice.dialogflow.auth.check(request.headers.authorization);
        if (result !== "ok")
          throw new ApiError(
            401,
            "webhook_unauthorized",
            "This webhook needs the agent's configured credentials",
          );
      },
    },
    async (request) => {
      try {
        const response = await handleDialogflow(
          request.body,
          voice!.services,
          voice!.dialogflow.options,
          (err) => request.log.error({ err }, "dialog failed on a Dialogflow CX turn"),
        );
        return { ...response };
      } catch (err) {
        if (err instanceof DialogflowRequestError) throw new ApiError(400, err.code, err.message);
        throw err;
      }
    },
  );

  await app.register(async (alexaScope: FastifyInstance) => {
    // Amazon signs the exact bytes it sent: keep them (this parser lives only in this scope).
    alexaScope.removeContentTypeParser("application/json");
    alexaScope.addContentTypeParser("application/json", { parseAs: "buffer" }, (_req, body, done) =>
      done(null, body),
    );
    alexaScope.post(
      "/webhooks/alexa",
      {
        bodyLimit: BODY_LIMIT,
        schema: {
          tags: ["webhooks"],
          summary: "Alexa custom skill endpoint: request envelope in, response envelope out",
          description:
            "Verified as Amazon requires: SignatureCertChainUrl and Signature-256 headers, certificate " +
            "chain, 150 s timestamp and the skill id (PANIER_ALEXA_SKILL_ID).",
        },
        onRequest: async () => {
          if (!voice?.alexa)
            throw new ApiError(
              503,
              "alexa_not_configured",
              "The Alexa endpoint is off: set PANIER_ALEXA_SKILL_ID",
            );
        },
      },
      async (request: FastifyRequest) => {
        const raw = request.body;
        if (!Buffer.isBuffer(raw))
          throw new ApiError(400, "alexa_body_invalid", "The Alexa request must be a JSON body");
        const header = (name: string) => {
          const v = request.headers[name];
          return Array.isArray(v) ? v[0] : v;
        };
        let body: unknown;
        try {
          body = await voice!.alexa!.verify(
            { signatureCertChainUrl: header("signaturecertchainurl"), signature256: header("signature-256") },
            raw,
          );
        } catch (err) {
          // Amazon asks for 400 Bad Request on any verification failure.
          if (err instanceof AlexaVerificationError) throw new ApiError(400, err.code, err.message);
          throw err;
        }
        try {
          return await handleAlexa(body, voice!.services, (err) =>
            request.log.error({ err }, "dialog failed on an Alexa turn"),
          );
        } catch (err) {
          if (err instanceof AlexaEnvelopeError) throw new ApiError(400, err.code, err.message);
          throw err;
        }
      },
    );
  });
};

export default webhooks;
