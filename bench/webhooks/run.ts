// Dialogflow CX webhook turns per second and p99 latency on PostgreSQL, each autocannon
// connection being one conversation (its own CX session) saying a shopping sentence per turn,
// against a bare Fastify route answering a WebhookResponse-sized constant in the same run on
// the same loopback (the ceiling).
//
//   npx tsx bench/webhooks/run.ts [--connections 16] [--duration 10] [--dialog real|minimal]
//
// DATABASE_URL (or PANIER_TEST_DATABASE_URL) picks the server; default
// postgres://postgres@127.0.0.1:5432/test. Works in a fresh schema that it drops at the end.
// --dialog real (the default when the dialog exports createDialog) runs the whole engine:
// understanding, resolution, cart writes and the conversation's stored state. --dialog minimal
// answers a fixed reply without touching the database: it measures the adapter alone.
import { randomBytes, randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import Fastify from "fastify";
import { type ChannelServices, createVoiceWebhooks } from "../../src/channels/index.js";
import { loadDemoData } from "../../src/cli/demo-data.js";
import { openDatabase } from "../../src/db/index.js";
import type { Reply, Turn } from "../../src/dialog/index.js";
import { buildApp, closeAppServices, createAppServices, loadConfig } from "../../src/http/index.js";
import { realDialog } from "./dialog.js";

const { values } = parseArgs({
  options: {
    connections: { type: "string", default: "16" },
    duration: { type: "string", default: "10" },
    dialog: { type: "string" },
  },
});
const CONNECTIONS = Number(values.connections);
const DURATION = Number(values.duration);
const url =
  process.env.DATABASE_URL ||
  process.env.PANIER_TEST_DATABASE_URL ||
  "postgres://postgres@127.0.0.1:5432/test";
const schemaName = `bench_webhooks_${randomBytes(3).toString("hex")}`;
const SECRET = "bench-secret";
const AGENT = "projects/bench/locations/europe-west1/agents/4b6ff0a2-1c55-4c36-9f22-7d8b1e2a9c10";
const SENTENCES = [
  "ajoute deux packs de lait",
  "mets un kilo de tomates",
  "rajoute six oeufs",
  "qu'est-ce qu'il y a dans mon panier",
  "enlève les tomates",
];

const minimalReply = (turn: Turn): Reply => ({
  intent: "add_to_cart",
  text: `C'est noté : ${turn.text}. Autre chose ?`,
  ssml: `<speak>C'est noté : ${turn.text}. <break time="200ms"/>Autre chose ?</speak>`,
  suggestions: ["Voir mon panier", "Commander"],
  cart: {
    lines: [{ id: "3250000000001", name: "Lait demi-écrémé 6 x 1 L", quantity: 2, total_cents: 1188 }],
    total_cents: 1188,
  },
});

function webhookRequest(session: string, text: string) {
  return JSON.stringify({
    detectIntentResponseId: randomUUID(),
    pageInfo: { currentPage: `${AGENT}/flows/00000000-0000-0000-0000-000000000000/pages/START_PAGE` },
    sessionInfo: { session: `${AGENT}/sessions/${session}`, parameters: {} },
    fulfillmentInfo: { tag: "panier" },
    text,
    languageCode: "fr",
  });
}

async function load(target: string, title: string) {
  let conversations = 0;
  const result = await autocannon({
    url: target,
    connections: CONNECTIONS,
    duration: DURATION,
    requests: [
      {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${SECRET}` },
        setupRequest: (req, ctx) => {
          const context = ctx as Record<string, unknown>;
          // One conversation per connection: its own session, its own sequence of sentences.
          if (context.session === undefined) {
            context.session = `bench-${conversations++}-${randomBytes(4).toString("hex")}`;
            context.turn = 0;
          }
          const turn = (context.turn as number)++;
          return {
            ...req,
            body: webhookRequest(context.session as string, SENTENCES[turn % SENTENCES.length]!),
          };
        },
      },
    ],
  });
  const bad = result.non2xx + result.errors + result.timeouts;
  console.log(
    `${title.padEnd(28)} ${result.requests.average.toFixed(0).padStart(7)} turns/s   p50 ${String(result.latency.p50).padStart(4)} ms   p99 ${String(result.latency.p99).padStart(4)} ms   ${bad ? `(${bad} failed)` : ""}`,
  );
  return result;
}

/** The same load on dialog.handle directly, without HTTP: what the webhook adds is the difference. */
async function direct(dialog: ChannelServices["dialog"], store: string) {
  const latencies: number[] = [];
  const end = performance.now() + DURATION * 1000;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async (_, c) => {
      const conversationId = `direct-${c}-${randomBytes(4).toString("hex")}`;
      for (let turn = 0; performance.now() < end; turn++) {
        const t0 = performance.now();
        await dialog.handle({
          conversationId,
          turnId: randomUUID(),
          storeId: store,
          locale: "fr-FR",
          text: SENTENCES[turn % SENTENCES.length]!,
        });
        latencies.push(performance.now() - t0);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  const rate = latencies.length / DURATION;
  console.log(
    `${"dialog.handle, no HTTP".padEnd(28)} ${rate.toFixed(0).padStart(7)} turns/s   p50 ${at(0.5).toFixed(0).padStart(4)} ms   p99 ${at(0.99).toFixed(0).padStart(4)} ms`,
  );
  return { rate, p99: at(0.99) };
}

async function main(): Promise<void> {
  const db = await openDatabase({ url, schemaName, maxConnections: CONNECTIONS + 4 });
  const config = loadConfig({ ...process.env, PANIER_PUBLIC_URL: "http://127.0.0.1" });
  const deps = await createAppServices(db, config);
  try {
    await loadDemoData(db);
    const real = values.dialog !== "minimal" ? await realDialog(deps) : undefined;
    if (values.dialog === "real" && !real) throw new Error("the real dialog is not available in this build");
    const store = (await db.query<{ code: string }>("SELECT code FROM stores ORDER BY code LIMIT 1"))[0]!
      .code;
    const services: ChannelServices = {
      dialog: real ?? { handle: async (turn) => minimalReply(turn) },
      shopperForToken: async () => null,
      storeFor: async () => store,
    };
    const app = await buildApp(
      { ...deps, voice: createVoiceWebhooks({ services, env: { PANIER_DFCX_SECRET: SECRET } }) },
      { logger: false },
    );
    const panierUrl = await app.listen({ host: "127.0.0.1", port: 0 });

    // The ceiling: the same request, a bare route answering a constant of the same shape.
    const bare = Fastify({ logger: false });
    const constant = JSON.stringify({
      fulfillmentResponse: {
        messages: [
          { text: { text: ["C'est noté. Autre chose ?"] } },
          { outputAudioText: { ssml: "<speak>C'est noté.</speak>" } },
        ],
        mergeBehavior: "REPLACE",
      },
      sessionInfo: { parameters: { panier_conversation: "x", panier_awaiting: null, panier_end: false } },
    });
    bare.post("/webhooks/dialogflow-cx", async (_req, reply) =>
      reply.type("application/json").send(constant),
    );
    const bareUrl = await bare.listen({ host: "127.0.0.1", port: 0 });

    // One conversation first, printed: the load below must measure real answers, not apologies.
    for (const text of SENTENCES) {
      const res = await app.inject({
        method: "POST",
        url: "/webhooks/dialogflow-cx",
        headers: { "content-type": "application/json", authorization: `Bearer ${SECRET}` },
        payload: webhookRequest("bench-sample", text),
      });
      const said = res.json().fulfillmentResponse?.messages?.[0]?.text?.text?.[0] ?? res.body;
      console.log(`  « ${text} » -> ${said}`);
    }
    console.log(
      `Dialogflow CX webhook on PostgreSQL, ${CONNECTIONS} concurrent conversations, ${DURATION} s each, dialog: ${real ? "real" : "minimal (adapter only)"}`,
    );
    const ceiling = await load(`${bareUrl}/webhooks/dialogflow-cx`, "bare Fastify route (ceiling)");
    const engine = await direct(services.dialog, store);
    const panier = await load(`${panierUrl}/webhooks/dialogflow-cx`, "Panier CX webhook");
    console.log(
      `webhook / ceiling: ${(panier.requests.average / ceiling.requests.average).toFixed(3)} of the throughput, p99 ${panier.latency.p99} ms vs ${ceiling.latency.p99} ms`,
    );
    console.log(
      `webhook / dialog alone: ${(panier.requests.average / engine.rate).toFixed(3)} of the throughput, p99 ${panier.latency.p99} ms vs ${engine.p99.toFixed(0)} ms`,
    );
    await app.close();
    await bare.close();
  } finally {
    await closeAppServices(deps);
    await db.query(`DROP SCHEMA ${schemaName} CASCADE`).catch(() => {});
    await db.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
