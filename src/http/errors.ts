import type { FastifyError, FastifyInstance } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";

/**
 * Errors every route throws: a stable `code` clients can branch on, a message a person can
 * act on, an HTTP status, and optional details. Serialised as {"error":{code,message,...}}.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new ApiError(404, "not_found", `${what} was not found`);

export function installErrorHandler(app: FastifyInstance): void {
  app.setNotFoundHandler((request, reply) => {
    reply
      .status(404)
      .send({ error: { code: "route_not_found", message: `No route ${request.method} ${request.url}` } });
  });
  app.setErrorHandler((err: FastifyError | ApiError, request, reply) => {
    if (err instanceof ApiError) {
      return reply
        .status(err.status)
        .send({ error: { code: err.code, message: err.message, ...err.details } });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const issues = err.validation.map((v) => ({
        path: `${err.validationContext ?? "body"}${v.instancePath.replace(/\//g, ".")}`,
        message: v.message,
      }));
      return reply.status(400).send({
        error: {
          code: "invalid_request",
          message: `Invalid request: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`,
          issues,
        },
      });
    }
    const status = typeof err.statusCode === "number" && err.statusCode >= 400 ? err.statusCode : 500;
    if (status >= 500) {
      request.log.error({ err }, "request failed");
      return reply
        .status(500)
        .send({ error: { code: "internal_error", message: "Something went wrong on our side" } });
    }
    return reply
      .status(status)
      .send({ error: { code: err.code?.toLowerCase() ?? "bad_request", message: err.message } });
  });
}
