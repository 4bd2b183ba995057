/**
 * Writes a large generated catalog in the shared JSONL format, streaming (constant memory):
 *
 *   npx tsx bench/generate/catalog.ts --count 100000 --out bench/out/catalog-100k.jsonl \
 *     [--offers bench/out/offers-100k.jsonl] [--seed 1] [--reference data/demo/catalog.fr.jsonl]
 *
 * Same seed, same file. Offers go to the demo's three stores.
 */
import { createWriteStream, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { once } from "node:events";
import { parseArgs } from "node:util";
import { generateCatalog, offersFor, rng } from "./products.js";

const { values } = parseArgs({
  options: {
    count: { type: "string", default: "100000" },
    out: { type: "string" },
    offers: { type: "string" },
    seed: { type: "string", default: "1" },
    reference: { type: "string", default: "data/demo/catalog.fr.jsonl" },
  },
});
const count = Number(values.count);
if (!Number.isInteger(count) || count <= 0 || !values.out) {
  console.error("usage: catalog.ts --count N --out FILE [--offers FILE] [--seed S] [--reference FILE]");
  process.exit(2);
}

function open(path: string) {
  mkdirSync(dirname(path), { recursive: true });
  return createWriteStream(path, { highWaterMark: 1 << 20 });
}

async function write(stream: ReturnType<typeof open>, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, "drain");
}

const started = Date.now();
const out = open(values.out);
const offers = values.offers ? open(values.offers) : undefined;
const offerRand = rng(Number(values.seed) + 1);
let n = 0;
for (const p of generateCatalog(count, Number(values.seed), values.reference)) {
  await write(out, `${JSON.stringify(p)}\n`);
  if (offers) for (const o of offersFor(p, offerRand)) await write(offers, `${JSON.stringify(o)}\n`);
  if (++n % 100_000 === 0) process.stderr.write(`${n} products\n`);
}
out.end();
offers?.end();
await once(out, "finish");
if (offers) await once(offers, "finish");
console.error(
  `wrote ${n} products to ${values.out}${offers ? ` and their offers to ${values.offers}` : ""} in ${Date.now() - started} ms`,
);
