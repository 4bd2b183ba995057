import swagger from "@fastify/swagger";
import type { Socket } from "node:net";
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from "fastify";
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import { installAuth } from "./auth.js";
import type { AppDeps } from "./deps.js";
import { installErrorHandler } from "./errors.js";
import { routePlugins } from "./routes/index.js";

export interface BuildOptions {
  /** pino options, or false for silent tests. Authorization headers and cookies are redacted. */
  logger?: boolean | { level: string };
  /** A pino logger made by the caller (the server shares one with start-up); build it with LOG_REDACT. */
  loggerInstance?: FastifyBaseLogger;
}

/** No secrets or personal data in logs: what pino must blank out of request logs. */
export const LOG_REDACT = [
  "req.headers.authorization",
  "req.headers.cookie",
  "req.headers['panier-conversation-token']",
  "req.headers['x-api-key']",
];

/** Assembles the Fastify app from its dependencies; `listen` is the caller's business. */
export async function buildApp(deps: AppDeps, options: BuildOptions = {}): Promise<FastifyInstance> {
  const logger =
    options.logger === false
      ? false
      : {
          level: typeof options.logger === "object" ? options.logger.level : deps.config.logLevel,
          redact: LOG_REDACT,
        };
  const common = { bodyLimit: 50 * 1024 * 1024, clientErrorHandler };
  const app = (
    options.loggerInstance
      ? Fastify({ loggerInstance: options.loggerInstance, ...common })
      : Fastify({ logger, ...common })
  ).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  installAuth(app, deps.tokenResolvers);
  closeConnectionsWhenDraining(app);
  await app.register(swagger, {
    openapi: {
      info: {
        title: "Panier API",
        version: "0.1.0",
        description: "Voice and conversational commerce for grocers",
      },
      components: { securitySchemes: { bearer: { type: "http", scheme: "bearer" } } },
    },
    transform: jsonSchemaTransform,
  });
  app.get("/openapi.json", { schema: { hide: true } }, async () => app.swagger());
  for (const plugin of routePlugins) await app.register(plugin, deps);
  return app;
}

/**
 * Graceful stop: requests in flight when `close()` starts still finish, but their keep-alive
 * connections must not outlive them, or the server would wait for the clients' keep-alive timeout
 * (72 s) before it can close. Responses sent while draining say `Connection: close`.
 */
function closeConnectionsWhenDraining(app: FastifyInstance): void {
  let draining = false;
  app.addHook("preClose", async () => {
    draining = true;
  });
  app.addHook("onSend", async (_request, reply, payload) => {
    if (draining) reply.header("connection", "close");
    return payload;
  });
}

/**
 * Requests Node's HTTP parser rejects before Fastify sees them (raw non-ASCII bytes in the URL,
 * oversized headers, timeouts) still get Panier's JSON error shape.
 */
function clientErrorHandler(err: NodeJS.ErrnoException, socket: Socket): void {
  if (err.code === "ECONNRESET" || socket.destroyed || !socket.writable) return;
  const [status, reason, code, message] =
    err.code === "ERR_HTTP_REQUEST_TIMEOUT"
      ? [408, "Request Timeout", "request_timeout", "The request took too long to arrive"]
      : err.code === "HPE_HEADER_OVERFLOW"
        ? [431, "Request Header Fields Too Large", "headers_too_large", "The request headers are too large"]
        : [
            400,
            "Bad Request",
            "malformed_request",
            "The request could not be read: percent-encode non-ASCII characters in the URL (é is %C3%A9)",
          ];
  const body = JSON.stringify({ error: { code, message } });
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
