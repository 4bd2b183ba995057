import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importDemoData } from "../../src/commerce/index.js";
import {
  type Database,
  disposeTestDatabase,
  openDatabase,
  testDatabaseBackends,
} from "../../src/db/index.js";
import { buildApp } from "../../src/http/app.js";
import type { Principal } from "../../src/http/auth.js";
import { loadConfig } from "../../src/http/config.js";
import type { AppDeps } from "../../src/http/deps.js";
import { closeAppServices, createAppServices } from "../../src/http/services.js";
import { DEMO_DIR } from "./harness.js";

/**
 * Two API nodes — two app instances, each with its own connection pool — on one PostgreSQL
 * schema, as in a deployment behind a load balancer. Only PostgreSQL can show this: PGlite is
 * one process's database and runs one transaction at a time.
 */
const postgres = testDatabaseBackends().find((b) => b.name === "postgres");
const PRINCIPALS: Record<string, Principal> = { claire: { kind: "shopper", customerId: "cust-claire" } };

describe.runIf(postgres)("two server nodes on one PostgreSQL", () => {
  let first: Database;
  let second: Database;
  const nodes: { app: FastifyInstance; deps: AppDeps }[] = [];

  beforeAll(async () => {
    first = await postgres!.open();
    await importDemoData(first, DEMO_DIR);
    const [row] = await first.query<{ s: string }>("SELECT current_schema() AS s");
    second = await openDatabase({
      url: process.env.PANIER_TEST_DATABASE_URL,
      schemaName: row!.s,
      maxConnections: 10,
    });
    for (const db of [first, second]) {
      const base = await createAppServices(db, loadConfig({}));
      const deps: AppDeps = { ...base, tokenResolvers: [async (t) => PRINCIPALS[t] ?? null] };
      nodes.push({ deps, app: await buildApp(deps, { logger: false }) });
    }
  }, 120_000);
  afterAll(async () => {
    for (const n of nodes) {
      await n.app.close();
      await closeAppServices(n.deps);
    }
    await second.close();
    await disposeTestDatabase(first);
  });

  const post = (
    node: number,
    id: string,
    body: Record<string, unknown>,
    headers: Record<string, string> = {},
  ) =>
    nodes[node]!.app.inject({
      method: "POST",
      url: `/v1/conversations/${id}/turns`,
      headers,
      payload: { locale: "fr-FR", storeId: "LYO-PARTDIEU", ...body },
    });

  it("serves alternate turns of one conversation on either node without losing state", async () => {
    const auth = { authorization: "Bearer claire" };
    type Body = {
      awaiting?: string;
      reply: { text: string };
      cart: { lines: { quantity: number }[] };
      order?: { status: string };
    };
    const steps: [string, (b: Body) => void][] = [
      ["ajoute deux huiles d'olive Puget", (b) => expect(b.cart.lines).toHaveLength(1)],
      ["ajoute de la bière ambrée", (b) => expect(b.awaiting).toBe("choice")],
      // The answer reaches the other node: the pending question came from the database.
      ["le deuxième", (b) => expect(b.cart.lines).toHaveLength(2)],
      ["plutôt trois", (b) => expect(b.cart.lines.map((l) => l.quantity)).toContain(3)],
      ["annule", (b) => expect(b.cart.lines.map((l) => l.quantity).sort()).toEqual([1, 2])],
      ["samedi vers 10 h", (b) => expect(b.reply.text).toMatch(/réservé/)],
      ["je veux commander", (b) => expect(b.awaiting).toBe("confirmation")],
      ["oui", (b) => expect(b.order?.status).toBe("placed")],
    ];
    for (const [i, [text, check]] of steps.entries()) {
      const res = await post(i % 2, "two-nodes-1", { text, turnId: `t${i}` }, auth);
      expect(res.statusCode, text).toBe(200);
      if (process.env.DEBUG_TURNS) console.log(text, "->", res.json().reply.text);
      check(res.json());
    }
    // The confirmation retried on the other node replays the reply; one order exists.
    const retried = await post(0, "two-nodes-1", { text: "oui", turnId: `t${steps.length - 1}` }, auth);
    expect(retried.json().order?.status).toBe("placed");
    const [orders] = await first.query<{ n: string }>(
      "SELECT count(*) AS n FROM orders WHERE customer_id = 'cust-claire'",
    );
    expect(Number(orders!.n)).toBe(1);
  });

  it("applies concurrent turns on one conversation one at a time, from both nodes", async () => {
    const start = await post(0, "two-nodes-2", { text: "mon panier" });
    const token = start.json().conversationToken as string;
    const headers = { "panier-conversation-token": token };
    const n = 12;
    const replies = await Promise.all(
      Array.from({ length: n }, (_, i) =>
        post(i % 2, "two-nodes-2", { text: "ajoute une huile d'olive Puget" }, headers),
      ),
    );
    expect(replies.map((r) => r.statusCode)).toEqual(Array(n).fill(200));
    // Each turn saw the one before it: the quantities said back are 1..n, each once.
    const quantities = replies.map((r) => r.json().cart.lines[0].quantity as number).sort((a, b) => a - b);
    expect(quantities).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    const [conv] = await second.query<{ version: number }>(
      "SELECT version FROM conversations WHERE id = 'two-nodes-2'",
    );
    expect(conv!.version).toBe(n + 1);
    const seqs = await first.query<{ seq: number }>(
      "SELECT seq FROM conversation_turns WHERE conversation_id = 'two-nodes-2' ORDER BY seq",
    );
    expect(seqs.map((r) => r.seq)).toEqual(Array.from({ length: n + 1 }, (_, i) => i + 1));
    // The same platform retry landing on both nodes at once acts once.
    const twice = await Promise.all(
      [0, 1].map((node) =>
        post(node, "two-nodes-2", { text: "ajoute une huile d'olive Puget", turnId: "dup" }, headers),
      ),
    );
    expect(twice[0]!.json()).toEqual(twice[1]!.json());
    const after = await post(1, "two-nodes-2", { text: "mon panier" }, headers);
    expect(after.json().cart.lines[0].quantity).toBe(n + 1);
  });
});
