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
    request.principal = await resolvePrincipal(request.headers.authorization, resolvers);
    // Every admin route, whatever it forgets: checked on the matched route pattern (so no
    // spelling of the URL slips past) and before the body is read (imports stream large ones).
    if (isAdminRoute(request.routeOptions.url)) requireScope(request, "admin");
  });
}

export function isAdminRoute(pattern: string | undefined): boolean {
  return pattern !== undefined && (pattern === "/v1/admin" || pattern.startsWith("/v1/admin/"));
}

async function resolvePrincipal(header: string | undefined, resolvers: TokenResolver[]): Promise<Principal> {
  if (!header) return { kind: "anonymous" };
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  if (!m) return { kind: "anonymous" }; // other schemes (webhook Basic auth) are the route's business
  for (const resolve of resolvers) {
    const p = await resolve(m[1]!);
    if (p) return p;
  }
  throw new ApiError(401, "invalid_token", "The bearer token is unknown, expired or revoked");
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
