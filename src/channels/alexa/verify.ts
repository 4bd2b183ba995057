import { verify as verifySignature, X509Certificate } from "node:crypto";
import { rootCertificates } from "node:tls";

/**
 * Checks that a request really comes from Alexa, as Amazon requires of skills hosted as web
 * services ("Verifying that the request was sent by Alexa"):
 * 1. the SignatureCertChainUrl header is an https URL on s3.amazonaws.com (port 443 if any)
 *    whose normalised path starts with /echo.api/;
 * 2. the PEM chain found there is valid now, chains to a trusted root CA, and its signing
 *    certificate names echo-api.amazon.com among its subject alternative names;
 * 3. the Signature-256 header is an RSA SHA-256 signature of the raw body bytes by that
 *    certificate;
 * 4. request.timestamp is within 150 s of now (and not in the future beyond that);
 * plus the skill's application id, and a refusal of a request id seen inside that window.
 * Failing any of these, Amazon asks for HTTP 400.
 */
export class AlexaVerificationError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const fail = (code: string, message: string): never => {
  throw new AlexaVerificationError(code, message);
};

/** Amazon's documented tolerance for request.timestamp. */
export const ALEXA_TIMESTAMP_TOLERANCE_MS = 150_000;
const SIGNING_DOMAIN = "echo-api.amazon.com";

/**
 * Rule 1. Parsed with the WHATWG URL so that dot segments are resolved before the path is
 * checked: "/echo.api/../x/cert.pem" becomes "/x/cert.pem" and is refused (url.parse, used by
 * the official adapter, leaves it as is and lets it through). Host comparison is
 * case-insensitive (URL lower-cases it); the path is case-sensitive.
 */
export function checkCertChainUrl(raw: string | undefined): URL {
  if (!raw) return fail("alexa_signature_missing", "The SignatureCertChainUrl header is missing");
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return fail("alexa_cert_url_invalid", "SignatureCertChainUrl is not a URL");
  }
  if (url.protocol !== "https:") fail("alexa_cert_url_invalid", "SignatureCertChainUrl must use https");
  if (url.hostname !== "s3.amazonaws.com")
    fail("alexa_cert_url_invalid", "SignatureCertChainUrl must be on s3.amazonaws.com");
  // The URL parser drops the default port, so "" here means none or 443.
  if (url.port !== "" && url.port !== "443")
    fail("alexa_cert_url_invalid", "SignatureCertChainUrl must use port 443");
  if (url.username || url.password) fail("alexa_cert_url_invalid", "SignatureCertChainUrl has credentials");
  if (!url.pathname.startsWith("/echo.api/"))
    fail("alexa_cert_url_invalid", "SignatureCertChainUrl path must start with /echo.api/");
  return url;
}

/** Splits a PEM bundle into certificates, signing certificate first. */
export function parsePemChain(pem: string): X509Certificate[] {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0) fail("alexa_cert_invalid", "The certificate chain holds no certificate");
  try {
    return blocks.map((b) => new X509Certificate(b));
  } catch {
    return fail("alexa_cert_invalid", "The certificate chain cannot be parsed");
  }
}

function checkDates(cert: X509Certificate, now: number): void {
  const from = Date.parse(cert.validFrom);
  const to = Date.parse(cert.validTo);
  if (!(from <= now && now <= to))
    fail(
      "alexa_cert_invalid",
      `A certificate of the chain is not valid now (${cert.validFrom} to ${cert.validTo})`,
    );
}

const issuedBy = (child: X509Certificate, parent: X509Certificate): boolean =>
  child.checkIssued(parent) && child.verify(parent.publicKey);

/**
 * Rule 2. Each certificate must be signed by the next, every issuer a CA, every certificate in
 * its validity period, and the last one either a trusted root or signed by one.
 */
export function checkChain(chain: X509Certificate[], roots: X509Certificate[], now: number): void {
  const leaf = chain[0]!;
  const sans = (leaf.subjectAltName ?? "").split(/,\s*/);
  if (!sans.includes(`DNS:${SIGNING_DOMAIN}`))
    fail("alexa_cert_invalid", `The signing certificate does not name ${SIGNING_DOMAIN}`);
  for (const cert of chain) checkDates(cert, now);
  for (let i = 0; i + 1 < chain.length; i++) {
    const parent = chain[i + 1]!;
    if (!parent.ca || !issuedBy(chain[i]!, parent))
      fail("alexa_cert_invalid", "The certificate chain is broken");
  }
  const top = chain[chain.length - 1]!;
  const anchored = roots.some(
    (root) =>
      root.fingerprint256 === top.fingerprint256 || (root.ca && issuedBy(top, root) && isCurrent(root, now)),
  );
  if (!anchored) fail("alexa_cert_invalid", "The certificate chain does not lead to a trusted root");
}

function isCurrent(cert: X509Certificate, now: number): boolean {
  return Date.parse(cert.validFrom) <= now && now <= Date.parse(cert.validTo);
}

/** Fetches a PEM chain over https without following redirects; size-capped. */
export async function fetchCertChain(url: string): Promise<string> {
  const res = await fetch(url, { redirect: "error", signal: AbortSignal.timeout(3000) });
  if (!res.ok) throw new Error(`certificate download answered ${res.status}`);
  const text = await res.text();
  if (text.length > 64 * 1024) throw new Error("certificate chain too large");
  return text;
}

export interface AlexaVerifierOptions {
  /** Accepted application ids (PANIER_ALEXA_SKILL_ID). */
  skillIds: string[];
  /** Trusted root CAs; default: Node's bundled Mozilla roots, as Amazon's chain uses a public CA. */
  trustAnchors?: X509Certificate[];
  /** Downloads the PEM chain; tests inject one that serves a chain signed by a test CA. */
  fetchChain?: (url: string) => Promise<string>;
  now?: () => number;
  toleranceMs?: number;
}

export interface VerifiedAlexaHeaders {
  signatureCertChainUrl?: string;
  signature256?: string;
}

interface CachedChain {
  leaf: X509Certificate;
  /** Epoch ms after which the chain must be fetched and checked again. */
  expiresAt: number;
}

/** The minimum an envelope must hold for verification; decoding proper happens after. */
interface EnvelopeHead {
  requestId: string;
  timestamp: string;
  /** Every application id the envelope names (context.System and session); all must match. */
  applicationIds: string[];
}

export class AlexaRequestVerifier {
  private readonly roots: X509Certificate[];
  private readonly fetchChain: (url: string) => Promise<string>;
  private readonly now: () => number;
  private readonly tolerance: number;
  private readonly chains = new Map<string, CachedChain>();
  private readonly failures = new Map<string, number>();
  private readonly downloads = new Map<string, Promise<string>>();
  /** Request ids seen inside the timestamp window: a replay within it is refused too. */
  private readonly seen = new Map<string, number>();

  constructor(private readonly options: AlexaVerifierOptions) {
    this.roots = options.trustAnchors ?? rootCertificates.map((pem) => new X509Certificate(pem));
    this.fetchChain = options.fetchChain ?? fetchCertChain;
    this.now = options.now ?? Date.now;
    this.tolerance = options.toleranceMs ?? ALEXA_TIMESTAMP_TOLERANCE_MS;
  }

  /** Verifies the headers and raw body; returns the parsed JSON body on success. */
  async verify(headers: VerifiedAlexaHeaders, rawBody: Buffer): Promise<unknown> {
    const url = checkCertChainUrl(headers.signatureCertChainUrl);
    if (!headers.signature256) fail("alexa_signature_missing", "The Signature-256 header is missing");
    const leaf = await this.signingCertificate(url.href);
    const signature = Buffer.from(headers.signature256!, "base64");
    let ok = false;
    try {
      ok = verifySignature("sha256", rawBody, leaf.publicKey, signature);
    } catch {
      ok = false;
    }
    if (!ok) fail("alexa_signature_invalid", "Signature-256 does not match the request body");

    let body: unknown;
    try {
      body = JSON.parse(rawBody.toString("utf8"));
    } catch {
      return fail("alexa_body_invalid", "The request body is not JSON");
    }
    const head = envelopeHead(body);
    this.checkTimestamp(head.timestamp);
    if (
      head.applicationIds.length === 0 ||
      !head.applicationIds.every((id) => this.options.skillIds.includes(id))
    )
      fail("alexa_wrong_application", "The request is for another skill");
    this.checkReplay(head.requestId);
    return body;
  }

  private checkTimestamp(timestamp: string): void {
    const at = Date.parse(timestamp);
    if (Number.isNaN(at)) fail("alexa_timestamp_invalid", "request.timestamp is not a date");
    const now = this.now();
    if (at > now + this.tolerance || now - at > this.tolerance)
      fail("alexa_timestamp_invalid", "request.timestamp is more than 150 seconds away from now");
  }

  private checkReplay(requestId: string): void {
    const now = this.now();
    for (const [id, at] of this.seen) {
      if (now - at <= 2 * this.tolerance) break; // insertion order: the rest are newer
      this.seen.delete(id);
    }
    if (this.seen.has(requestId)) fail("alexa_replayed", "This request was already received");
    this.seen.set(requestId, now);
  }

  private async signingCertificate(url: string): Promise<X509Certificate> {
    const now = this.now();
    const cached = this.chains.get(url);
    if (cached && now < cached.expiresAt) return cached.leaf;
    // A URL that just failed is not fetched again for a minute, and concurrent requests share
    // one download: forged requests must not make this server hammer S3.
    const failedAt = this.failures.get(url);
    if (failedAt !== undefined && now - failedAt < 60_000)
      fail("alexa_cert_unavailable", "The signing certificate chain could not be downloaded");
    let pending = this.downloads.get(url);
    if (!pending) {
      pending = this.fetchChain(url).finally(() => this.downloads.delete(url));
      this.downloads.set(url, pending);
    }
    let pem: string;
    try {
      pem = await pending;
    } catch {
      this.remember(this.failures, url, now);
      return fail("alexa_cert_unavailable", "The signing certificate chain could not be downloaded");
    }
    let chain: X509Certificate[];
    try {
      chain = parsePemChain(pem);
      checkChain(chain, this.roots, now);
    } catch (err) {
      this.remember(this.failures, url, now);
      throw err;
    }
    const expiresAt = Math.min(...chain.map((c) => Date.parse(c.validTo)));
    this.remember(this.chains, url, { leaf: chain[0]!, expiresAt });
    this.failures.delete(url);
    return chain[0]!;
  }

  /** Amazon uses a handful of URLs: a small map, emptied if something floods it. */
  private remember<V>(map: Map<string, V>, url: string, value: V): void {
    if (map.size >= 64) map.clear();
    map.set(url, value);
  }
}

function envelopeHead(body: unknown): EnvelopeHead {
  const b = body as {
    session?: { application?: { applicationId?: unknown } };
    context?: { System?: { application?: { applicationId?: unknown } } };
    request?: { requestId?: unknown; timestamp?: unknown };
  } | null;
  const requestId = b?.request?.requestId;
  const timestamp = b?.request?.timestamp;
  if (typeof requestId !== "string" || typeof timestamp !== "string")
    fail("alexa_body_invalid", "The request has no request.requestId or request.timestamp");
  // context.System is always sent; session is absent for some out-of-session requests.
  const ids = [b?.context?.System?.application?.applicationId, b?.session?.application?.applicationId];
  return {
    requestId: requestId as string,
    timestamp: timestamp as string,
    applicationIds: ids.filter((id): id is string => typeof id === "string"),
  };
}
