import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type * as schema from "./schema/index.js";

export type Schema = typeof schema;
/** The Drizzle handle every module queries through; the same type on PGlite and PostgreSQL. */
export type Orm = PgDatabase<PgQueryResultHKT, Schema>;

export interface DatabaseOptions {
  /** postgres://... — use a PostgreSQL server. Without it, embedded PGlite. */
  url?: string;
  /** PGlite data folder; omitted with no url means an in-memory database (tests). */
  dataDir?: string;
  /** PostgreSQL schema to work in (created if missing); tests use one per worker. */
  schemaName?: string;
  /** Pool size on PostgreSQL. */
  maxConnections?: number;
  /** Skip migrations (tools that only read). */
  migrate?: boolean;
}

export interface Database {
  readonly kind: "pglite" | "postgres";
  readonly orm: Orm;
  /** Raw parameterised SQL, for what Drizzle's builder does not express well. */
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** Runs `fn` on one connection inside a transaction; rolls back when it throws. */
  transaction<T>(fn: (tx: Orm) => Promise<T>): Promise<T>;
  /**
   * A transaction on one connection with raw SQL: without params the text may hold several
   * statements (migrations, bulk scripts); with params it is one parameterised statement.
   */
  rawTransaction<T>(fn: (exec: RawExec) => Promise<T>): Promise<T>;
  /** LISTEN on a channel (namespaced per schema so test workers do not hear each other). */
  listen(channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>>;
  notify(channel: string, payload: string): Promise<void>;
  close(): Promise<void>;
}

export type RawExec = <R = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<R[]>;
