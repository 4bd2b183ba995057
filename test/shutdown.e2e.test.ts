import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type StartedServer, startServer } from "../src/cli/server.js";
import { loadConfig } from "../src/http/index.js";

vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

/** Raw HTTP on a real socket: what clients that do not go through fetch may send. */
function rawRequest(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => socket.write(text));
    let out = "";
    socket.on("data", (d) => {
      out += d;
    });
    socket.on("error", reject);
    socket.on("close", () => resolve(out));
  });
}

describe("the HTTP server in its process", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "panier-stop-"));
  const config = loadConfig({ PANIER_DATA_DIR: dataDir, PORT: "0", HOST: "127.0.0.1", PANIER_DEMO: "off" });
  let server: StartedServer;
  beforeAll(async () => {
    server = await startServer(config, pino({ level: "silent" }));
  });
  afterAll(async () => {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("answers a request Node cannot parse (raw UTF-8 in the URL) with a JSON error carrying a code", async () => {
    const { port } = new URL(server.url);
    const res = await rawRequest(
      Number(port),
      "GET /v1/products?q=lait demi-écrémé HTTP/1.1\r\nHost: x\r\n\r\n",
    );
    expect(res).toMatch(/^HTTP\/1\.1 400/);
    const body = JSON.parse(res.slice(res.indexOf("\r\n\r\n") + 4));
    expect(body.error.code).toBe("malformed_request");
    expect(body.error.message).toMatch(/percent-encode/);
  });

  it("finishes a request in flight, refuses new connections, then closes the database and frees the folder", async () => {
    const admin = readFileSync(join(dataDir, "admin.key"), "utf8").trim();
    const { port } = new URL(server.url);

    // A request whose body is still arriving when the stop begins.
    const body = JSON.stringify({ name: "late", scopes: ["channel"] });
    const socket = connect(Number(port), "127.0.0.1");
    await new Promise<void>((r) => socket.once("connect", () => r()));
    let response = "";
    socket.on("data", (d) => {
      response += d;
    });
    const ended = new Promise<void>((r) => socket.once("close", () => r()));
    socket.write(
      `POST /v1/admin/keys HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${admin}\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 10)}`,
    );
    await new Promise((r) => setTimeout(r, 200));

    let stopped = false;
    const stopping = server.stop().then(() => {
      stopped = true;
    });
    await new Promise((r) => setTimeout(r, 200));
    expect(stopped).toBe(false);
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();

    socket.write(body.slice(10));
    await ended;
    expect(response).toMatch(/^HTTP\/1\.1 201/);
    expect(response).toContain('"name":"late"');
    // Its keep-alive connection closes with it, so the stop need not wait for the client.
    expect(response.toLowerCase()).toContain("connection: close");
    await stopping;
    expect(existsSync(join(dataDir, "server.lock"))).toBe(false);

    // The data survived the stop: a new server on the folder sees the key made in flight.
    const again = await startServer(config, pino({ level: "silent" }));
    try {
      const keys = await fetch(`${again.url}/v1/admin/keys`, {
        headers: { authorization: `Bearer ${admin}` },
      });
      const names = ((await keys.json()) as { items: { name: string }[] }).items.map((k) => k.name);
      expect(names).toContain("late");
    } finally {
      await again.stop();
    }
  });
});
