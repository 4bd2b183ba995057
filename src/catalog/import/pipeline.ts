import type { Database, RawExec } from "../../db/index.js";
import { notifyCatalogChanged, notifyOffersChanged } from "../repository.js";
import { detectFormat } from "./detect.js";
import { readRecords } from "./readers.js";
import { openSource } from "./source.js";
import type {
  Importer,
  ImportInput,
  ImportOptions,
  ImportReport,
  Key,
  LineError,
  RawRecord,
} from "./types.js";

/** Ctrl-C (or any abort) during an import: the transaction was rolled back, nothing changed. */
export class ImportAbortedError extends Error {
  readonly code = "import_aborted";
  constructor() {
    super("Import interrupted: nothing was changed");
  }
}

/** Thrown inside the transaction to roll it back when the file has too many bad lines. */
class TooManyErrors extends Error {}

/** Every key of the file seen so far, with its line: duplicate detection and full-mode delisting in constant memory. */
export const SEEN_TABLE = "panier_import_seen";

interface Pending<Row> {
  line: number;
  row?: Row;
  keys: Key[];
  errors: Omit<LineError, "line">[];
}

/**
 * The import pipeline every kind shares: read records as they stream in, validate each, check
 * duplicates and references in the database a batch at a time, write batches, and commit once at
 * the end — or roll everything back when there are more bad lines than allowed or the caller aborts.
 * Memory stays flat: only one batch and the list of bad lines are held.
 */
export async function runImport<Row>(
  db: Database,
  importer: Importer<Row>,
  input: ImportInput,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const started = Date.now();
  const mode = options.mode ?? "delta";
  const maxErrors = options.maxErrors ?? 0;
  const batchSize = options.batchSize ?? 1000;
  const signal = options.signal;
  if (signal?.aborted) throw new ImportAbortedError();

  const source = await openSource(input, options.sizeBytes);
  let detected: ReturnType<typeof detectFormat>;
  try {
    detected = detectFormat(source.head, options.format);
  } catch (err) {
    source.close();
    throw err;
  }
  const format = detected.format;
  const errors: LineError[] = [];
  let read = 0;
  let validRows = 0;
  let badLines = 0;
  /** The reader could not go on (unclosed quote, unclosed array): the rest of the file is unknown. */
  let fatal = false;
  let inserted = 0;
  let updated = 0;
  let unchanged = 0;
  let delisted = 0;
  let catalogVersion: number | undefined;
  let offersVersion: number | undefined;

  const progress = () => {
    if (!options.onProgress) return;
    const elapsedMs = Date.now() - started;
    const bytesRead = source.bytesRead();
    const rate = elapsedMs > 0 ? (read * 1000) / elapsedMs : 0;
    const total = source.sizeBytes;
    const etaSeconds =
      total && bytesRead > 0
        ? Math.max(0, ((total - bytesRead) / bytesRead) * (elapsedMs / 1000))
        : undefined;
    options.onProgress({ read, badLines, bytesRead, bytesTotal: total, elapsedMs, rate, etaSeconds });
  };

  const flush = async (exec: RawExec, batch: Pending<Row>[]) => {
    await checkDuplicates(exec, batch);
    const valid = batch.filter((p) => p.row !== undefined && p.errors.length === 0);
    if (importer.check && valid.length > 0) {
      const problems = await importer.check(
        exec,
        valid.map((p) => p.row!),
      );
      for (const [i, list] of problems) valid[i]!.errors.push(...list);
    }
    for (const p of batch) {
      if (p.errors.length === 0) continue;
      badLines++;
      for (const e of p.errors) errors.push({ line: p.line, ...e });
    }
    // Past the limit nothing will commit: keep reading only to list every bad line.
    if (badLines > maxErrors || fatal) return;
    const rows = batch.filter((p) => p.row !== undefined && p.errors.length === 0).map((p) => p.row!);
    validRows += rows.length;
    if (rows.length === 0) return;
    const counts = await importer.write(exec, rows, format);
    inserted += counts.inserted;
    updated += counts.updated;
    unchanged += rows.length - counts.inserted - counts.updated;
  };

  try {
    await db.rawTransaction(async (exec) => {
      // One import at a time: two runs upserting the same rows in different orders would deadlock
      // on PostgreSQL; this way the second waits for the first to commit or roll back.
      await exec("SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.panier.import'))", []);
      if (db.kind === "postgres") {
        // The seen-keys table of a million-line file outgrows the default 8 MB of temp buffers and
        // spills to disk; more is allowed only before a session's first temp table, hence the savepoint.
        await exec("SAVEPOINT panier_temp_buffers");
        try {
          await exec("SET LOCAL temp_buffers = '128MB'");
        } catch {
          await exec("ROLLBACK TO SAVEPOINT panier_temp_buffers");
        }
      }
      await exec(
        `CREATE TEMP TABLE IF NOT EXISTS ${SEEN_TABLE} (key text PRIMARY KEY, line integer NOT NULL) ON COMMIT DROP`,
      );
      await exec(`DELETE FROM ${SEEN_TABLE}`);
      await importer.begin?.(exec);
      let batch: Pending<Row>[] = [];
      for await (const rec of readRecords(source.chunks, detected) as AsyncIterable<RawRecord>) {
        if (signal?.aborted) throw new ImportAbortedError();
        read++;
        if (rec.error?.field === "(file)") fatal = true;
        batch.push(prepare(importer, rec, format));
        if (batch.length >= batchSize) {
          await flush(exec, batch);
          batch = [];
          progress();
        }
      }
      if (batch.length > 0) await flush(exec, batch);
      if (signal?.aborted) throw new ImportAbortedError();
      if (mode === "full" && validRows === 0 && badLines <= maxErrors && !fatal) {
        // An empty or truncated "full" file would otherwise delist the whole catalog.
        fatal = true;
        errors.push({
          line: 0,
          field: "(file)",
          reason: "a full import needs at least one good line: this one would delist everything",
          code: "empty_file",
        });
      }
      if (badLines > maxErrors || fatal) throw new TooManyErrors();
      const changed = inserted + updated > 0;
      const done = await importer.finish?.(exec, { mode, changed, seenTable: SEEN_TABLE });
      delisted = done?.delisted ?? 0;
      catalogVersion = done?.catalogVersion;
      offersVersion = done?.offersVersion;
      if (signal?.aborted) throw new ImportAbortedError();
    });
  } catch (err) {
    if (!(err instanceof TooManyErrors)) throw err;
    inserted = updated = unchanged = delisted = 0;
    catalogVersion = offersVersion = undefined;
  } finally {
    source.close();
  }
  progress();
  const committed = badLines <= maxErrors && !fatal;
  // Other nodes rebuild their in-memory index on a catalog change, and refresh only what
  // depends on offers (stock, prices, feeds) on an offers change.
  if (committed && catalogVersion !== undefined) await notifyCatalogChanged(db, catalogVersion);
  if (committed && offersVersion !== undefined) await notifyOffersChanged(db, offersVersion);
  errors.sort((a, b) => a.line - b.line);
  return {
    kind: importer.kind,
    format,
    mode,
    read,
    inserted,
    updated,
    unchanged,
    delisted,
    badLines,
    errors,
    committed,
    unmappedFields: importer.unmappedFields?.(),
    defaultedFields: importer.defaultedFields?.(format),
    catalogVersion: committed ? catalogVersion : undefined,
    offersVersion: committed ? offersVersion : undefined,
    durationMs: Date.now() - started,
  };
}

function prepare<Row>(
  importer: Importer<Row>,
  rec: RawRecord,
  format: Parameters<Importer<Row>["prepare"]>[1],
) {
  if (!rec.value) {
    const { line: _l, ...e } = rec.error!;
    return { line: rec.line, keys: [], errors: [e] } as Pending<Row>;
  }
  const p = importer.prepare(rec.value, format);
  if (p.ok) return { line: rec.line, row: p.row, keys: p.keys, errors: [] } as Pending<Row>;
  return { line: rec.line, keys: p.keys ?? [], errors: [...p.errors] } as Pending<Row>;
}

/**
 * A key (GTIN, id, store+product, email) seen twice in the file is an error on the later line
 * naming the earlier one. Keys live in a temporary table, so a million lines cost no memory here.
 * Keys of bad lines count too: a product with a broken price is still in a full file.
 */
async function checkDuplicates<Row>(exec: RawExec, batch: Pending<Row>[]): Promise<void> {
  const firstInBatch = new Map<string, number>();
  const toStage: { key: string; line: number }[] = [];
  for (const p of batch) {
    for (const k of p.keys) {
      const earlier = firstInBatch.get(k.key);
      if (earlier !== undefined) {
        p.errors.push(duplicate(k, earlier));
        continue;
      }
      firstInBatch.set(k.key, p.line);
      toStage.push({ key: k.key, line: p.line });
    }
  }
  if (toStage.length === 0) return;
  const stagedRows = await exec<{ key: string }>(
    `INSERT INTO ${SEEN_TABLE} (key, line)
     SELECT key, line FROM jsonb_to_recordset($1::jsonb) AS r(key text, line integer)
     ON CONFLICT (key) DO NOTHING RETURNING key`,
    [JSON.stringify(toStage)],
  );
  if (stagedRows.length === toStage.length) return;
  const staged = new Set(stagedRows.map((r) => r.key));
  const clashes = toStage.filter((s) => !staged.has(s.key)).map((s) => s.key);
  const earlier = await exec<{ key: string; line: number }>(
    `SELECT key, line FROM ${SEEN_TABLE} WHERE key = ANY($1::text[])`,
    [clashes],
  );
  const lineOf = new Map(earlier.map((r) => [r.key, Number(r.line)]));
  for (const p of batch) {
    for (const k of p.keys) {
      const first = lineOf.get(k.key);
      if (first !== undefined && first !== p.line && firstInBatch.get(k.key) === p.line) {
        p.errors.push(duplicate(k, first));
      }
    }
  }
}

function duplicate(k: Key, firstLine: number): Omit<LineError, "line"> {
  return { field: k.field, reason: `duplicate ${k.label}, already on line ${firstLine}`, code: "duplicate" };
}
