import { createHash, randomBytes } from "node:crypto";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disposeTestDatabase, testDatabaseBackends } from "../../db/index.js";
import { createAccountLinking, type ShopperDirectory } from "../../identity/index.js";
import { buildApp } from "../app.js";
import { loadConfig } from "../config.js";
import type { AppDeps } from "../deps.js";
import { closeAppServices, createAppServices } from "../services.js";

const ISSUER = "https://panier.example"; // https: cookies are Secure, TLS ends at a proxy
const PUBLIC_CB = "https://panier.example/linked";
const ALEXA_CB = "https://layla.amazon.com/api/skill/link/M2TESTSKILL";
const shoppers: ShopperDirectory = {
  checkCredentials: async (email, password) =>
    email === "camille@example.com" && password === "correct horse" ? { id: "C001", name: "Camille" } : null,
  getShopper: async (id) => (id === "C001" ? { id, name: "Camille" } : null),
};

/** The cookies a browser would keep between the redirects of the flow. */
class Jar {
  private cookies = new Map<string, string>();
  take(res: LightMyRequestResponse) {
    for (const c of res.cookies) {
      if (c.expires && c.expires.getTime() < Date.now()) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return res;
  }
  get header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
}

const pathOf = (location: string) => {
  const u = new URL(location, ISSUER);
  return u.pathname + u.search;
};

describe.each(testDatabaseBackends())("account linking (OAuth 2.0) on $name", (backend) => {
  let deps: AppDeps;
  let app: FastifyInstance;

  beforeAll(async () => {
    const db = await backend.open();
    deps = await createAppServices(db, loadConfig({ PANIER_PUBLIC_URL: ISSUER }));
    deps = {
      ...deps,
      tokenResolvers: [...deps.tokenResolvers],
      oauth: await createAccountLinking({
        db,
        issuer: ISSUER,
        shoppers,
        clients: [
          {
            client_id: "panier-web",
            token_endpoint_auth_method: "none",
            redirect_uris: [PUBLIC_CB],
            grant_types: ["authorization_code", "refresh_token"],
            response_types: ["code"],
          },
          {
            client_id: "alexa",
            client_secret: "alexa-client-secret",
            client_name: "Alexa",
            redirect_uris: [ALEXA_CB],
            grant_types: ["authorization_code", "refresh_token"],
            response_types: ["code"],
          },
        ],
      }),
    };
    app = await buildApp(deps, { logger: false });
  });
  afterAll(async () => {
    await app.close();
    await closeAppServices(deps);
    await disposeTestDatabase(deps.db);
  });

  /** Runs the browser part: authorize, sign in, come back with a code. */
  async function authorize(query: Record<string, string>, password = "correct horse", jar = new Jar()) {
    const start = jar.take(
      await app.inject({
        url: `/oauth/auth?${new URLSearchParams(query)}`,
        headers: { "accept-language": "fr-FR" },
      }),
    );
    expect(start.statusCode).toBe(303);
    const interaction = pathOf(start.headers.location as string);
    expect(interaction).toMatch(/^\/oauth\/interaction\//);
    const page = await app.inject({
      url: interaction,
      headers: { cookie: jar.header, "accept-language": "fr-FR" },
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Relier votre compte Panier");
    const login = jar.take(
      await app.inject({
        method: "POST",
        url: `${interaction}/login`,
        headers: { cookie: jar.header, "content-type": "application/x-www-form-urlencoded" },
        payload: new URLSearchParams({ email: "camille@example.com", password }).toString(),
      }),
    );
    if (login.statusCode !== 303) return { login, jar };
    const resume = jar.take(
      await app.inject({ url: pathOf(login.headers.location as string), headers: { cookie: jar.header } }),
    );
    expect(resume.statusCode).toBe(303);
    return { login, jar, redirect: new URL(resume.headers.location as string) };
  }

  const token = (form: Record<string, string>, headers: Record<string, string> = {}) =>
    app.inject({
      method: "POST",
      url: "/oauth/token",
      headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
      payload: new URLSearchParams(form).toString(),
    });

  it("publishes RFC 8414 metadata at /.well-known/oauth-authorization-server", async () => {
    const res = await app.inject({ url: "/.well-known/oauth-authorization-server" });
    expect(res.statusCode).toBe(200);
    const meta = res.json();
    expect(meta.issuer).toBe(ISSUER);
    expect(meta.authorization_endpoint).toBe(`${ISSUER}/oauth/auth`);
    expect(meta.token_endpoint).toBe(`${ISSUER}/oauth/token`);
    expect(meta.revocation_endpoint).toBe(`${ISSUER}/oauth/token/revocation`);
    expect(meta.code_challenge_methods_supported).toEqual(["S256"]);
    expect(meta.grant_types_supported).toEqual(
      expect.arrayContaining(["authorization_code", "refresh_token"]),
    );
    expect(meta.scopes_supported).toContain("panier");
  });

  it("links with code + PKCE, acts as the shopper, refreshes once, and revokes", async () => {
    const verifier = randomBytes(32).toString("base64url");
    const challenge = createHash("sha256").update(verifier).digest("base64url");
    const { redirect } = await authorize({
      client_id: "panier-web",
      response_type: "code",
      redirect_uri: PUBLIC_CB,
      scope: "panier",
      state: "st-1",
      code_challenge: challenge,
      code_challenge_method: "S256",
    });
    expect(redirect!.origin + redirect!.pathname).toBe(PUBLIC_CB);
    expect(redirect!.searchParams.get("state")).toBe("st-1");
    const code = redirect!.searchParams.get("code")!;
    expect(code).toBeTruthy();

    const wrong = await token({
      grant_type: "authorization_code",
      code,
      redirect_uri: PUBLIC_CB,
      client_id: "panier-web",
      code_verifier: "x".repeat(43),
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error).toBe("invalid_grant");

    // The code is now spent (a failed PKCE check consumes it): start again, and do it right.
    const again = await authorize({
      client_id: "panier-web",
      response_type: "code",
      redirect_uri: PUBLIC_CB,
      scope: "panier",
      code_challenge: challenge,
      code_challenge_method: "S256",
    });
    const ok = await token({
      grant_type: "authorization_code",
      code: again.redirect!.searchParams.get("code")!,
      redirect_uri: PUBLIC_CB,
      client_id: "panier-web",
      code_verifier: verifier,
    });
    expect(ok.statusCode).toBe(200);
    const tokens = ok.json();
    expect(tokens.token_type).toBe("Bearer");
    expect(tokens.refresh_token).toBeTruthy();
    expect(await deps.oauth!.server.shopperForToken(tokens.access_token)).toBe("C001");
    // Any route sees the linked token as the shopper (the auth hook knows it).
    expect(
      (await app.inject({ url: "/healthz", headers: { authorization: `Bearer ${tokens.access_token}` } }))
        .statusCode,
    ).toBe(200);

    const refreshed = await token({
      grant_type: "refresh_token",
      refresh_token: tokens.refresh_token,
      client_id: "panier-web",
    });
    expect(refreshed.statusCode).toBe(200);
    const next = refreshed.json();
    expect(await deps.oauth!.server.shopperForToken(next.access_token)).toBe("C001");
    const reused = await token({
      grant_type: "refresh_token",
      refresh_token: tokens.refresh_token,
      client_id: "panier-web",
    });
    expect(reused.json().error).toBe("invalid_grant");

    const revoke = await app.inject({
      method: "POST",
      url: "/oauth/token/revocation",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: new URLSearchParams({ token: next.access_token, client_id: "panier-web" }).toString(),
    });
    expect(revoke.statusCode).toBe(200);
    expect(await deps.oauth!.server.shopperForToken(next.access_token)).toBeNull();
    const refused = await app.inject({
      url: "/healthz",
      headers: { authorization: `Bearer ${next.access_token}` },
    });
    expect(refused.statusCode).toBe(401);
  });

  it("refuses a public client's request without PKCE", async () => {
    const res = await app.inject({
      url: `/oauth/auth?${new URLSearchParams({ client_id: "panier-web", response_type: "code", redirect_uri: PUBLIC_CB, scope: "panier" })}`,
    });
    expect(res.statusCode).toBe(303);
    const back = new URL(res.headers.location as string);
    expect(back.searchParams.get("error")).toBe("invalid_request");
  });

  it("links Alexa as a confidential client with Basic client authentication", async () => {
    const { redirect } = await authorize({
      client_id: "alexa",
      response_type: "code",
      redirect_uri: ALEXA_CB,
      scope: "panier",
      state: "alexa-state",
    });
    const res = await token(
      { grant_type: "authorization_code", code: redirect!.searchParams.get("code")!, redirect_uri: ALEXA_CB },
      { authorization: `Basic ${Buffer.from("alexa:alexa-client-secret").toString("base64")}` },
    );
    expect(res.statusCode).toBe(200);
    expect(await deps.oauth!.server.shopperForToken(res.json().access_token)).toBe("C001");
    const bad = await token(
      { grant_type: "authorization_code", code: "whatever", redirect_uri: ALEXA_CB },
      { authorization: `Basic ${Buffer.from("alexa:wrong").toString("base64")}` },
    );
    expect(bad.json().error).toBe("invalid_client");
  });

  it("issues tokens once for a code redeemed by concurrent requests (any node may receive them)", async () => {
    const { redirect } = await authorize({
      client_id: "alexa",
      response_type: "code",
      redirect_uri: ALEXA_CB,
      scope: "panier",
    });
    const code = redirect!.searchParams.get("code")!;
    const basic = { authorization: `Basic ${Buffer.from("alexa:alexa-client-secret").toString("base64")}` };
    const answers = await Promise.all(
      Array.from({ length: 6 }, () =>
        token({ grant_type: "authorization_code", code, redirect_uri: ALEXA_CB }, basic),
      ),
    );
    const ok = answers.filter((r) => r.statusCode === 200);
    expect(ok.length).toBeLessThanOrEqual(1);
    for (const r of answers.filter((r) => r.statusCode !== 200)) expect(r.json().error).toBe("invalid_grant");
    expect(answers.length - ok.length).toBeGreaterThanOrEqual(5);
  });

  it("shows the error on a wrong password and lets the shopper refuse", async () => {
    const { login } = await authorize(
      { client_id: "alexa", response_type: "code", redirect_uri: ALEXA_CB, scope: "panier" },
      "wrong password",
    );
    expect(login.statusCode).toBe(401);
    expect(login.body).toContain("E-mail ou mot de passe incorrect");
  });

  it("asks a signed-in shopper only to allow a second assistant, in English when asked; refusing sends access_denied", async () => {
    const { jar } = await authorize({
      client_id: "alexa",
      response_type: "code",
      redirect_uri: ALEXA_CB,
      scope: "panier",
    });
    const verifier = randomBytes(32).toString("base64url");
    const query = new URLSearchParams({
      client_id: "panier-web",
      response_type: "code",
      redirect_uri: PUBLIC_CB,
      scope: "panier",
      ui_locales: "en",
      code_challenge: createHash("sha256").update(verifier).digest("base64url"),
      code_challenge_method: "S256",
    });
    for (const step of ["abort", "confirm"] as const) {
      const start = jar.take(
        await app.inject({ url: `/oauth/auth?${query}`, headers: { cookie: jar.header } }),
      );
      const interaction = pathOf(start.headers.location as string);
      const page = await app.inject({ url: interaction, headers: { cookie: jar.header } });
      expect(page.body).toContain("Signed in as <strong>Camille</strong>");
      expect(page.body).not.toContain('type="password"');
      const answer = jar.take(
        await app.inject({ method: "POST", url: `${interaction}/${step}`, headers: { cookie: jar.header } }),
      );
      expect(answer.statusCode).toBe(303);
      const resume = jar.take(
        await app.inject({ url: pathOf(answer.headers.location as string), headers: { cookie: jar.header } }),
      );
      const back = new URL(resume.headers.location as string);
      if (step === "abort") expect(back.searchParams.get("error")).toBe("access_denied");
      else {
        const ok = await token({
          grant_type: "authorization_code",
          code: back.searchParams.get("code")!,
          redirect_uri: PUBLIC_CB,
          client_id: "panier-web",
          code_verifier: verifier,
        });
        expect(await deps.oauth!.server.shopperForToken(ok.json().access_token)).toBe("C001");
      }
    }
  });

  it("answers an expired or unknown interaction with a page, not a crash", async () => {
    const res = await app.inject({ url: "/oauth/interaction/does-not-exist" });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain("expiré");
  });
});
