import type { IncomingMessage } from "node:http";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppDeps } from "../deps.js";
import { ApiError } from "../errors.js";

/**
 * The account-linking authorization server (src/identity/oauth, an oidc-provider Koa app)
 * mounted under /oauth, its RFC 8414 metadata at /.well-known/oauth-authorization-server, and
 * the sign-in/consent pages under /oauth/interaction/:uid.
 */
const oauth: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const linking = deps.oauth;
  if (!linking) return;
  const { server, interactions } = linking;
  const mount = server.mountPath;
  const issuer = new URL(server.provider.issuer);

  // Linked access tokens act as their shopper on every route (and reach the channels).
  if (!deps.tokenResolvers.includes(linking.tokenResolver)) deps.tokenResolvers.push(linking.tokenResolver);

  // Links the provider publishes, and its cookies' Secure flag, follow PANIER_PUBLIC_URL
  // whatever Host and scheme reached this node (TLS usually ends at a proxy in front).
  app.addHook("onRequest", async (request) => {
    request.raw.headers["x-forwarded-host"] = issuer.host;
    request.raw.headers["x-forwarded-proto"] = issuer.protocol.replace(":", "");
  });

  /** Hands the raw request to the provider, as if it were mounted at `mount`. */
  const forward = (request: FastifyRequest, reply: FastifyReply, path: string) => {
    reply.hijack();
    const raw = request.raw as IncomingMessage & { originalUrl?: string };
    raw.originalUrl = `${mount}${path}`;
    raw.url = path;
    server.handler(raw, reply.raw);
  };

  // Form posts of the interaction pages are parsed here; the provider's own endpoints
  // (token, revocation) read the untouched stream themselves.
  app.addContentTypeParser(
    "application/x-www-form-urlencoded",
    async (request: FastifyRequest, payload: IncomingMessage) => {
      if (!request.url.startsWith(`${mount}/interaction/`)) return undefined;
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of payload) {
        size += (chunk as Buffer).length;
        if (size > 16 * 1024) throw new ApiError(413, "body_too_large", "The form is too large");
        chunks.push(chunk as Buffer);
      }
      return Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString("utf8")));
    },
  );

  app.get(
    "/.well-known/oauth-authorization-server",
    { schema: { tags: ["oauth"], summary: "OAuth 2.0 authorization server metadata (RFC 8414)" } },
    (request, reply) => forward(request, reply, request.url),
  );

  const uidParams = z.object({ uid: z.string().min(1).max(200) });
  const html = (reply: FastifyReply, status: number, body: string) =>
    reply.status(status).type("text/html; charset=utf-8").header("cache-control", "no-store").send(body);
  const expired = (reply: FastifyReply, err: unknown) => {
    const name = (err as { name?: string })?.name;
    if (name !== "SessionNotFound" && name !== "InvalidRequest") throw err;
    return html(
      reply,
      400,
      "<!doctype html><meta charset=utf-8><title>Panier</title><p>Ce lien a expiré : recommencez depuis l'application de l'assistant. / This link has expired: start again from the assistant's app.</p>",
    );
  };

  app.get(
    `${mount}/interaction/:uid`,
    {
      schema: { tags: ["oauth"], summary: "Sign-in and consent page for account linking", params: uidParams },
    },
    async (request, reply) => {
      try {
        const page = await interactions.show(request.raw, reply.raw);
        return html(reply, page.status, page.html);
      } catch (err) {
        return expired(reply, err);
      }
    },
  );

  const form = z.object({ email: z.string().max(320).optional(), password: z.string().max(1000).optional() });
  app.post(
    `${mount}/interaction/:uid/login`,
    { schema: { tags: ["oauth"], summary: "Sign in and allow", params: uidParams, body: form } },
    async (request, reply) => {
      try {
        const details = await interactions.login(request.raw, reply.raw, request.body);
        if (details) return html(reply, details.status, details.html);
        reply.hijack(); // the provider wrote its redirect
      } catch (err) {
        return expired(reply, err);
      }
    },
  );

  for (const step of ["confirm", "abort"] as const) {
    app.post(
      `${mount}/interaction/:uid/${step}`,
      { schema: { tags: ["oauth"], summary: step === "confirm" ? "Allow" : "Refuse", params: uidParams } },
      async (request, reply) => {
        try {
          await interactions[step](request.raw, reply.raw);
          reply.hijack();
        } catch (err) {
          return expired(reply, err);
        }
      },
    );
  }

  // Everything else under the mount: authorization, token, revocation, JWKS, metadata.
  app.all(`${mount}/*`, { schema: { hide: true } }, (request, reply) =>
    forward(request, reply, request.url.slice(mount.length)),
  );
};

export default oauth;
