/**
 * Conversation turns against the cheapest write they contain, in the same run:
 *
 *   npx tsx bench/conversation/run.ts [--turns 200] [--pg postgres://...]
 *
 * Each turn is a full `dialog.handle`: lease on the conversation row, understanding over the
 * demo catalog, a cart change, the stored reply and the new state. The baseline is a bare
 * single-row INSERT on the same database, so the ratio says what a turn costs in writes' worth.
 */
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { buildProductIndex, loadActiveProducts } from "../../src/catalog/index.js";
import { createCommerce, importDemoData } from "../../src/commerce/index.js";
import { openDatabase } from "../../src/db/index.js";
import { createDialog, createEngineUnderstander, engineFor } from "../../src/dialog/index.js";

const { values } = parseArgs({
  options: { turns: { type: "string", default: "200" }, pg: { type: "string" } },
});
const turns = Number(values.turns);
const DEMO = fileURLToPath(new URL("../../data/demo/", import.meta.url));
const schemaName = values.pg ? `bench_conv_${randomBytes(3).toString("hex")}` : undefined;
const db = await openDatabase(values.pg ? { url: values.pg, schemaName } : {});
await importDemoData(db, DEMO);
const commerce = createCommerce(db);
const index = buildProductIndex(await loadActiveProducts(db));
const dialog = createDialog({
  db,
  commerce,
  understander: createEngineUnderstander({ db, engine: () => engineFor(index) }),
});
await db.query("CREATE TABLE bench_rows (id serial PRIMARY KEY, conversation text, payload jsonb)");

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))]!;
const texts = [
  "ajoute une huile d'olive Puget",
  "qu'est-ce qu'il y a dans mon panier",
  "plutôt deux",
  "annule",
];

// Warm-up: the engine's lexicon and the first cart.
await dialog.handle({ conversationId: "warm", storeId: "LYO-PARTDIEU", locale: "fr-FR", text: texts[0]! });

const turnMs: number[] = [];
for (let i = 0; i < turns; i++) {
  const t = performance.now();
  await dialog.handle({
    conversationId: `bench-${i % 20}`,
    storeId: "LYO-PARTDIEU",
    locale: "fr-FR",
    text: texts[i % texts.length]!,
  });
  turnMs.push(performance.now() - t);
}
const insertMs: number[] = [];
for (let i = 0; i < turns; i++) {
  const t = performance.now();
  await db.query("INSERT INTO bench_rows (conversation, payload) VALUES ($1, $2)", [
    `c${i}`,
    JSON.stringify({ i }),
  ]);
  insertMs.push(performance.now() - t);
}
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
console.log(`${db.kind}, ${turns} turns over 20 conversations`);
console.log(
  `turn:          p50 ${pct(turnMs, 50).toFixed(2)} ms  p99 ${pct(turnMs, 99).toFixed(2)} ms  mean ${mean(turnMs).toFixed(2)} ms`,
);
console.log(
  `bare insert:   p50 ${pct(insertMs, 50).toFixed(2)} ms  p99 ${pct(insertMs, 99).toFixed(2)} ms  mean ${mean(insertMs).toFixed(2)} ms`,
);
console.log(`ratio (mean):  one turn = ${(mean(turnMs) / mean(insertMs)).toFixed(1)} bare inserts`);
if (schemaName) await db.query(`DROP SCHEMA ${schemaName} CASCADE`);
await db.close();
