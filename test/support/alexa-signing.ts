import { execFileSync } from "node:child_process";
import { createSign, X509Certificate } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * A throw-away PKI shaped like Amazon's: root CA -> intermediate CA -> signing certificate
 * with echo-api.amazon.com in its SANs, made with the openssl command at test time. Also a
 * certificate for another name and a chain from an untrusted root, to be refused.
 */
export interface TestPki {
  root: X509Certificate;
  /** PEM chain (signing cert first, then intermediate) as served at SignatureCertChainUrl. */
  chainPem: string;
  /** Same shape, but the signing certificate names www.example.com only. */
  wrongNameChainPem: string;
  /** A chain from a root nobody trusts. */
  untrustedChainPem: string;
  signingKeyPem: string;
  wrongNameKeyPem: string;
  untrustedKeyPem: string;
}

function openssl(dir: string, args: string[]): void {
  execFileSync("openssl", args, { cwd: dir, stdio: "pipe" });
}

function makeCa(dir: string, name: string, issuer?: string): void {
  if (!issuer) {
    openssl(dir, [
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-keyout",
      `${name}.key`,
      "-out",
      `${name}.pem`,
      "-days",
      "30",
      "-subj",
      `/CN=${name}`,
      "-addext",
      "basicConstraints=critical,CA:TRUE",
      "-addext",
      "keyUsage=critical,keyCertSign,cRLSign",
    ]);
    return;
  }
  issue(
    dir,
    name,
    `/CN=${name}`,
    issuer,
    30,
    "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n",
  );
}

function makeLeaf(dir: string, name: string, issuer: string, dns: string): void {
  issue(
    dir,
    name,
    `/CN=${dns}`,
    issuer,
    10,
    `subjectAltName=DNS:${dns}\nkeyUsage=critical,digitalSignature\n`,
  );
}

/** A new key and a certificate for `subject` signed by `issuer`, with `extensions` (openssl ext file). */
function issue(
  dir: string,
  name: string,
  subject: string,
  issuer: string,
  days: number,
  extensions: string,
): void {
  openssl(dir, [
    "req",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-keyout",
    `${name}.key`,
    "-out",
    `${name}.csr`,
    "-subj",
    subject,
  ]);
  writeFileSync(join(dir, `${name}.ext`), extensions);
  openssl(dir, [
    "x509",
    "-req",
    "-in",
    `${name}.csr`,
    "-CA",
    `${issuer}.pem`,
    "-CAkey",
    `${issuer}.key`,
    "-CAcreateserial",
    "-out",
    `${name}.pem`,
    "-days",
    String(days),
    "-extfile",
    `${name}.ext`,
  ]);
}

export function createTestPki(): TestPki {
  const dir = mkdtempSync(join(tmpdir(), "panier-alexa-pki-"));
  try {
    makeCa(dir, "root");
    makeCa(dir, "inter", "root");
    makeLeaf(dir, "signer", "inter", "echo-api.amazon.com");
    makeLeaf(dir, "other", "inter", "www.example.com");
    makeCa(dir, "rogue");
    makeLeaf(dir, "rogueSigner", "rogue", "echo-api.amazon.com");
    const read = (f: string) => readFileSync(join(dir, f), "utf8");
    // Certificates start at the current second: wait until "now" is inside their validity, so
    // that a request signed right away is not refused as "not yet valid".
    const notBefore = Date.parse(new X509Certificate(read("signer.pem")).validFrom);
    const wait = notBefore + 1000 - Date.now();
    if (wait > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, wait);
    return {
      root: new X509Certificate(read("root.pem")),
      chainPem: read("signer.pem") + read("inter.pem"),
      wrongNameChainPem: read("other.pem") + read("inter.pem"),
      untrustedChainPem: read("rogueSigner.pem") + read("rogue.pem"),
      signingKeyPem: read("signer.key"),
      wrongNameKeyPem: read("other.key"),
      untrustedKeyPem: read("rogueSigner.key"),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Signature-256 header value: base64 RSA SHA-256 over the exact body bytes. */
export function sign256(body: string | Buffer, keyPem: string): string {
  return createSign("sha256").update(body).sign(keyPem, "base64");
}

export const TEST_CERT_URL = "https://s3.amazonaws.com/echo.api/echo-api-cert-test.pem";

/** Headers of a request Alexa signed with `keyPem` over `body` (certificate chain at TEST_CERT_URL). */
export function signedAlexaHeaders(body: string, keyPem: string): Record<string, string> {
  return {
    "content-type": "application/json; charset=utf-8",
    signaturecertchainurl: TEST_CERT_URL,
    "signature-256": sign256(body, keyPem),
  };
}
