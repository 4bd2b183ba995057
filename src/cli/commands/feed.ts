import { createWriteStream } from "node:fs";
import { join, resolve } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Command } from "commander";
import { type FeedReport, FeedGenerator, FileSink, reportHasErrors } from "../../feeds/index.js";

import { callServer, openCliDatabase, runningServer } from "../database.js";

const STORE_CODE = /^[A-Za-z0-9_-]{1,64}$/;

function checkStore(store: string | undefined): string | null {
  if (store === undefined) return null;
  if (!STORE_CODE.test(store))
    throw new Error(`--store must be a store code such as LYO-PARTDIEU, got "${store}"`);
  return store;
}

/** Human summary of a validation report: counts by problem, then the worst offenders. */
export function formatReport(r: FeedReport, withNotices = true): string {
  const lines = [
    `${r.feed}: ${r.products} products, ${r.emitted} in the feed, ${r.withErrors} left out for errors, ${r.withWarnings} with warnings`,
  ];
  if (withNotices)
    for (const n of r.notices) lines.push(`  ${n.severity.toUpperCase()} ${n.code}: ${n.message}`);
  if (r.problems.length > 0) {
    lines.push("  Problems:");
    for (const p of r.problems) {
      lines.push(
        `    ${p.severity.padEnd(7)} ${p.code.padEnd(32)} ${String(p.count).padStart(7)}  e.g. ${p.example}`,
      );
    }
  }
  if (r.worst.length > 0) {
    lines.push("  Worst offenders:");
    for (const w of r.worst.slice(0, 10)) {
      const what = w.problems.map((p) => p.code).join(", ");
      lines.push(
        `    ${w.id}  ${w.title.slice(0, 60)}  (${w.errors} errors, ${w.warnings} warnings: ${what})`,
      );
    }
  }
  return lines.join("\n");
}

async function validateReports(store: string | null): Promise<FeedReport[]> {
  const server = runningServer();
  if (server) {
    // The embedded database belongs to the running server: ask it to validate.
    let scopes: (string | null)[] = [store];
    if (store === null) {
      const health = await callServer<{ reports: FeedReport[]; missing: string[] }>(
        server,
        "GET",
        "/v1/admin/feeds/health",
      );
      const codes = [...health.reports.map((r) => r.store), ...health.missing].filter(
        (c): c is string => !!c && c !== "all",
      );
      scopes = [null, ...new Set(codes)];
    }
    const out: FeedReport[] = [];
    for (const s of scopes) {
      out.push(
        await callServer<FeedReport>(
          server,
          "GET",
          `/v1/admin/feeds/validate${s ? `?store=${encodeURIComponent(s)}` : ""}`,
        ),
      );
    }
    return out;
  }
  const { db, config, close } = await openCliDatabase("feed validate");
  try {
    const generator = new FeedGenerator(db, {
      dir: join(config.dataDir, "feeds"),
      publicUrl: config.publicUrl,
    });
    const scopes = store === null ? [null, ...(await generator.stores()).map((s) => s.code)] : [store];
    const out: FeedReport[] = [];
    for (const s of scopes) out.push(await generator.validate(s));
    return out;
  } finally {
    await close();
  }
}

type Kind = "products" | "local-inventory" | "promotions";

async function writeFeed(
  kind: Kind,
  out: string,
  store: string | null,
  format: "xml" | "tsv",
): Promise<string> {
  const path = resolve(out);
  const server = runningServer();
  if (server) {
    // Served from the files the server keeps fresh.
    const file =
      kind === "products"
        ? `products.${format}`
        : kind === "local-inventory"
          ? "local-inventory.tsv"
          : "promotions.xml";
    const res = await fetch(
      new URL(`/feeds/google/${file}${store ? `?store=${encodeURIComponent(store)}` : ""}`, server.baseUrl),
    );
    if (!res.ok || !res.body) {
      const json = (await res.json().catch(() => ({}))) as { error?: { message?: string } };
      throw new Error(json.error?.message ?? `The server answered ${res.status}`);
    }
    await pipeline(Readable.fromWeb(res.body as never), createWriteStream(path));
    return `${path} (from the running server)`;
  }
  const { db, config, close } = await openCliDatabase(`feed ${kind}`);
  const sink = new FileSink(path, false);
  try {
    const generator = new FeedGenerator(db, {
      dir: join(config.dataDir, "feeds"),
      publicUrl: config.publicUrl,
    });
    let summary: string;
    if (kind === "promotions") {
      const r = await generator.promotions(sink);
      summary = `${r.promotions} promotions on ${r.items} items`;
    } else {
      const report =
        kind === "local-inventory"
          ? await generator.products(store, { local: sink })
          : await generator.products(store, format === "xml" ? { xml: sink } : { tsv: sink });
      summary = `${report.emitted} items (${report.withErrors} left out for errors: see panier feed validate)`;
    }
    await sink.commit(new Date());
    return `${path}: ${summary}`;
  } catch (err) {
    await sink.abort();
    throw err;
  } finally {
    await close();
  }
}

/**
 * `panier feed validate [--store CODE]` checks the feeds against the Merchant Center rules and
 * exits non-zero on errors; `panier feed products|local-inventory|promotions --out FILE` writes
 * one feed. With the embedded database held by a running server, both go through that server.
 */
export function registerFeed(program: Command): void {
  const feed = program
    .command("feed")
    .description("Google Merchant Center feeds: validate them, or write one to a file");

  feed
    .command("validate")
    .description(
      "Check every product against the Merchant Center rules; counts by problem and worst offenders",
    )
    .option("--store <code>", "only this store's feed (default: the chain feed and every store)")
    .option("--json", "print the reports as JSON")
    .action(async (opts: { store?: string; json?: boolean }) => {
      const reports = await validateReports(checkStore(opts.store));
      if (opts.json) console.log(JSON.stringify(reports, null, 2));
      else {
        // Feed-wide notices (an http PANIER_PUBLIC_URL) are said once, not once per feed.
        const notices = new Map(reports.flatMap((r) => r.notices).map((n) => [n.code, n]));
        for (const n of notices.values())
          console.log(`${n.severity.toUpperCase()} ${n.code}: ${n.message}\n`);
        console.log(reports.map((r) => formatReport(r, false)).join("\n\n"));
      }
      if (reports.some(reportHasErrors)) process.exitCode = 1;
    });

  for (const kind of ["products", "local-inventory", "promotions"] as const) {
    const cmd = feed
      .command(kind)
      .description(
        kind === "products"
          ? "Write the product feed (a store's prices and availability with --store)"
          : kind === "local-inventory"
            ? "Write a store's local inventory feed (TSV)"
            : "Write the promotions feed (XML)",
      )
      .requiredOption("--out <file>", "where to write the feed");
    if (kind !== "promotions") cmd.option(`--store <code>`, "store code");
    if (kind === "products") cmd.option("--format <format>", "xml or tsv", "xml");
    cmd.action(async (opts: { out: string; store?: string; format?: string }) => {
      const store = checkStore(opts.store);
      if (kind === "local-inventory" && store === null) throw new Error("local-inventory needs --store CODE");
      const format = (opts.format ?? "xml").toLowerCase();
      if (format !== "xml" && format !== "tsv")
        throw new Error(`--format must be xml or tsv, got "${opts.format}"`);
      console.log(await writeFeed(kind, opts.out, store, format));
    });
  }
}
