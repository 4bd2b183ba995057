/**
 * Catalog import benchmark: products per second and peak memory of `importCatalog` against a
 * baseline that merely reads and JSON-parses the same file, in the same run, on PGlite (on disk,
 * as `npm start` uses it) and on PostgreSQL. Each measurement runs in its own child process so
 * that peak RSS belongs to it alone.
 *
 *   npx tsx bench/import/run.ts --count 100000 [--count 10000 ...] [--backend pglite|postgres|both]
 *     [--pg postgres://postgres@127.0.0.1:5432/postgres] [--heap-limit MB] [--batch ROWS]
 *
 * Files are generated (bench/generate) into bench/out when missing. Not part of `npm test`.
 */
import { execFileSync } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { once } from "node:events";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { generateCatalog } from "../generate/products.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const { values } = parseArgs({
  options: {
    count: { type: "string", multiple: true, default: ["100000"] },
    backend: { type: "string", default: "both" },
    "heap-limit": { type: "string" },
    batch: { type: "string", default: "1000" },
    pg: {
      type: "string",
      default: process.env.PANIER_BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres",
    },
  },
});

interface Measure {
  ms: number;
  records: number;
  peakRssMb: number;
  peakHeapMb: number;
  detail?: string;
}

async function ensureFile(count: number): Promise<string> {
  const file = join(ROOT, "bench/out", `catalog-${count}.jsonl`);
  if (existsSync(file)) return file;
  mkdirSync(join(ROOT, "bench/out"), { recursive: true });
  const out = createWriteStream(file);
  for (const p of generateCatalog(count, 1, join(ROOT, "data/demo/catalog.fr.jsonl"))) {
    if (!out.write(`${JSON.stringify(p)}\n`)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
  return file;
}

function child(phase: string, file: string, extra: string[] = []): Measure {
  const out = execFileSync(
    process.execPath,
    [
      // A small old-space limit proves the memory is bounded: a growing import would crash.
      ...(values["heap-limit"] ? [`--max-old-space-size=${values["heap-limit"]}`] : []),
      "--import",
      "tsx",
      join(ROOT, "bench/import/phase.ts"),
      phase,
      file,
      ...extra,
    ],
    { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 24, stdio: ["ignore", "pipe", "inherit"] },
  );
  return JSON.parse(out.trim().split("\n").at(-1)!) as Measure;
}

const rate = (m: Measure) => Math.round((m.records * 1000) / m.ms);
const rows: string[][] = [
  ["products", "what", "seconds", "products/s", "vs baseline", "peak RSS MB", "peak heap MB"],
];
const backends = values.backend === "both" ? ["pglite", "postgres"] : [values.backend!];

for (const count of values.count!.map(Number)) {
  const file = await ensureFile(count);
  const baseline = child("baseline", file);
  const row = (what: string, m: Measure) => [
    String(count),
    what,
    (m.ms / 1000).toFixed(1),
    String(rate(m)),
    `${(m.ms / baseline.ms).toFixed(1)}x slower`,
    m.peakRssMb.toFixed(0),
    m.peakHeapMb.toFixed(0),
  ];
  rows.push([
    ...row("read + JSON.parse (baseline)", baseline).slice(0, 4),
    "1.0x",
    ...row("", baseline).slice(5),
  ]);
  for (const backend of backends) {
    if (backend === "pglite") {
      const dir = mkdtempSync(join(tmpdir(), "panier-bench-"));
      try {
        rows.push(row("import on PGlite (on disk)", child("import", file, ["pglite", dir, values.batch!])));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    } else {
      rows.push(row("import on PostgreSQL", child("import", file, ["postgres", values.pg!, values.batch!])));
    }
  }
}

const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
for (const r of rows) console.log(r.map((c, i) => c.padEnd(widths[i]!)).join("  "));
