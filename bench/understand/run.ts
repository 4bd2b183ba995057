/**
 * Understanding bench: per-utterance latency (p50/p99) of the engine on the reference catalog
 * and on a 100k-product generated catalog, and in the same run the MiniSearch baseline's accuracy
 * and time on the same utterances. Not part of `npm test`.
 *
 *   npx tsx bench/understand/run.ts [--count 100000] [--reps 20]
 */
import { readFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { parseArgs } from "node:util";
import { parseCatalogJsonl, type Product, productFromRecord } from "../../src/catalog/index.js";
import { createEngine, type Engine } from "../../src/resolution/index.js";
import { generateCatalog } from "../generate/products.js";
import { buildBaseline } from "./baseline.js";
import { caseOk, type EvalCase, type Output } from "./score.js";

const { values } = parseArgs({
  options: {
    count: { type: "string", default: "100000" },
    reps: { type: "string", default: "20" },
    eval: { type: "string", default: "../shared/eval/understand.dev.jsonl" },
    data: { type: "string", default: "../shared/data" },
  },
});
const reps = Number(values.reps);

const reference = parseCatalogJsonl(readFileSync(`${values.data}/catalog.fr.jsonl`, "utf8")).products;
const cases: EvalCase[] = readFileSync(values.eval!, "utf8")
  .split("\n")
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l));
const histories = new Map<string, Map<string, number>>();
for (const line of readFileSync(`${values.data}/customers.fr.jsonl`, "utf8").split("\n")) {
  if (!line.trim()) continue;
  const c = JSON.parse(line) as { id: string; history: { gtin: string; times: number }[] };
  histories.set(c.id, new Map(c.history.map((h) => [h.gtin, h.times])));
}

function generated(count: number): Product[] {
  const out: Product[] = [];
  for (const line of generateCatalog(count, 1, `${values.data}/catalog.fr.jsonl`)) {
    const r = productFromRecord(line);
    if (r.ok) out.push(r.product);
  }
  return out;
}

function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

interface Timing {
  p50: number;
  p99: number;
  mean: number;
  /** Process CPU time per call (excludes time the shared machine gave to other processes). */
  cpuP50: number;
  cpuP99: number;
  /**
   * Each utterance's median over the repetitions, then p50/p99 across utterances: the steady
   * latency of each utterance, without the pauses a shared machine's scheduler adds at random.
   */
  medP50: number;
  medP99: number;
  /** The utterance with the highest median. */
  slowest: string;
}

function time(fn: (c: EvalCase) => unknown): Timing {
  // Warm up (JIT, and the collection of what building the catalog left behind).
  for (let r = 0; r < 3; r++) for (const c of cases) fn(c);
  const samples: number[] = [];
  const cpu: number[] = [];
  const perCase: number[][] = cases.map(() => []);
  for (let r = 0; r < reps; r++) {
    for (const [k, c] of cases.entries()) {
      const c0 = process.cpuUsage();
      const t0 = process.hrtime.bigint();
      fn(c);
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      samples.push(ms);
      perCase[k]!.push(ms);
      const d = process.cpuUsage(c0);
      cpu.push((d.user + d.system) / 1000);
    }
  }
  samples.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  const byCase = perCase.map((xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!);
  const medians = byCase.slice().sort((a, b) => a - b);
  const worst = byCase.indexOf(medians[medians.length - 1]!);
  return {
    slowest: `${cases[worst]!.text} (${medians[medians.length - 1]!.toFixed(3)} ms)`,
    medP50: percentile(medians, 0.5),
    medP99: percentile(medians, 0.99),
    p50: percentile(samples, 0.5),
    p99: percentile(samples, 0.99),
    mean: samples.reduce((s, x) => s + x, 0) / samples.length,
    cpuP50: percentile(cpu, 0.5),
    cpuP99: percentile(cpu, 0.99),
  };
}

function engineOutput(engine: Engine, c: EvalCase): Output {
  const r = engine.understand({
    text: c.text,
    locale: c.locale,
    history: c.customer ? histories.get(c.customer) : undefined,
  });
  return {
    intent: r.intent,
    items: r.items.map((it) =>
      it.weightG !== undefined
        ? { gtin: it.product.gtin, weight_g: it.weightG }
        : { gtin: it.product.gtin, quantity: it.quantity },
    ),
  };
}

function accuracy(run: (c: EvalCase) => Output): { intent: number; exact: number } {
  let intent = 0;
  let exact = 0;
  for (const c of cases) {
    const s = caseOk(c, run(c));
    intent += Number(s.intent);
    exact += Number(s.exact);
  }
  return { intent: intent / cases.length, exact: exact / cases.length };
}

const fmt = (t: Timing) =>
  `wall p50 ${t.p50.toFixed(3)} p99 ${t.p99.toFixed(3)} mean ${t.mean.toFixed(3)} ms | cpu p50 ${t.cpuP50.toFixed(3)} p99 ${t.cpuP99.toFixed(3)} ms | per-utterance median p50 ${t.medP50.toFixed(3)} p99 ${t.medP99.toFixed(3)} ms`;

function benchCatalog(label: string, products: Product[]): void {
  let t0 = performance.now();
  const engine = createEngine(products);
  const buildEngine = performance.now() - t0;
  t0 = performance.now();
  const baseline = buildBaseline(products);
  const buildBaseline_ = performance.now() - t0;
  const ours = time((c) => engineOutput(engine, c));
  const base = time((c) => baseline.understand(c.text, c.locale));
  const accOurs = accuracy((c) => engineOutput(engine, c));
  const accBase = accuracy((c) => baseline.understand(c.text, c.locale));
  console.log(`\n== ${label}: ${products.length} products, ${cases.length} utterances x ${reps}`);
  console.log(
    `engine    build ${buildEngine.toFixed(0)} ms   ${fmt(ours)}   exact ${accOurs.exact.toFixed(3)}  intent ${accOurs.intent.toFixed(3)}`,
  );
  console.log(
    `minisearch build ${buildBaseline_.toFixed(0)} ms   ${fmt(base)}   exact ${accBase.exact.toFixed(3)}  intent ${accBase.intent.toFixed(3)}`,
  );
  console.log(`engine slowest utterance: ${ours.slowest}`);
  console.log(
    `ratio (baseline / engine): p50 x${(base.p50 / ours.p50).toFixed(1)}  p99 x${(base.p99 / ours.p99).toFixed(1)}  mean x${(base.mean / ours.mean).toFixed(1)}  cpu p99 x${(base.cpuP99 / ours.cpuP99).toFixed(1)}  median p99 x${(base.medP99 / ours.medP99).toFixed(1)}`,
  );
}

console.log(
  `load average ${loadavg()
    .map((x) => x.toFixed(1))
    .join(" ")} on ${cpus().length} cores`,
);
benchCatalog("reference catalog", reference);
const count = Number(values.count);
const big = generated(count - reference.length);
// The reference products are kept in the large catalog so accuracy stays meaningful there.
benchCatalog(`generated catalog (${count / 1000}k, reference included)`, [...reference, ...big]);
console.log(
  `load average ${loadavg()
    .map((x) => x.toFixed(1))
    .join(" ")}`,
);
