/** One measured phase of bench/import/run.ts, in its own process; prints a JSON line. */
import { randomBytes } from "node:crypto";
import { importCatalog } from "../../src/catalog/index.js";
import { openDatabase } from "../../src/db/index.js";

const [phase, file, backend, target, batch] = process.argv.slice(2);
let peakRss = 0;
let peakHeap = 0;
const sample = () => {
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
};
const timer = setInterval(sample, 20);

const mb = (n: number) => n / (1 << 20);
let records = 0;
let detail: string | undefined;
let started = 0;

if (phase === "baseline") {
  // The least any import must do: stream the file and JSON.parse each line.
  const { createReadStream } = await import("node:fs");
  const { createInterface } = await import("node:readline");
  started = performance.now();
  const lines = createInterface({
    input: createReadStream(file!, { highWaterMark: 1 << 18 }),
    crlfDelay: Infinity,
  });
  for await (const line of lines) {
    if (!line) continue;
    JSON.parse(line);
    records++;
  }
} else {
  const schema = `bench_${randomBytes(4).toString("hex")}`;
  const db =
    backend === "pglite"
      ? await openDatabase({ dataDir: target })
      : await openDatabase({ url: target, schemaName: schema, maxConnections: 2 });
  sample();
  const before = mb(process.memoryUsage().rss);
  started = performance.now();
  const report = await importCatalog(db, file!, { batchSize: Number(batch ?? 1000) });
  records = report.read;
  detail = `inserted ${report.inserted}, bad ${report.badLines}, rss before import ${before.toFixed(0)} MB`;
  const ms = performance.now() - started;
  sample();
  clearInterval(timer);
  if (backend === "postgres") await db.query(`DROP SCHEMA ${schema} CASCADE`);
  await db.close();
  console.log(JSON.stringify({ ms, records, peakRssMb: mb(peakRss), peakHeapMb: mb(peakHeap), detail }));
  process.exit(0);
}
const ms = performance.now() - started;
sample();
clearInterval(timer);
console.log(JSON.stringify({ ms, records, peakRssMb: mb(peakRss), peakHeapMb: mb(peakHeap), detail }));
