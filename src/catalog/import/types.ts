import type { Readable } from "node:stream";
import type { RawExec } from "../../db/index.js";

export type ImportKind = "catalog" | "stores" | "offers" | "customers";
/** What a file turned out to be: the shared JSONL, the shared columns as CSV, Open Food Facts, a JSON array. */
export type ImportFormat = "jsonl" | "csv" | "off-jsonl" | "off-csv" | "json";
/** What the caller may force; `off` means Open Food Facts, JSONL or tab-separated, detected. */
export type FormatOption = "auto" | "jsonl" | "csv" | "off" | "json";
/** `full`: the file is the whole catalog, products it no longer lists are delisted. `delta`: add and update only. */
export type ImportMode = "full" | "delta";

/** One problem on one line of the file. `line` is 1-based, as an editor shows it. */
export interface LineError {
  line: number;
  field: string;
  reason: string;
  /** Stable code: bad_check_digit, invalid_quantity, negative_price, unknown_store, duplicate, ... */
  code: string;
}

export interface ImportProgress {
  read: number;
  badLines: number;
  bytesRead: number;
  /** Total bytes when known (a file path), for the ETA. */
  bytesTotal?: number;
  elapsedMs: number;
  /** Records per second so far. */
  rate: number;
  /** Seconds left, when the total size is known. */
  etaSeconds?: number;
}

export interface ImportOptions {
  mode?: ImportMode;
  /** Bad lines allowed while still committing the good ones (default 0: all or nothing). */
  maxErrors?: number;
  format?: FormatOption;
  /** Rows per write (default 1000). */
  batchSize?: number;
  /** Aborting (Ctrl-C) rolls everything back and rejects with ImportAbortedError. */
  signal?: AbortSignal;
  /** Called about every `batchSize` records and once at the end. */
  onProgress?: (p: ImportProgress) => void;
  /** Total size of a stream input, for the ETA (known by itself for a path). */
  sizeBytes?: number;
}

export interface ImportReport {
  kind: ImportKind;
  format: ImportFormat;
  mode: ImportMode;
  /** Records read (non-empty lines or CSV rows, header excluded). */
  read: number;
  /** Rows created, changed, or already identical; all 0 when nothing was committed. */
  inserted: number;
  updated: number;
  unchanged: number;
  /** Products set inactive (catalog) or offers removed (offers) by a full import. */
  delisted: number;
  /** Lines with at least one problem. */
  badLines: number;
  /** Every problem of every bad line, in file order. */
  errors: LineError[];
  committed: boolean;
  /** Source fields the import could not map onto Panier's (Open Food Facts columns it ignores). */
  unmappedFields?: string[];
  /** Panier fields the source does not carry, filled with defaults and never overwritten on update. */
  defaultedFields?: string[];
  /** The catalog version after a committed catalog (products) change: nodes rebuild their index. */
  catalogVersion?: number;
  /** The offers version after a committed offers change: nodes refresh offers, not the index. */
  offersVersion?: number;
  durationMs: number;
}

export type ImportInput = Readable | string;

export interface RawRecord {
  line: number;
  /** The parsed record, or undefined when the line itself could not be read. */
  value?: Record<string, unknown>;
  error?: LineError;
}

/** What a kind-specific importer makes of one record. */
export type Prepared<Row> =
  | { ok: true; row: Row; keys: Key[] }
  | { ok: false; errors: Omit<LineError, "line">[]; keys?: Key[] };

/** A value that must be unique in the file; `label` names it in the error ("GTIN 3017620422003"). */
export interface Key {
  key: string;
  field: string;
  label: string;
}

export interface WriteCounts {
  inserted: number;
  updated: number;
}

/** A kind of import: how a record becomes a row, what the database must confirm, how rows are written. */
export interface Importer<Row> {
  kind: ImportKind;
  /** Called once inside the transaction before the first record (load small lookups). */
  begin?(exec: RawExec): Promise<void>;
  prepare(value: Record<string, unknown>, format: ImportFormat): Prepared<Row>;
  /** Checks needing the database (unknown store or product); returns problems by index in `rows`. */
  check?(exec: RawExec, rows: Row[]): Promise<Map<number, Omit<LineError, "line">[]>>;
  write(exec: RawExec, rows: Row[], format: ImportFormat): Promise<WriteCounts>;
  /** After the last batch of a committing run: full-mode delisting and the version it bumped. */
  finish?(
    exec: RawExec,
    ctx: { mode: ImportMode; changed: boolean; seenTable: string },
  ): Promise<{ delisted: number; catalogVersion?: number; offersVersion?: number }>;
  unmappedFields?(): string[] | undefined;
  defaultedFields?(format: ImportFormat): string[] | undefined;
}
