import type { FastifyInstance, FastifyRequest } from "fastify";
import { ApiError } from "./errors.js";

/** Who is calling: resolved once per request from `Authorization: Bearer <token>`. */
export type Principal =
  | { kind: "anonymous" }
  | { kind: "key"; keyId: string; scopes: string[] }
  | { kind: "shopper"; customerId: string };

/** Turns a bearer token into a principal, or null when the token is not of its kind. */
export type TokenResolver = (token: string) => Promise<Principal | null>;

declare module "fastify" {
  interface FastifyRequest {
    principal: Principal;
  }
}

export function installAuth(app: FastifyInstance, resolvers: TokenResolver[]): void {
  // null here, set per request in the hook: Fastify forbids shared object defaults on requests.
  app.decorateRequest("principal", null as never);
  app.addHook("onRequest", async (request) => {
    request.principal = { kind: "anonymous" };
    const header = request.headers.authorization;
    if (!header) return;
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    if (!m) return; // other schemes (webhook Basic auth) are the route's business
    for (const resolve of resolvers) {
      const p = await resolve(m[1]!);
      if (p) {
        request.principal = p;
        return;
      }
    }
    throw new ApiError(401, "invalid_token", "The bearer token is unknown, expired or revoked");
  });
}

export function hasScope(principal: Principal, scope: string): boolean {
  return principal.kind === "key" && principal.scopes.includes(scope);
}

/** Admin routes: a key with the `admin` scope, else 401 (no credentials) or 403. */
export function requireScope(request: FastifyRequest, scope: string): void {
  if (hasScope(request.principal, scope)) return;
  if (request.principal.kind === "anonymous") {
    throw new ApiError(401, "unauthenticated", `This route needs a key with the "${scope}" scope`);
  }
  throw new ApiError(403, "forbidden", `This route needs a key with the "${scope}" scope`);
}

/** Shopper routes: the signed-in shopper's id, else 401. */
export function requireShopper(request: FastifyRequest): string {
  if (request.principal.kind === "shopper") return request.principal.customerId;
  throw new ApiError(401, "unauthenticated", "Sign in as a shopper to use this route");
}
