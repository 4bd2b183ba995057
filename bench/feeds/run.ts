/**
 * Feed generation at scale: N generated products on PostgreSQL streamed as a Merchant Center XML
 * feed through the feeds' cursor path (build + validate + write every item), against a baseline
 * measured in the same run: the same rows, through the same cursor, written as plain JSON lines.
 * Memory: resident-set growth over the idle process (after connecting), sampled every 50 ms.
 *
 *   npx tsx bench/feeds/run.ts [--count 1000000] [--url postgres://postgres@127.0.0.1:5432/postgres]
 *                              [--reuse] [--keep]
 *
 * The catalog is filled with SQL (generate_series over the demo products as templates, valid
 * EAN-13s computed in SQL), one store selling everything, every tenth offer on a -20% promotion.
 */
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { openDatabase } from "../../src/db/index.js";
import { FeedGenerator, FileSink } from "../../src/feeds/index.js";
import { DEFAULT_BATCH, offersQuery, scan } from "../../src/feeds/source.js";
import { seedDemo } from "../../src/feeds/test-seed.js";

const { values } = parseArgs({
  options: {
    count: { type: "string", default: "1000000" },
    url: {
      type: "string",
      default: process.env.PANIER_BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres",
    },
    reuse: { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
    batch: { type: "string", default: String(DEFAULT_BATCH) },
  },
});
const count = Number(values.count);
const schemaName = "bench_feeds";
const STORE = "LYO-PARTDIEU";

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function fill(db: Awaited<ReturnType<typeof openDatabase>>): Promise<void> {
  const t = Date.now();
  await db.query("TRUNCATE offers, products, stores CASCADE");
  await seedDemo(db);
  await db.rawTransaction(async (exec) => {
    await exec(`CREATE TEMP TABLE tpl AS SELECT row_number() OVER (ORDER BY id) - 1 AS k, * FROM products`);
    await exec(`DELETE FROM offers`);
    await exec(`DELETE FROM products`);
    await exec(`CREATE FUNCTION pg_temp.ean13(body text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
      SELECT body || ((10 - (SELECT sum(substr(body, i, 1)::int * CASE WHEN i % 2 = 0 THEN 3 ELSE 1 END)
                              FROM generate_series(1, 12) i) % 10) % 10)::text $$`);
    await exec(
      `INSERT INTO products (id, gtin, name, brand, quantity_text, category, labels, sold_by, price_cents, currency,
         image, description, sales_30d)
       SELECT e.gtin, e.gtin, t.name || ' ' || (g / 699)::text, t.brand, t.quantity_text, t.category, t.labels,
         t.sold_by, t.price_cents + (g % 50), t.currency, 'https://cdn.panier.example/img/' || e.gtin || '.jpg',
         t.description, t.sales_30d
       FROM generate_series(0, $1::int - 1) g
       JOIN tpl t ON t.k = g % 699
       CROSS JOIN LATERAL (SELECT pg_temp.ean13('37' || lpad(g::text, 10, '0')) AS gtin) e`,
      [count],
    );
    await exec(
      `INSERT INTO offers (store_code, product_id, stock, price_cents, promotion)
       SELECT '${STORE}', id, (abs(hashtext(id)) % 60)::real, NULL,
         CASE WHEN abs(hashtext(id)) % 10 = 0 THEN '{"type":"percent","value":20,"label":"-20%"}'::jsonb END
       FROM products`,
    );
  });
  await db.query("ANALYZE products");
  await db.query("ANALYZE offers");
  console.log(`filled ${count} products and offers in ${((Date.now() - t) / 1000).toFixed(1)} s`);
}

/** Peak RSS, and RSS / V8 heap at each quarter of the run (to show memory stays flat). */
function sampler() {
  let peak = process.memoryUsage().rss;
  const samples: { t: number; rss: number; heap: number }[] = [];
  const start = Date.now();
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    peak = Math.max(peak, m.rss);
    samples.push({ t: Date.now() - start, rss: m.rss, heap: m.heapUsed });
  }, 50);
  return {
    stop() {
      clearInterval(timer);
      peak = Math.max(peak, process.memoryUsage().rss);
      return peak;
    },
    quarters(idleRss: number): string {
      const end = samples.at(-1)?.t ?? 0;
      return [0.25, 0.5, 0.75, 1]
        .map((q) => {
          const s = samples.find((x) => x.t >= q * end) ?? samples.at(-1);
          return s ? `${q * 100}%: RSS +${mb(s.rss - idleRss)}, heap ${mb(s.heap)}` : "";
        })
        .join("; ");
    },
  };
}

const db = await openDatabase({ url: values.url, schemaName, maxConnections: 4 });
const existing = Number(
  (await db.query<{ n: string }>("SELECT count(*) AS n FROM offers WHERE store_code = $1", [STORE]))[0]?.n ??
    0,
);
if (!values.reuse || existing !== count) await fill(db);
else console.log(`reusing ${existing} offers in schema ${schemaName}`);

const dir = mkdtempSync(join(tmpdir(), "panier-bench-feeds-"));
const batchSize = Number(values.batch);
const generator = new FeedGenerator(db, { dir, publicUrl: "https://shop.example", batchSize });

// Idle: connected, code loaded, one small warm-up scan done, garbage collected where possible.
await db.query("SELECT 1");
(globalThis as { gc?: () => void }).gc?.();
await new Promise((r) => setTimeout(r, 200));
const idle = process.memoryUsage().rss;

// Baseline: same cursor, same rows, written as JSON lines.
let s = sampler();
const baselineSampler = s;
let t = process.hrtime.bigint();
const jsonl = new FileSink(join(dir, "baseline.jsonl"), false);
let rows = 0;
await scan(
  db,
  offersQuery(STORE),
  async (batch) => {
    let text = "";
    for (const r of batch) text += `${JSON.stringify(r)}\n`;
    rows += batch.length;
    await jsonl.write(text);
  },
  batchSize,
);
await jsonl.commit(new Date());
const baselineMs = Number(process.hrtime.bigint() - t) / 1e6;
const baselinePeak = s.stop();

(globalThis as { gc?: () => void }).gc?.();
s = sampler();
t = process.hrtime.bigint();
const xml = new FileSink(join(dir, "products.xml"), false);
const report = await generator.products(STORE, { xml });
await xml.commit(new Date());
const xmlMs = Number(process.hrtime.bigint() - t) / 1e6;
const xmlPeak = s.stop();

console.log(`batch: ${batchSize} rows per FETCH`);
console.log(`rows: ${rows} (feed: ${report.emitted} items, ${report.withErrors} with errors)`);
console.log(`idle RSS: ${mb(idle)}`);
console.log(
  `baseline JSON lines: ${(baselineMs / 1000).toFixed(1)} s, ${Math.round(rows / (baselineMs / 1000))} rows/s, ` +
    `${mb(statSync(join(dir, "baseline.jsonl")).size)} written, peak RSS +${mb(baselinePeak - idle)}`,
);
console.log(
  `XML feed (build + validate + write): ${(xmlMs / 1000).toFixed(1)} s, ${Math.round(rows / (xmlMs / 1000))} rows/s, ` +
    `${mb(statSync(join(dir, "products.xml")).size)} written, peak RSS +${mb(xmlPeak - idle)}`,
);
console.log(`  JSON lines over time: ${baselineSampler.quarters(idle)}`);
console.log(`  XML feed over time:   ${s.quarters(idle)}`);
console.log(`XML time / JSON-lines time: ${(xmlMs / baselineMs).toFixed(2)}x`);
console.log(
  `memory growth over idle during the XML feed: ${mb(xmlPeak - idle)} (limit 150 MB): ${xmlPeak - idle < 150 * 1024 * 1024 ? "OK" : "OVER"}`,
);

rmSync(dir, { recursive: true, force: true });
if (!values.keep) await db.query(`DROP SCHEMA ${schemaName} CASCADE`);
await db.close();
