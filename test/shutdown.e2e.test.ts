import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { afterAll, describe, expect, it, vi } from "vitest";
import { startServer } from "../src/cli/server.js";
import { loadConfig } from "../src/http/index.js";

vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

describe("graceful stop", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "panier-stop-"));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("finishes a request in flight, refuses new connections, then closes the database and frees the folder", async () => {
    const config = loadConfig({ PANIER_DATA_DIR: dataDir, PORT: "0", HOST: "127.0.0.1", PANIER_DEMO: "off" });
    const server = await startServer(config, pino({ level: "silent" }));
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
