import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  createSession,
  getShopper,
  MIN_PASSWORD_LENGTH,
  revokeSession,
  type Shopper,
  signInWithLimit,
  signUp,
  TooManyAttemptsError,
} from "../../../identity/index.js";
import { requireShopper } from "../../auth.js";
import type { AppDeps } from "../../deps.js";
import { ApiError } from "../../errors.js";
import { errorResponses } from "../../views/error.js";
import type { Commerce } from "../../../commerce/index.js";
import { addressSchema, run } from "./shared.js";

const customerSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  locale: z.string(),
  store: z.string().nullable(),
  postal_code: z.string().nullable(),
  delivery_address: addressSchema.nullable().optional(),
});
const customerView = (s: Shopper): z.infer<typeof customerSchema> => ({
  id: s.id,
  name: s.name,
  email: s.email,
  locale: s.locale,
  store: s.storeCode,
  postal_code: s.postalCode,
});
const sessionSchema = z.object({ token: z.string(), expires_at: z.string(), customer: customerSchema });

export function accountRoutes(commerce: Commerce): FastifyPluginAsyncZod<AppDeps> {
  return async (app, deps) => {
    const now = commerce.now;
    app.post(
      "/v1/accounts",
      {
        schema: {
          tags: ["accounts"],
          summary: "Create a shopper account; answers with a session token",
          body: z.object({
            email: z.email().max(254),
            password: z.string().min(MIN_PASSWORD_LENGTH).max(200),
            name: z.string().min(1).max(200),
            locale: z.string().min(2).max(16).optional(),
            store: z.string().min(1).max(64).optional(),
            postal_code: z.string().min(2).max(16).optional(),
            delivery_address: addressSchema.optional(),
          }),
          response: { 201: sessionSchema, ...errorResponses(400, 409, 422) },
        },
      },
      async (request, reply) => {
        const b = request.body;
        const shopper = await run(() =>
          signUp(deps.db, {
            email: b.email,
            password: b.password,
            name: b.name,
            locale: b.locale,
            storeCode: b.store,
            postalCode: b.postal_code ?? b.delivery_address?.postal_code,
          }),
        );
        if (b.delivery_address) await commerce.customers.setDeliveryAddress(shopper.id, b.delivery_address);
        const session = await createSession(deps.db, shopper.id, { now: now() });
        reply.status(201);
        return {
          token: session.token,
          expires_at: session.expiresAt.toISOString(),
          customer: customerView(shopper),
        };
      },
    );

    app.post(
      "/v1/accounts/sign-in",
      {
        schema: {
          tags: ["accounts"],
          summary: "Sign in with email and password; answers with a session token (Bearer)",
          body: z.object({ email: z.string().min(3).max(254), password: z.string().min(1).max(200) }),
          response: { 200: sessionSchema, ...errorResponses(400, 401, 429) },
        },
      },
      async (request, reply) => {
        // Throttled per account email across all nodes (identity/sign-in-limit.ts).
        const shopper = await run(() =>
          signInWithLimit(deps.db, request.body.email, request.body.password, { now: now() }).catch((err) => {
            if (err instanceof TooManyAttemptsError) reply.header("retry-after", String(err.retryAfterS));
            throw err;
          }),
        );
        if (!shopper) throw new ApiError(401, "invalid_credentials", "Wrong email or password");
        const session = await createSession(deps.db, shopper.id, { now: now() });
        return {
          token: session.token,
          expires_at: session.expiresAt.toISOString(),
          customer: customerView(shopper),
        };
      },
    );

    app.post(
      "/v1/accounts/sign-out",
      {
        schema: {
          tags: ["accounts"],
          summary: "End the current session",
          security: [{ bearer: [] }],
          response: { 204: z.null(), ...errorResponses(401) },
        },
      },
      async (request, reply) => {
        requireShopper(request);
        const token = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? "")?.[1];
        if (token) await revokeSession(deps.db, token, now());
        reply.status(204);
        return null;
      },
    );

    app.get(
      "/v1/me",
      {
        schema: {
          tags: ["accounts"],
          summary: "The signed-in shopper",
          security: [{ bearer: [] }],
          response: { 200: customerSchema, ...errorResponses(401, 404) },
        },
      },
      async (request) => {
        const shopper = await getShopper(deps.db, requireShopper(request));
        if (!shopper) throw new ApiError(404, "not_found", "This account no longer exists");
        return {
          ...customerView(shopper),
          delivery_address: await commerce.customers.deliveryAddress(shopper.id),
        };
      },
    );

    app.put(
      "/v1/me/address",
      {
        schema: {
          tags: ["accounts"],
          summary: "Save the delivery address used when a delivery slot is held without one",
          security: [{ bearer: [] }],
          body: addressSchema,
          response: { 200: customerSchema, ...errorResponses(400, 401, 404) },
        },
      },
      async (request) => {
        const customerId = requireShopper(request);
        await run(() => commerce.customers.setDeliveryAddress(customerId, request.body));
        const shopper = await getShopper(deps.db, customerId);
        if (!shopper) throw new ApiError(404, "not_found", "This account no longer exists");
        return {
          ...customerView(shopper),
          delivery_address: await commerce.customers.deliveryAddress(customerId),
        };
      },
    );
  };
}
