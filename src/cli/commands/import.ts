import { createReadStream, statSync } from "node:fs";
import { Readable, Transform } from "node:stream";
import type { ReadableStream } from "node:stream/web";
import { type Command, InvalidArgumentError, Option } from "commander";
import {
  type FormatOption,
  ImportAbortedError,
  type ImportKind,
  type ImportMode,
  type ImportProgress,
  type ImportReport,
} from "../../catalog/index.js";
import { IMPORT_KINDS, importFile } from "../../commerce/index.js";
import { openCliDatabase, type RunningServer, runningServer } from "../database.js";

interface ImportFlags {
  maxErrors: number;
  mode: ImportMode;
  format: FormatOption;
}

/** Exit codes: 0 committed with no bad line; 1 nothing committed; 3 committed, skipping bad lines
 * that --max-errors allowed; 130 interrupted (nothing committed). */
export const EXIT_SKIPPED_LINES = 3;

function count(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new InvalidArgumentError("expected a whole number of lines, 0 or more");
  return n;
}

const fmt = (n: number) => n.toLocaleString("en-US");

export function summary(r: ImportReport): string {
  const state = r.committed ? "committed" : "NOT committed (nothing changed)";
  return (
    `${r.kind} (${r.format}, ${r.mode}): ${fmt(r.read)} read, ${fmt(r.inserted)} inserted, ${fmt(r.updated)} updated, ` +
    `${fmt(r.unchanged)} unchanged, ${fmt(r.delisted)} delisted, ${fmt(r.badLines)} bad lines — ${state} in ` +
    `${(r.durationMs / 1000).toFixed(1)} s`
  );
}

function printReport(r: ImportReport): void {
  for (const e of r.errors) console.error(`line ${e.line}: ${e.field}: ${e.reason} (${e.code})`);
  if (r.unmappedFields?.length) console.error(`not mapped (ignored): ${r.unmappedFields.join(", ")}`);
  if (r.defaultedFields?.length) {
    console.error(
      `not in this format (defaults on new products, kept on existing ones): ${r.defaultedFields.join(", ")}`,
    );
  }
  console.log(summary(r));
}

/** A progress bar on a terminal (count, rate, time left); nothing otherwise (the summary says it all). */
function progressBar(): ((p: ImportProgress) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  let last = 0;
  return (p) => {
    const now = Date.now();
    if (now - last < 200 && p.bytesRead !== p.bytesTotal) return;
    last = now;
    const share = p.bytesTotal ? Math.min(1, p.bytesRead / p.bytesTotal) : undefined;
    const bar =
      share === undefined
        ? ""
        : `[${"#".repeat(Math.round(share * 30)).padEnd(30, "-")}] ${Math.round(share * 100)}% `;
    const eta = p.etaSeconds === undefined ? "" : ` ETA ${Math.ceil(p.etaSeconds)} s`;
    process.stderr.write(
      `\r${bar}${fmt(p.read)} lines, ${fmt(Math.round(p.rate))}/s${eta}, ${p.badLines} bad\x1b[K`,
    );
  };
}

/** The file as sent to the server, with upload progress (bytes, rate, time left) on a terminal. */
function uploadWithProgress(file: string): Readable {
  const stream = createReadStream(file, { highWaterMark: 1 << 18 });
  if (!process.stderr.isTTY) return stream;
  const total = statSync(file).size;
  const started = Date.now();
  let sent = 0;
  let last = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      done(null, chunk);
      report(chunk.length);
    },
  });
  stream.on("error", (err) => counter.destroy(err));
  const report = (n: number) => {
    sent += n;
    const now = Date.now();
    if (now - last < 200 && sent < total) return;
    last = now;
    const seconds = Math.max(0.001, (now - started) / 1000);
    const share = total ? sent / total : 1;
    const eta = sent > 0 ? ((total - sent) / sent) * seconds : 0;
    process.stderr.write(
      `\r[${"#".repeat(Math.round(share * 30)).padEnd(30, "-")}] ${Math.round(share * 100)}% sent, ` +
        `${(sent / seconds / (1 << 20)).toFixed(1)} MB/s, ETA ${Math.ceil(eta)} s\x1b[K`,
    );
    if (sent >= total) process.stderr.write("\nthe server is committing…\n");
  };
  return stream.pipe(counter);
}

/** Ctrl-C: the first aborts the import (rolled back), a second one quits at once. */
function interruptible(): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const onSigint = () => {
    if (controller.signal.aborted) process.exit(130);
    process.stderr.write("\nInterrupting: rolling back…\n");
    controller.abort();
  };
  process.on("SIGINT", onSigint);
  return { signal: controller.signal, dispose: () => process.off("SIGINT", onSigint) };
}

/**
 * The embedded server holds the data folder: send the file through its admin API, streamed.
 * Never opens the PGlite folder itself.
 */
async function viaServer(
  server: RunningServer,
  kind: ImportKind,
  file: string,
  flags: ImportFlags,
  signal: AbortSignal,
): Promise<ImportReport> {
  if (!server.token) {
    throw new Error(
      `A Panier server (pid ${server.holder.pid}, ${server.holder.url}) holds the embedded database and no admin key ` +
        "was found to import through it: set PANIER_API_KEY, or keep admin.key in PANIER_DATA_DIR. Nothing was imported.",
    );
  }
  const url = new URL("/v1/admin/imports", server.baseUrl);
  url.searchParams.set("kind", kind);
  url.searchParams.set("mode", flags.mode);
  url.searchParams.set("max_errors", String(flags.maxErrors));
  url.searchParams.set("format", flags.format);
  console.error(
    `A Panier server (pid ${server.holder.pid}) holds the embedded database: importing through ${server.baseUrl}`,
  );
  let res: Response;
  try {
    res = await fetch(url, {
      method: "POST",
      headers: {
        authorization: `Bearer ${server.token}`,
        "content-type": "application/octet-stream",
        "content-length": String(statSync(file).size),
      },
      body: Readable.toWeb(uploadWithProgress(file)) as ReadableStream,
      duplex: "half",
      signal,
    } as RequestInit);
  } catch (err) {
    if (signal.aborted) throw new ImportAbortedError();
    throw new Error(
      `A Panier server (pid ${server.holder.pid}) holds the embedded database but does not answer at ${server.baseUrl} ` +
        `(${(err as Error).cause ?? (err as Error).message}). Nothing was imported; stop it or try again once it serves.`,
    );
  }
  const json = (await res.json().catch(() => ({}))) as ImportReport & {
    error?: { message?: string; report?: ImportReport };
  };
  if (res.ok) return json;
  if (json.error?.report) return json.error.report;
  throw new Error(`The server refused the import (${res.status}): ${json.error?.message ?? "no details"}`);
}

export function registerImport(program: Command): void {
  program
    .command("import")
    .description(
      "Import a file: catalog (shared JSONL, CSV, Open Food Facts), stores (JSON array), offers or customers (JSONL). " +
        "All or nothing unless --max-errors; every bad line is listed. Exit 0 committed, 1 nothing committed, " +
        "3 committed skipping allowed bad lines, 130 interrupted.",
    )
    .addArgument(program.createArgument("<kind>", "what the file holds").choices(IMPORT_KINDS as string[]))
    .argument("<file>", "the file to import")
    .option("--max-errors <n>", "commit the good lines when there are at most n bad ones", count, 0)
    .addOption(
      new Option(
        "--mode <mode>",
        "delta: add and update only. full: the file is the whole set — catalog: products it no longer lists are " +
          "delisted (inactive); offers: the named stores' other offers are removed; customers: each listed history is " +
          "replaced; stores: same as delta",
      )
        .choices(["full", "delta"])
        .default("delta"),
    )
    .addOption(
      new Option("--format <format>", "force a format instead of detecting it from the content")
        .choices(["auto", "jsonl", "csv", "off", "json"])
        .default("auto"),
    )
    .action(async (kind: ImportKind, file: string, flags: ImportFlags) => {
      statSync(file); // a missing file fails here, before anything else
      const { signal, dispose } = interruptible();
      let report: ImportReport;
      try {
        const server = runningServer();
        if (server) {
          report = await viaServer(server, kind, file, flags, signal);
        } else {
          const { db, close } = await openCliDatabase("import");
          const onProgress = progressBar();
          try {
            report = await importFile(db, kind, file, { ...flags, signal, onProgress });
          } finally {
            if (onProgress) process.stderr.write("\n");
            await close();
          }
        }
      } catch (err) {
        if (err instanceof ImportAbortedError) {
          console.error(err.message);
          process.exit(130);
        }
        throw err;
      } finally {
        dispose();
      }
      printReport(report);
      process.exitCode = !report.committed ? 1 : report.badLines > 0 ? EXIT_SKIPPED_LINES : 0;
    });
}
