import { createHash, createPublicKey, type JsonWebKey, timingSafeEqual, verify } from "node:crypto";

/**
 * Who may call the Dialogflow CX webhook. A CX webhook can send fixed request headers (the
 * agent's webhook "Authentication" settings) — Panier takes a configured secret as
 * `Authorization: Bearer <secret>` or, when configured, HTTP Basic — and/or Google's ID token
 * of the Dialogflow service agent (Service Agent Auth: ID_TOKEN), checked here against
 * Google's published keys. With neither configured the endpoint is off.
 */
export interface DialogflowAuthConfig {
  /** PANIER_DFCX_SECRET, sent as Authorization: Bearer. */
  secret?: string;
  /** PANIER_DFCX_BASIC ("user:password"), sent as Authorization: Basic. */
  basic?: string;
  /** PANIER_DFCX_ID_TOKEN_AUDIENCE: accept Google ID tokens whose aud is this (the webhook URL). */
  idTokenAudience?: string;
  /** PANIER_DFCX_SERVICE_ACCOUNT: the token's email must be this service agent. */
  serviceAccount?: string;
}

export function dialogflowAuthFromEnv(env: NodeJS.ProcessEnv): DialogflowAuthConfig {
  return {
    secret: env.PANIER_DFCX_SECRET || undefined,
    basic: env.PANIER_DFCX_BASIC || undefined,
    idTokenAudience: env.PANIER_DFCX_ID_TOKEN_AUDIENCE || undefined,
    serviceAccount: env.PANIER_DFCX_SERVICE_ACCOUNT || undefined,
  };
}

export const dialogflowEnabled = (c: DialogflowAuthConfig) =>
  Boolean(c.secret || c.basic || c.idTokenAudience);

/** Constant-time comparison of secrets of any length (hashing first equalises lengths). */
export function sameSecret(a: string, b: string): boolean {
  const h = (s: string) => createHash("sha256").update(s).digest();
  return timingSafeEqual(h(a), h(b));
}

const GOOGLE_ISSUERS = new Set(["accounts.google.com", "https://accounts.google.com"]);
export const GOOGLE_CERTS_URL = "https://www.googleapis.com/oauth2/v3/certs";

export type JwksFetcher = () => Promise<{ keys: (JsonWebKey & { kid?: string })[] }>;

async function fetchGoogleJwks(): Promise<{ keys: (JsonWebKey & { kid?: string })[] }> {
  const res = await fetch(GOOGLE_CERTS_URL, { signal: AbortSignal.timeout(3000) });
  if (!res.ok) throw new Error(`Google certs answered ${res.status}`);
  return (await res.json()) as { keys: (JsonWebKey & { kid?: string })[] };
}

/** Verifies Google-signed RS256 ID tokens; keys cached for an hour (Google rotates daily). */
export class GoogleIdTokenVerifier {
  private keys: Map<string, ReturnType<typeof createPublicKey>> | undefined;
  private fetchedAt = 0;

  constructor(
    private readonly audience: string,
    private readonly email: string | undefined,
    private readonly fetchJwks: JwksFetcher = fetchGoogleJwks,
    private readonly now: () => number = Date.now,
  ) {}

  private async key(kid: string) {
    const age = this.now() - this.fetchedAt;
    const stale = !this.keys || age > 3600_000;
    // An unknown key id refetches (Google rotated), but at most once a minute: tokens with
    // made-up key ids must not turn this server into a flood of requests to Google.
    if (stale || (!this.keys!.has(kid) && age > 60_000)) {
      const jwks = await this.fetchJwks();
      this.keys = new Map(
        jwks.keys.filter((k) => k.kid).map((k) => [k.kid!, createPublicKey({ key: k, format: "jwk" })]),
      );
      this.fetchedAt = this.now();
    }
    return this.keys!.get(kid);
  }

  async verify(token: string): Promise<boolean> {
    const parts = token.split(".");
    if (parts.length !== 3) return false;
    const [h, p, s] = parts as [string, string, string];
    let header: { alg?: string; kid?: string };
    let claims: {
      iss?: string;
      aud?: string;
      exp?: number;
      iat?: number;
      email?: string;
      email_verified?: boolean;
    };
    try {
      header = JSON.parse(Buffer.from(h, "base64url").toString("utf8"));
      claims = JSON.parse(Buffer.from(p, "base64url").toString("utf8"));
    } catch {
      return false;
    }
    if (header.alg !== "RS256" || !header.kid) return false;
    let key: ReturnType<typeof createPublicKey> | undefined;
    try {
      key = await this.key(header.kid);
    } catch {
      return false;
    }
    if (!key || !verify("sha256", Buffer.from(`${h}.${p}`), key, Buffer.from(s, "base64url"))) return false;
    const nowS = this.now() / 1000;
    const skew = 60;
    if (!claims.iss || !GOOGLE_ISSUERS.has(claims.iss)) return false;
    if (claims.aud !== this.audience) return false;
    if (typeof claims.exp !== "number" || claims.exp + skew < nowS) return false;
    if (typeof claims.iat === "number" && claims.iat - skew > nowS) return false;
    if (this.email && (claims.email !== this.email || claims.email_verified !== true)) return false;
    return true;
  }
}

export type DialogflowAuthResult = "ok" | "disabled" | "refused";

/** Checks one request's Authorization header against the configuration. */
export class DialogflowAuthenticator {
  private readonly idTokens: GoogleIdTokenVerifier | undefined;

  constructor(
    private readonly config: DialogflowAuthConfig,
    fetchJwks?: JwksFetcher,
    now?: () => number,
  ) {
    this.idTokens = config.idTokenAudience
      ? new GoogleIdTokenVerifier(config.idTokenAudience, config.serviceAccount, fetchJwks, now)
      : undefined;
  }

  get enabled(): boolean {
    return dialogflowEnabled(this.config);
  }

  /** True when the bearer token is this webhook's own secret (the auth hook must not refuse it). */
  isSecret(token: string): boolean {
    return Boolean(this.config.secret && sameSecret(token, this.config.secret));
  }

  async check(authorization: string | undefined): Promise<DialogflowAuthResult> {
    if (!this.enabled) return "disabled";
    if (!authorization) return "refused";
    const bearer = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
    if (bearer) {
      if (this.isSecret(bearer)) return "ok";
      if (this.idTokens && (await this.idTokens.verify(bearer))) return "ok";
      return "refused";
    }
    const basic = /^Basic\s+(\S+)$/i.exec(authorization)?.[1];
    if (basic && this.config.basic) {
      const decoded = Buffer.from(basic, "base64").toString("utf8");
      return sameSecret(decoded, this.config.basic) ? "ok" : "refused";
    }
    return "refused";
  }
}
