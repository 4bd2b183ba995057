import { createSign, generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { DialogflowAuthenticator } from "./auth.js";

const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const other = generateKeyPairSync("rsa", { modulusLength: 2048 });
const jwks = async () => ({
  keys: [{ ...publicKey.export({ format: "jwk" }), kid: "k1", alg: "RS256", use: "sig" }],
});
const NOW = Date.UTC(2026, 10, 25, 12);
const AUD = "https://panier.example/webhooks/dialogflow-cx";
const AGENT = "service-123@gcp-sa-dialogflow.iam.gserviceaccount.com";

function idToken(claims: Record<string, unknown>, key = privateKey, kid = "k1"): string {
  const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url");
  const head = `${enc({ alg: "RS256", kid, typ: "JWT" })}.${enc(claims)}`;
  return `${head}.${createSign("sha256").update(head).sign(key, "base64url")}`;
}
const good = {
  iss: "https://accounts.google.com",
  aud: AUD,
  email: AGENT,
  email_verified: true,
  iat: NOW / 1000 - 10,
  exp: NOW / 1000 + 3590,
};

describe("Dialogflow CX webhook authentication", () => {
  it("is off when nothing is configured", async () => {
    expect(await new DialogflowAuthenticator({}).check("Bearer anything")).toBe("disabled");
  });

  it("accepts the configured bearer secret and nothing else", async () => {
    const auth = new DialogflowAuthenticator({ secret: "s3cret-value" });
    expect(await auth.check("Bearer s3cret-value")).toBe("ok");
    expect(await auth.check("bearer s3cret-value")).toBe("ok");
    expect(await auth.check("Bearer s3cret-valuE")).toBe("refused");
    expect(await auth.check(undefined)).toBe("refused");
    expect(await auth.check(`Basic ${Buffer.from("u:s3cret-value").toString("base64")}`)).toBe("refused");
  });

  it("accepts Basic credentials only when configured", async () => {
    const auth = new DialogflowAuthenticator({ basic: "agent:pw" });
    expect(await auth.check(`Basic ${Buffer.from("agent:pw").toString("base64")}`)).toBe("ok");
    expect(await auth.check(`Basic ${Buffer.from("agent:pX").toString("base64")}`)).toBe("refused");
  });

  it("refetches Google's keys for an unknown key id at most once a minute", async () => {
    let fetches = 0;
    let now = NOW;
    const counting = async () => {
      fetches++;
      return jwks();
    };
    const auth = new DialogflowAuthenticator({ idTokenAudience: AUD }, counting, () => now);
    expect(await auth.check(`Bearer ${idToken(good)}`)).toBe("ok");
    for (let i = 0; i < 5; i++)
      expect(await auth.check(`Bearer ${idToken(good, privateKey, `forged-${i}`)}`)).toBe("refused");
    expect(fetches).toBe(1);
    now += 61_000;
    expect(
      await auth.check(`Bearer ${idToken({ ...good, exp: now / 1000 + 60 }, privateKey, "rotated")}`),
    ).toBe("refused");
    expect(fetches).toBe(2);
  });

  it("checks Google ID tokens: signature, issuer, audience, expiry and service agent", async () => {
    const auth = new DialogflowAuthenticator(
      { idTokenAudience: AUD, serviceAccount: AGENT },
      jwks,
      () => NOW,
    );
    expect(await auth.check(`Bearer ${idToken(good)}`)).toBe("ok");
    const refused = [
      idToken(good, other.privateKey),
      idToken(good, privateKey, "unknown-kid"),
      idToken({ ...good, iss: "https://evil.example" }),
      idToken({ ...good, aud: "https://elsewhere.example" }),
      idToken({ ...good, exp: NOW / 1000 - 120 }),
      idToken({ ...good, email: "someone@example.com" }),
      idToken({ ...good, email_verified: false }),
      "not.a.jwt",
    ];
    for (const token of refused) expect(await auth.check(`Bearer ${token}`)).toBe("refused");
  });
});
