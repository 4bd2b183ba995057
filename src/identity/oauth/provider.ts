import { generateKeyPairSync, randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
// Type-only at the top: oidc-provider is loaded when the server is created, so that CLI
// commands importing identity do not load it (it warns on stderr on Node 20).
import type Provider from "oidc-provider";
import type { ClientMetadata, Configuration, KoaContextWithOIDC } from "oidc-provider";
import type { Database } from "../../db/index.js";
import { DatabaseOAuthAdapter, purgeExpiredOAuthModels } from "./adapter.js";

/**
 * The OAuth 2.0 authorization server voice assistants link shoppers' accounts through
 * (authorization code with PKCE, refresh tokens, revocation, RFC 8414 metadata), built on
 * oidc-provider. Its state lives in the database (oauth_models) so any node can serve any
 * step; its signing key and cookie secrets are generated once and shared (oauth_secrets).
 */

/** What the server needs to know of shoppers (identity/accounts.ts provides it). */
export interface ShopperDirectory {
  checkCredentials(
    email: string,
    password: string,
  ): Promise<{ id: string; name: string; locale?: string } | null>;
  getShopper(id: string): Promise<{ id: string; name: string; email?: string; locale?: string } | null>;
}

/** Scope a linked token needs to act as its shopper. */
export const SHOP_SCOPE = "panier";

export interface OAuthServerOptions {
  db: Database;
  /** PANIER_PUBLIC_URL: the issuer; metadata at /.well-known/oauth-authorization-server. */
  issuer: string;
  /** Where the provider is mounted in the HTTP app. */
  mountPath?: string;
  clients: ClientMetadata[];
  shoppers: ShopperDirectory;
  /** Access token lifetime in seconds (default one hour; platforms refresh). */
  accessTokenTtl?: number;
}

export interface OAuthServer {
  provider: Provider;
  mountPath: string;
  /** The Koa request handler; the caller strips mountPath from req.url and sets originalUrl. */
  handler: (req: IncomingMessage, res: ServerResponse) => void;
  /** A bearer access token -> the shopper it acts for, or null (unknown, expired, revoked). */
  shopperForToken(token: string): Promise<string | null>;
}

async function sharedSecret<T>(db: Database, name: string, make: () => T): Promise<T> {
  // First node to start writes; every node then reads the same value.
  await db.query("INSERT INTO oauth_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING", [
    name,
    JSON.stringify(make()),
  ]);
  const rows = await db.query<{ value: T | string }>("SELECT value FROM oauth_secrets WHERE name = $1", [
    name,
  ]);
  const value = rows[0]!.value;
  return (typeof value === "string" ? JSON.parse(value) : value) as T;
}

/**
 * Clients from PANIER_OAUTH_CLIENTS: a JSON array of client metadata, e.g.
 * [{"client_id":"alexa","client_secret":"...","redirect_uris":["https://layla.amazon.com/api/skill/link/M2..."]}]
 */
export function oauthClientsFromEnv(env: NodeJS.ProcessEnv): ClientMetadata[] {
  const raw = env.PANIER_OAUTH_CLIENTS;
  if (!raw) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new Error("PANIER_OAUTH_CLIENTS must be a JSON array of OAuth client metadata");
  }
  if (!Array.isArray(parsed)) throw new Error("PANIER_OAUTH_CLIENTS must be a JSON array");
  return parsed.map((c: ClientMetadata) => ({
    grant_types: ["authorization_code", "refresh_token"],
    response_types: ["code"],
    ...c,
  }));
}

export async function createOAuthServer(options: OAuthServerOptions): Promise<OAuthServer> {
  const { db, shoppers } = options;
  const oidc = await import("oidc-provider");
  const mountPath = options.mountPath ?? "/oauth";
  const jwk = await sharedSecret(db, "signing_jwk", () => ({
    ...generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ format: "jwk" }),
    kid: randomBytes(8).toString("hex"),
    use: "sig",
    alg: "RS256",
  }));
  const cookieKeys = await sharedSecret(db, "cookie_keys", () => [randomBytes(32).toString("base64url")]);
  const secure = options.issuer.startsWith("https:");
  await purgeExpiredOAuthModels(db); // expired codes and tokens are never read again

  const configuration: Configuration = {
    adapter: (name: string) =>
      new DatabaseOAuthAdapter(db, name, (message) => new oidc.errors.InvalidGrant(message)),
    clients: options.clients,
    jwks: { keys: [jwk as never] },
    cookies: {
      keys: cookieKeys,
      long: { signed: true, secure, sameSite: "lax" },
      short: { signed: true, secure, sameSite: "lax" },
    },
    findAccount: async (_ctx: KoaContextWithOIDC, id: string) => {
      const shopper = await shoppers.getShopper(id);
      if (!shopper) return undefined;
      return {
        accountId: shopper.id,
        claims: async () => ({ sub: shopper.id, name: shopper.name, locale: shopper.locale }),
      };
    },
    scopes: ["openid", "offline_access", SHOP_SCOPE],
    claims: { openid: ["sub"], profile: ["name", "locale"] },
    // PKCE (S256 only) for public clients; confidential ones (Alexa, with a secret) may use it.
    pkce: { required: (_ctx, client) => client.clientAuthMethod === "none" },
    features: {
      devInteractions: { enabled: false },
      revocation: { enabled: true },
      introspection: { enabled: false },
      rpInitiatedLogout: { enabled: false },
    },
    // Voice platforms do not ask for offline_access; a linked account must survive the hour.
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed("refresh_token"),
    rotateRefreshToken: true,
    ttl: {
      AccessToken: options.accessTokenTtl ?? 3600,
      AuthorizationCode: 120,
      RefreshToken: 180 * 24 * 3600,
      Interaction: 900,
      Session: 14 * 24 * 3600,
      Grant: 365 * 24 * 3600,
    },
    interactions: { url: (_ctx, interaction) => `${mountPath}/interaction/${interaction.uid}` },
    renderError: async (ctx, out) => {
      ctx.type = "html";
      ctx.body = `<!doctype html><meta charset="utf-8"><title>Panier</title><h1>Panier</h1><p>${escapeHtml(
        String(out.error_description ?? out.error),
      )}</p>`;
    },
  };
  const provider = new oidc.default(options.issuer, configuration);
  provider.proxy = true; // behind the TLS-terminating proxy a deployment puts in front
  const callback = provider.callback();

  return {
    provider,
    mountPath,
    handler: (req, res) => callback(req, res),
    async shopperForToken(token: string) {
      if (!token || token.length > 512) return null;
      const at = await provider.AccessToken.find(token);
      if (!at || at.isExpired || !at.accountId) return null;
      if (!at.scopes.has(SHOP_SCOPE)) return null;
      return at.accountId;
    },
  };
}

export function escapeHtml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
