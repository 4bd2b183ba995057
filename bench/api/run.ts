/**
 * Read API throughput against the cheapest route in the same run, the catalog reload time
 * against a bare read of the products it loads, and what an offers change costs a node (no
 * index rebuild) against that reload:
 *
 *   npx tsx bench/api/run.ts [--seconds 5] [--connections 10] [--reload-only] [--url postgres://...] \
 *     [--catalog bench/out/catalog-100k.jsonl --offers bench/out/offers-100k.jsonl]
 *
 * Embedded PGlite in memory (or a scratch schema on the PostgreSQL at --url, dropped at the end)
 * with the demo stores (and the demo catalog unless --catalog is given); the server runs in this
 * process, autocannon drives it over HTTP.
 */
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { markCatalogChanged, markOffersChanged } from "../../src/catalog/index.js";
import { importDemoData, importFile } from "../../src/commerce/index.js";
import { openDatabase } from "../../src/db/index.js";
import { buildApp, closeAppServices, createAppServices, loadConfig } from "../../src/http/index.js";

const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: "5" },
    connections: { type: "string", default: "10" },
    catalog: { type: "string" },
    offers: { type: "string" },
    "reload-only": { type: "boolean", default: false },
    url: { type: "string" },
  },
});
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const DEMO = fileURLToPath(new URL("../../data/demo/", import.meta.url));

const schemaName = values.url ? `bench_api_${process.pid}` : undefined;
const db = await openDatabase(values.url ? { url: values.url, schemaName } : {});
if (values.catalog) {
  await importFile(db, "stores", `${DEMO}stores.fr.json`);
  const t = Date.now();
  const r = await importFile(db, "catalog", values.catalog, { mode: "delta" });
  console.log(`catalog: ${r.read} products imported in ${Date.now() - t} ms`);
  if (values.offers) await importFile(db, "offers", values.offers, { mode: "delta" });
} else {
  await importDemoData(db, DEMO);
}
const deps = await createAppServices(db, loadConfig({ PANIER_CATALOG_POLL_MS: "0" }));
const app = await buildApp(deps, { logger: false });
const base = await app.listen({ port: 0, host: "127.0.0.1" });
const products = deps.catalog.snapshot.products;
const sample = products[Math.floor(products.length / 2)]!;

async function rate(path: string): Promise<{ rps: number; p99: number; errors: number }> {
  const r = await autocannon({ url: base + path, connections, duration: seconds });
  return { rps: r.requests.average, p99: r.latency.p99, errors: r.non2xx + r.errors };
}

const routes: [string, string][] = [
  ["GET /healthz (baseline: one SELECT 1)", "/healthz"],
  ["search 'lait demi-écrémé'", `/v1/products?q=${encodeURIComponent("lait demi-écrémé")}&limit=20`],
  [
    "search 'creme fraiche' in a store",
    `/v1/products?q=${encodeURIComponent("creme fraiche")}&store=LYO-PARTDIEU`,
  ],
  ["list a category by popularity", `/v1/products?category=${encodeURIComponent("Crèmerie")}&limit=20`],
  ["one product with a store's offer", `/v1/products/${sample.id}?store=LYO-PARTDIEU`],
  ["GET /v1/stores", "/v1/stores"],
];
console.log(`${products.length} products, ${connections} connections, ${seconds} s per route`);
let baseline = 0;
for (const [label, path] of values["reload-only"] ? [] : routes) {
  const r = await rate(path);
  if (!baseline) baseline = r.rps;
  console.log(
    `${label.padEnd(40)} ${r.rps.toFixed(0).padStart(7)} req/s  p99 ${String(r.p99).padStart(4)} ms  ` +
      `x${(r.rps / baseline).toFixed(2)} of baseline${r.errors ? `  (${r.errors} errors)` : ""}`,
  );
}

// Reload: what a node pays when the catalog changes elsewhere, against reading the rows alone.
let t = performance.now();
await db.query("SELECT * FROM products WHERE active");
const bareRead = performance.now() - t;
/** The longest gap between ticks of a 5 ms timer: how long a request could wait behind work. */
function stallMeter() {
  let last = performance.now();
  let max = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    max = Math.max(max, now - last - 5);
    last = now;
  }, 5);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.max(max, performance.now() - last - 5);
    },
  };
}

const before = deps.catalog.version;
// The old index serves while the new one is built, but the build is synchronous: the longest
// event-loop stall is how long a request may wait behind it.
let stall = stallMeter();
t = performance.now();
await markCatalogChanged(db);
while (deps.catalog.version === before) await new Promise((r) => setTimeout(r, 5));
const reload = performance.now() - t;
const reloadStall = stall.stop();
console.log(
  `catalog reload (notify -> new index live): ${reload.toFixed(0)} ms; bare read of the rows ${bareRead.toFixed(0)} ms ` +
    `(x${(reload / bareRead).toFixed(1)}); longest event-loop stall ${reloadStall.toFixed(0)} ms`,
);

// Offers change (stock/price import, many a day): the index stays; a node reads the versions,
// then its next store search re-reads which products the store sells.
const storeSearch = routes[2]![1];
await fetch(base + storeSearch);
const builds = deps.catalog.buildCount;
const offersBefore = deps.catalog.offersVersion;
stall = stallMeter();
t = performance.now();
await markOffersChanged(db);
while (deps.catalog.offersVersion === offersBefore) await new Promise((r) => setTimeout(r, 1));
const offersLive = performance.now() - t;
t = performance.now();
await fetch(base + storeSearch);
const firstSearch = performance.now() - t;
t = performance.now();
await fetch(base + storeSearch);
const warmSearch = performance.now() - t;
await new Promise((r) => setTimeout(r, 2000)); // the stores' re-read, started on the change, lands
const offersStall = stall.stop();
console.log(
  `offers change (notify -> offers version live): ${offersLive.toFixed(0)} ms, x${(offersLive / reload).toFixed(3)} ` +
    `of the catalog reload; index rebuilt: ${deps.catalog.buildCount !== builds ? "yes" : "no"}; first store search after ` +
    `it ${firstSearch.toFixed(0)} ms (next ${warmSearch.toFixed(0)} ms); longest event-loop stall ` +
    `${offersStall.toFixed(0)} ms`,
);

await app.close();
await closeAppServices(deps);
if (schemaName) await db.query(`DROP SCHEMA IF EXISTS ${schemaName} CASCADE`);
await db.close();
