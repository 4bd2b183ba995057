import { beforeAll, describe, expect, it } from "vitest";
import { createTestPki, sign256, TEST_CERT_URL, type TestPki } from "../../../test/support/alexa-signing.js";
import { AlexaRequestVerifier, AlexaVerificationError, checkCertChainUrl } from "./verify.js";

const SKILL = "amzn1.ask.skill.test-panier";

function envelope(opts: { requestId?: string; timestamp: string; appId?: string }): string {
  return JSON.stringify({
    version: "1.0",
    session: {
      new: true,
      sessionId: "amzn1.echo-api.session.1",
      application: { applicationId: opts.appId ?? SKILL },
      user: { userId: "amzn1.ask.account.X" },
    },
    context: {
      System: {
        application: { applicationId: opts.appId ?? SKILL },
        user: { userId: "amzn1.ask.account.X" },
      },
    },
    request: {
      type: "LaunchRequest",
      requestId: opts.requestId ?? "r1",
      timestamp: opts.timestamp,
      locale: "fr-FR",
    },
  });
}

async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AlexaVerificationError) return e.code;
    throw e;
  }
  throw new Error("the request was accepted");
}

describe("Alexa SignatureCertChainUrl rules", () => {
  it.each([
    "https://s3.amazonaws.com/echo.api/echo-api-cert.pem",
    "https://s3.amazonaws.com:443/echo.api/echo-api-cert.pem",
    "https://S3.AMAZONAWS.COM/echo.api/echo-api-cert.pem",
    "https://s3.amazonaws.com/echo.api/../echo.api/echo-api-cert.pem",
  ])("accepts %s", (url) => {
    expect(checkCertChainUrl(url).pathname.startsWith("/echo.api/")).toBe(true);
  });

  it.each([
    "http://s3.amazonaws.com/echo.api/echo-api-cert.pem",
    "https://notamazon.com/echo.api/echo-api-cert.pem",
    "https://s3.amazonaws.com.evil.com/echo.api/echo-api-cert.pem",
    "https://s3.amazonaws.com/EcHo.aPi/echo-api-cert.pem",
    "https://s3.amazonaws.com/invalid.path/echo-api-cert.pem",
    "https://s3.amazonaws.com:563/echo.api/echo-api-cert.pem",
    "https://s3.amazonaws.com/echo.api/../x/cert.pem",
    "https://s3.amazonaws.com/echo.api/%2e%2e/x/cert.pem",
    "https://user:pw@s3.amazonaws.com/echo.api/cert.pem",
    "not a url",
  ])("refuses %s", (url) => {
    expect(() => checkCertChainUrl(url)).toThrow(AlexaVerificationError);
  });
});

describe("Alexa request verification", () => {
  let pki: TestPki;
  let clock = Date.now();
  const fetched: string[] = [];
  let served: Record<string, string>;
  const verifier = () =>
    new AlexaRequestVerifier({
      skillIds: [SKILL],
      trustAnchors: [pki.root],
      fetchChain: async (url) => {
        fetched.push(url);
        const pem = served[url];
        if (!pem) throw new Error("404");
        return pem;
      },
      now: () => clock,
    });

  beforeAll(() => {
    pki = createTestPki();
    clock = Date.now();
    served = {
      [TEST_CERT_URL]: pki.chainPem,
      "https://s3.amazonaws.com/echo.api/other.pem": pki.wrongNameChainPem,
      "https://s3.amazonaws.com/echo.api/rogue.pem": pki.untrustedChainPem,
    };
  });

  const now = () => new Date(clock).toISOString();

  it("accepts a correctly signed, current request and caches the chain by URL", async () => {
    const v = verifier();
    fetched.length = 0;
    for (const id of ["a", "b"]) {
      const body = envelope({ requestId: id, timestamp: now() });
      const parsed = (await v.verify(
        { signatureCertChainUrl: TEST_CERT_URL, signature256: sign256(body, pki.signingKeyPem) },
        Buffer.from(body),
      )) as { request: { requestId: string } };
      expect(parsed.request.requestId).toBe(id);
    }
    expect(fetched).toEqual([TEST_CERT_URL]);
  });

  it("refuses unsigned requests", async () => {
    const body = envelope({ timestamp: now() });
    expect(
      await refusal(verifier().verify({ signatureCertChainUrl: TEST_CERT_URL }, Buffer.from(body))),
    ).toBe("alexa_signature_missing");
    expect(
      await refusal(verifier().verify({ signature256: sign256(body, pki.signingKeyPem) }, Buffer.from(body))),
    ).toBe("alexa_signature_missing");
  });

  it("refuses a forged body (signature of other bytes)", async () => {
    const body = envelope({ timestamp: now() });
    const sig = sign256(body, pki.signingKeyPem);
    const forged = body.replace('"fr-FR"', '"en-GB"');
    expect(
      await refusal(
        verifier().verify({ signatureCertChainUrl: TEST_CERT_URL, signature256: sig }, Buffer.from(forged)),
      ),
    ).toBe("alexa_signature_invalid");
  });

  it("refuses a signature by a key that is not the certificate's", async () => {
    const body = envelope({ timestamp: now() });
    const sig = sign256(body, pki.wrongNameKeyPem);
    expect(
      await refusal(
        verifier().verify({ signatureCertChainUrl: TEST_CERT_URL, signature256: sig }, Buffer.from(body)),
      ),
    ).toBe("alexa_signature_invalid");
  });

  it("refuses a chain without echo-api.amazon.com and a chain to an untrusted root", async () => {
    const body = envelope({ timestamp: now() });
    const wrongName = {
      signatureCertChainUrl: "https://s3.amazonaws.com/echo.api/other.pem",
      signature256: sign256(body, pki.wrongNameKeyPem),
    };
    expect(await refusal(verifier().verify(wrongName, Buffer.from(body)))).toBe("alexa_cert_invalid");
    const rogue = {
      signatureCertChainUrl: "https://s3.amazonaws.com/echo.api/rogue.pem",
      signature256: sign256(body, pki.untrustedKeyPem),
    };
    expect(await refusal(verifier().verify(rogue, Buffer.from(body)))).toBe("alexa_cert_invalid");
  });

  it("refuses a certificate URL outside Amazon's rules before downloading anything", async () => {
    fetched.length = 0;
    const body = envelope({ timestamp: now() });
    const headers = {
      signatureCertChainUrl: "https://s3.amazonaws.com/echo.api/../x/cert.pem",
      signature256: sign256(body, pki.signingKeyPem),
    };
    expect(await refusal(verifier().verify(headers, Buffer.from(body)))).toBe("alexa_cert_url_invalid");
    expect(fetched).toEqual([]);
  });

  it("does not download a failing certificate URL again within a minute", async () => {
    const v = verifier();
    fetched.length = 0;
    const body = envelope({ timestamp: now() });
    const headers = {
      signatureCertChainUrl: "https://s3.amazonaws.com/echo.api/missing.pem",
      signature256: sign256(body, pki.signingKeyPem),
    };
    for (let i = 0; i < 3; i++)
      expect(await refusal(v.verify(headers, Buffer.from(body)))).toBe("alexa_cert_unavailable");
    expect(fetched).toEqual(["https://s3.amazonaws.com/echo.api/missing.pem"]);
  });

  it("refuses timestamps older than 150 s and in the future", async () => {
    for (const offset of [-151_000, 151_000]) {
      const body = envelope({ timestamp: new Date(clock + offset).toISOString() });
      const headers = {
        signatureCertChainUrl: TEST_CERT_URL,
        signature256: sign256(body, pki.signingKeyPem),
      };
      expect(await refusal(verifier().verify(headers, Buffer.from(body)))).toBe("alexa_timestamp_invalid");
    }
  });

  it("refuses a replay: the same request later is expired, and inside the window is a repeat", async () => {
    const v = verifier();
    const body = envelope({ requestId: "replayed", timestamp: now() });
    const headers = { signatureCertChainUrl: TEST_CERT_URL, signature256: sign256(body, pki.signingKeyPem) };
    await v.verify(headers, Buffer.from(body));
    expect(await refusal(v.verify(headers, Buffer.from(body)))).toBe("alexa_replayed");
    const start = clock;
    clock += 10 * 60_000;
    try {
      expect(await refusal(verifier().verify(headers, Buffer.from(body)))).toBe("alexa_timestamp_invalid");
    } finally {
      clock = start;
    }
  });

  it("refuses another skill's request", async () => {
    const body = envelope({ timestamp: now(), appId: "amzn1.ask.skill.someone-else" });
    const headers = { signatureCertChainUrl: TEST_CERT_URL, signature256: sign256(body, pki.signingKeyPem) };
    expect(await refusal(verifier().verify(headers, Buffer.from(body)))).toBe("alexa_wrong_application");
  });

  it("refuses a chain once its certificates have expired, even when cached", async () => {
    const v = verifier();
    const first = envelope({ requestId: "e1", timestamp: now() });
    await v.verify(
      { signatureCertChainUrl: TEST_CERT_URL, signature256: sign256(first, pki.signingKeyPem) },
      Buffer.from(first),
    );
    const start = clock;
    clock += 40 * 24 * 3600_000; // past the 10-day signing certificate and 30-day CAs
    try {
      const body = envelope({ requestId: "e2", timestamp: now() });
      const headers = {
        signatureCertChainUrl: TEST_CERT_URL,
        signature256: sign256(body, pki.signingKeyPem),
      };
      expect(await refusal(v.verify(headers, Buffer.from(body)))).toBe("alexa_cert_invalid");
    } finally {
      clock = start;
    }
  });
});
