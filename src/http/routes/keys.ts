import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  apiKeyJson,
  createApiKey,
  InvalidScopeError,
  listApiKeys,
  revokeApiKey,
} from "../../identity/index.js";
import { requireScope } from "../auth.js";
import type { AppDeps } from "../deps.js";
import { ApiError } from "../errors.js";
import { errorResponses } from "../views/error.js";

const keySchema = z.object({
  id: z.string(),
  name: z.string(),
  scopes: z.array(z.string()),
  created_at: z.string(),
  revoked_at: z.string().nullable(),
});

const security = [{ bearer: [] }];

/** API keys, for admins: what `panier keys` does when the embedded server holds the database. */
const keys: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    "/v1/admin/keys",
    {
      schema: {
        tags: ["admin"],
        summary: "List API keys (never their secrets)",
        security,
        response: { 200: z.object({ items: z.array(keySchema) }), ...errorResponses(401, 403) },
      },
    },
    async (request) => {
      requireScope(request, "admin");
      return { items: (await listApiKeys(deps.db)).map(apiKeyJson) };
    },
  );

  app.post(
    "/v1/admin/keys",
    {
      schema: {
        tags: ["admin"],
        summary: "Create an API key; the response is the only place its secret appears",
        security,
        body: z.object({
          name: z.string().trim().min(1).max(200),
          scopes: z.array(z.string()).min(1).describe("admin, channel or brand:<name>"),
        }),
        response: {
          201: z.object({ key: keySchema, secret: z.string() }),
          ...errorResponses(400, 401, 403),
        },
      },
    },
    async (request, reply) => {
      requireScope(request, "admin");
      try {
        const { key, secret } = await createApiKey(deps.db, request.body);
        request.log.info({ keyId: key.id, scopes: key.scopes }, "api key created");
        return reply.status(201).send({ key: apiKeyJson(key), secret });
      } catch (err) {
        if (err instanceof InvalidScopeError) throw new ApiError(400, err.code, err.message);
        throw err;
      }
    },
  );

  app.delete(
    "/v1/admin/keys/:id",
    {
      schema: {
        tags: ["admin"],
        summary: "Revoke an API key at once, on every node",
        security,
        params: z.object({ id: z.string().min(1).max(64) }),
        response: { 200: keySchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => {
      requireScope(request, "admin");
      const key = await revokeApiKey(deps.db, request.params.id);
      if (!key) throw new ApiError(404, "key_not_found", `No API key has the id "${request.params.id}"`);
      request.log.info({ keyId: key.id }, "api key revoked");
      return apiKeyJson(key);
    },
  );
};

export default keys;
