import { randomBytes } from "node:crypto";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { CommerceError, createCommerce } from "../../commerce/index.js";
import {
  ConversationBusyError,
  ConversationNotFoundError,
  type DialogService,
  type Owner,
  type Reply,
  createDialog,
  createEngineUnderstander,
  engineFor,
  hashConversationToken,
} from "../../dialog/index.js";
import { hasScope, requireShopper } from "../auth.js";
import type { AppDeps } from "../deps.js";
import { ApiError, notFound } from "../errors.js";
import { errorResponses } from "../views/error.js";

/**
 * The generic conversation API (DESIGN.md): the client picks the conversation id and the first
 * turn creates it. Anonymous callers get a conversationToken to send back in the
 * Panier-Conversation-Token header; a shopper's token acts as that shopper; only a key with the
 * `channel` scope may say which shopper it speaks for. Anyone else's conversation is a 404.
 */

export const TOKEN_HEADER = "panier-conversation-token";

const idParam = z.object({
  id: z.string().regex(/^[A-Za-z0-9._:-]{1,128}$/, "1-128 letters, digits, . _ : -"),
});
const turnBody = z.object({
  text: z.string().max(2000),
  locale: z
    .string()
    .regex(/^[a-z]{2}(-[A-Z]{2})?$/, "a locale such as fr-FR or en-GB")
    .default("fr-FR"),
  customerId: z.string().min(1).max(128).optional(),
  storeId: z.string().min(1).max(64).optional(),
  alternatives: z.array(z.string().max(2000)).max(10).optional(),
  turnId: z.string().min(1).max(200).optional(),
  event: z.enum(["launch", "yes", "no", "help", "stop", "cancel", "end"]).optional(),
});

const cartSchema = z.object({
  lines: z.array(
    z.object({
      id: z.string(),
      gtin: z.string().optional(),
      name: z.string(),
      quantity: z.number().optional(),
      weight_g: z.number().optional(),
      total_cents: z.number().int(),
    }),
  ),
  total_cents: z.number().int(),
});
const replySchema = z.object({
  reply: z.object({ text: z.string(), ssml: z.string() }),
  intent: z.string(),
  awaiting: z.string().optional(),
  options: z
    .array(
      z.object({
        index: z.number().int(),
        label: z.string(),
        productId: z.string().optional(),
        value: z.string().optional(),
      }),
    )
    .optional(),
  suggestions: z.array(z.string()),
  cart: cartSchema,
  order: z.object({ id: z.string(), status: z.string() }).optional(),
  endConversation: z.boolean().optional(),
  conversationToken: z.string().optional(),
});
const transcriptSchema = z.object({
  id: z.string(),
  storeId: z.string(),
  customerId: z.string().nullable(),
  locale: z.string(),
  turns: z.array(
    z.object({
      seq: z.number().int(),
      turnId: z.string().nullable(),
      at: z.string(),
      text: z.string(),
      intent: z.string(),
      reply: z.object({ text: z.string(), ssml: z.string() }),
      awaiting: z.string().optional(),
      order: z.object({ id: z.string(), status: z.string() }).optional(),
    }),
  ),
});

function view(reply: Reply, token?: string): z.infer<typeof replySchema> {
  return {
    reply: { text: reply.text, ssml: reply.ssml },
    intent: reply.intent,
    ...(reply.awaiting ? { awaiting: reply.awaiting } : {}),
    ...(reply.options ? { options: reply.options } : {}),
    suggestions: reply.suggestions,
    cart: reply.cart,
    ...(reply.order ? { order: reply.order } : {}),
    ...(reply.endConversation ? { endConversation: true } : {}),
    ...(token ? { conversationToken: token } : {}),
  };
}

/** The dialog the routes use: the one built at start-up, else one over this app's services. */
export function dialogOf(deps: AppDeps): DialogService {
  if (deps.dialog) return deps.dialog;
  const understander = createEngineUnderstander({
    db: deps.db,
    engine: () => engineFor(deps.catalog.snapshot.index),
  });
  return createDialog({ db: deps.db, commerce: deps.commerce ?? createCommerce(deps.db), understander });
}

const conversations: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const dialog = dialogOf(deps);
  await app.register(voicePin, { ...deps, dialog });

  /** Where a conversation shops when the turn does not say: its store, the shopper's, the first. */
  async function storeFor(
    id: string,
    customerId: string | undefined,
    asked: string | undefined,
  ): Promise<string> {
    if (asked) return asked;
    const existing = await dialog.get(id);
    if (existing) return existing.storeCode;
    if (customerId) {
      const [row] = await deps.db.query<{ store_code: string | null }>(
        "SELECT store_code FROM customers WHERE id = $1",
        [customerId],
      );
      if (row?.store_code) return row.store_code;
    }
    const [first] = await deps.db.query<{ code: string }>("SELECT code FROM stores ORDER BY code LIMIT 1");
    if (!first) throw new ApiError(422, "no_store", "No store is set up yet; import stores first");
    return first.code;
  }

  app.post(
    "/v1/conversations/:id/turns",
    {
      schema: {
        tags: ["conversations"],
        summary: "One turn of a conversation: text in, reply (text, SSML), cart and order out",
        description:
          "The first turn creates the conversation. Anonymous callers receive `conversationToken` and send it back in the `Panier-Conversation-Token` header. A repeated `turnId` returns the stored reply without acting twice.",
        params: idParam,
        body: turnBody,
        headers: z.looseObject({ [TOKEN_HEADER]: z.string().max(200).optional() }),
        security: [{}, { bearer: [] }],
        response: { 200: replySchema, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      const { id } = request.params;
      const body = request.body;
      const p = request.principal;
      let owner: Owner;
      let customerId: string | undefined;
      let issuedToken: string | undefined;
      if (p.kind === "shopper") {
        if (body.customerId && body.customerId !== p.customerId) {
          throw new ApiError(
            403,
            "forbidden",
            "Only a key with the channel scope may speak for another shopper",
          );
        }
        owner = { kind: "shopper", customerId: p.customerId };
        customerId = p.customerId;
        // Signing in mid-conversation: the anonymous conversation's token still opens it, and
        // its cart joins the shopper's.
        const sent = request.headers[TOKEN_HEADER];
        if (typeof sent === "string" && sent && (await dialog.get(id))?.owner.kind === "anonymous") {
          owner = { kind: "anonymous", tokenHash: hashConversationToken(sent) };
        }
      } else if (p.kind === "key") {
        if (body.customerId && !hasScope(p, "channel")) {
          throw new ApiError(403, "forbidden", "Only a key with the channel scope may pass customerId");
        }
        owner = { kind: "key", keyId: p.keyId };
        customerId = body.customerId;
      } else {
        if (body.customerId)
          throw new ApiError(403, "forbidden", "Only a key with the channel scope may pass customerId");
        const sent = request.headers[TOKEN_HEADER];
        const token = typeof sent === "string" && sent ? sent : undefined;
        if (!token) {
          // No token: only a brand-new conversation may start here, and it gets one.
          if (await dialog.get(id)) throw notFound("This conversation");
          issuedToken = randomBytes(24).toString("base64url");
        }
        owner = { kind: "anonymous", tokenHash: hashConversationToken(token ?? (issuedToken as string)) };
      }
      const storeId = await storeFor(id, customerId, body.storeId);
      try {
        const reply = await dialog.handle(
          {
            conversationId: id,
            storeId,
            locale: body.locale,
            text: body.text,
            ...(customerId ? { customerId } : {}),
            ...(body.turnId ? { turnId: body.turnId } : {}),
            ...(body.alternatives ? { alternatives: body.alternatives } : {}),
            ...(body.event ? { event: body.event } : {}),
          },
          { owner },
        );
        return view(reply, issuedToken);
      } catch (err) {
        if (err instanceof ConversationNotFoundError) throw notFound("This conversation");
        if (err instanceof ConversationBusyError) throw new ApiError(409, err.code, err.message);
        if (err instanceof CommerceError) throw new ApiError(err.status, err.code, err.message, err.details);
        throw err;
      }
    },
  );

  app.get(
    "/v1/conversations/:id",
    {
      schema: {
        tags: ["conversations"],
        summary: "A conversation's transcript (admin keys, or the conversation's own shopper)",
        params: idParam,
        security: [{ bearer: [] }],
        response: { 200: transcriptSchema, ...errorResponses(401, 404) },
      },
    },
    async (request) => {
      const p = request.principal;
      if (p.kind === "anonymous") throw new ApiError(401, "unauthenticated", "This route needs an admin key");
      const record = await dialog.get(request.params.id);
      const mine =
        record?.owner.kind === "shopper" && p.kind === "shopper" && record.owner.customerId === p.customerId;
      if (!record || !(hasScope(p, "admin") || mine)) throw notFound("This conversation");
      const turns = await dialog.transcript(record.id);
      return {
        id: record.id,
        storeId: record.storeCode,
        customerId: record.customerId,
        locale: record.locale,
        turns: turns.map((t) => ({
          seq: t.seq,
          turnId: t.turnId,
          at: t.createdAt.toISOString(),
          text: t.request.text,
          intent: t.reply.intent,
          reply: { text: t.reply.text, ssml: t.reply.ssml },
          ...(t.reply.awaiting ? { awaiting: t.reply.awaiting } : {}),
          ...(t.reply.order ? { order: t.reply.order } : {}),
        })),
      };
    },
  );
};

/** The shopper's voice PIN, asked before an order placed by voice (anyone can talk to a speaker). */
export const voicePin: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const dialog = dialogOf(deps);
  app.put(
    "/v1/me/voice-pin",
    {
      schema: {
        tags: ["accounts"],
        summary: "Set the PIN the voice assistant asks before placing an order",
        security: [{ bearer: [] }],
        body: z.object({ pin: z.string().regex(/^\d{4,8}$/, "4 to 8 digits") }),
        response: { 204: z.null(), ...errorResponses(400, 401) },
      },
    },
    async (request, reply) => {
      await dialog.pins.set(requireShopper(request), request.body.pin);
      return reply.status(204).send(null);
    },
  );
  app.delete(
    "/v1/me/voice-pin",
    {
      schema: {
        tags: ["accounts"],
        summary: "Stop asking a PIN before voice orders",
        security: [{ bearer: [] }],
        response: { 204: z.null(), ...errorResponses(401) },
      },
    },
    async (request, reply) => {
      await dialog.pins.remove(requireShopper(request));
      return reply.status(204).send(null);
    },
  );
};

export default conversations;
