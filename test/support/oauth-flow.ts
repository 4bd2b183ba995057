import type { FastifyInstance, LightMyRequestResponse } from "fastify";

/** The cookies a browser keeps between the redirects of an authorization flow. */
export class CookieJar {
  private cookies = new Map<string, string>();
  take(res: LightMyRequestResponse): LightMyRequestResponse {
    for (const c of res.cookies) {
      if (c.expires && c.expires.getTime() < Date.now()) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return res;
  }
  get header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
}

const pathOf = (location: string) => {
  const u = new URL(location, "http://localhost");
  return u.pathname + u.search;
};

/**
 * What a platform and a shopper do to link an account: open the authorization URL, sign in on
 * Panier's page, come back with a code, exchange it (client secret over HTTP Basic, as Alexa's
 * "HTTP Basic" scheme does). Returns the token response.
 */
export async function linkAccount(
  app: FastifyInstance,
  opts: { clientId: string; clientSecret: string; redirectUri: string; email: string; password: string },
): Promise<{ access_token: string; refresh_token?: string }> {
  const jar = new CookieJar();
  const query = new URLSearchParams({
    client_id: opts.clientId,
    response_type: "code",
    redirect_uri: opts.redirectUri,
    scope: "panier",
    state: "linking",
  });
  const start = jar.take(await app.inject({ url: `/oauth/auth?${query}` }));
  if (start.statusCode !== 303) throw new Error(`authorize answered ${start.statusCode}: ${start.body}`);
  const interaction = pathOf(start.headers.location as string);
  const login = jar.take(
    await app.inject({
      method: "POST",
      url: `${interaction}/login`,
      headers: { cookie: jar.header, "content-type": "application/x-www-form-urlencoded" },
      payload: new URLSearchParams({ email: opts.email, password: opts.password }).toString(),
    }),
  );
  if (login.statusCode !== 303) throw new Error(`sign-in answered ${login.statusCode}`);
  const resume = jar.take(
    await app.inject({ url: pathOf(login.headers.location as string), headers: { cookie: jar.header } }),
  );
  const code = new URL(resume.headers.location as string).searchParams.get("code");
  if (!code) throw new Error(`no code in ${resume.headers.location}`);
  const token = await app.inject({
    method: "POST",
    url: "/oauth/token",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      authorization: `Basic ${Buffer.from(`${opts.clientId}:${opts.clientSecret}`).toString("base64")}`,
    },
    payload: new URLSearchParams({
      grant_type: "authorization_code",
      code,
      redirect_uri: opts.redirectUri,
    }).toString(),
  });
  if (token.statusCode !== 200) throw new Error(`token answered ${token.statusCode}: ${token.body}`);
  return token.json();
}
