import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import pg from "pg";
import { runMigrations } from "./migrate.js";
import * as schema from "./schema/index.js";
import type { Database, DatabaseOptions, Orm } from "./types.js";

export type { Database, DatabaseOptions, Orm, RawExec, Schema } from "./types.js";

const SAFE_IDENT = /^[a-z_][a-z0-9_]{0,62}$/;

export async function openDatabase(options: DatabaseOptions = {}): Promise<Database> {
  const db = options.url ? await openPostgres(options.url, options) : await openPglite(options.dataDir);
  if (options.migrate !== false) await runMigrations(db, options.schemaName ?? "public");
  return db;
}

async function openPglite(dataDir?: string): Promise<Database> {
  let client: PGlite;
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    client = await PGlite.create(join(dataDir, "db"));
  } else {
    client = await PGlite.create();
  }
  const orm = drizzlePglite(client, { schema }) as unknown as Orm;
  return {
    kind: "pglite",
    orm,
    async query<T>(text: string, params?: unknown[]) {
      const res = await client.query<T>(text, params as never[]);
      return res.rows;
    },
    transaction: (fn) => orm.transaction((tx) => fn(tx as unknown as Orm)),
    rawTransaction: (fn) =>
      client.transaction((tx) =>
        fn(async <R>(text: string, params?: unknown[]) => {
          if (params && params.length > 0) return (await tx.query<R>(text, params as never[])).rows;
          const results = await tx.exec(text);
          return (results[results.length - 1]?.rows ?? []) as R[];
        }),
      ),
    listen: (channel, cb) => client.listen(channel, cb),
    async notify(channel, payload) {
      await client.query("SELECT pg_notify($1, $2)", [channel, payload]);
    },
    close: () => client.close(),
  };
}

async function openPostgres(url: string, options: DatabaseOptions): Promise<Database> {
  const schemaName = options.schemaName;
  if (schemaName !== undefined && !SAFE_IDENT.test(schemaName)) {
    throw new Error(`Invalid PostgreSQL schema name: ${schemaName}`);
  }
  if (schemaName) {
    const setup = new pg.Client({ connectionString: url });
    await setup.connect();
    try {
      // IF NOT EXISTS is not race-free: two nodes starting at once can both try to create it,
      // and the loser gets a unique violation. The schema exists then, which is all we need.
      await setup.query(`CREATE SCHEMA IF NOT EXISTS ${schemaName}`).catch((err: { code?: string }) => {
        if (err.code !== "23505" && err.code !== "42P06") throw err;
      });
    } finally {
      await setup.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: options.maxConnections ?? 10,
    options: schemaName ? `-c search_path=${schemaName}` : undefined,
  });
  // An idle client that errors (server restart) must not crash the process.
  pool.on("error", () => {});
  const orm = drizzlePg(pool, { schema }) as unknown as Orm;
  const prefix = schemaName && schemaName !== "public" ? `${schemaName}__` : "";
  let listener: pg.Client | undefined;
  const handlers = new Map<string, Set<(payload: string) => void>>();
  let closed = false;
  // One dedicated connection carries every LISTEN. When it drops (server restart, network),
  // it is re-opened with backoff and re-subscribed, so other nodes' changes keep arriving.
  const connectListener = async (): Promise<pg.Client> => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    client.on("notification", (msg) => {
      for (const h of handlers.get(msg.channel) ?? []) h(msg.payload ?? "");
    });
    const lost = () => {
      if (listener !== client) return;
      listener = undefined;
      client.removeAllListeners("end");
      client.end().catch(() => {});
      if (!closed) scheduleReconnect(250);
    };
    client.on("error", lost);
    client.on("end", lost);
    listener = client;
    return client;
  };
  const scheduleReconnect = (delayMs: number) => {
    const timer = setTimeout(async () => {
      if (closed || listener) return;
      try {
        const conn = await connectListener();
        for (const name of handlers.keys()) await conn.query(`LISTEN "${name}"`);
      } catch {
        scheduleReconnect(Math.min(delayMs * 2, 10_000));
      }
    }, delayMs);
    timer.unref();
  };
  return {
    kind: "postgres",
    orm,
    async query<T>(text: string, params?: unknown[]) {
      const res = await pool.query(text, params);
      return res.rows as T[];
    },
    transaction: (fn) => orm.transaction((tx) => fn(tx as unknown as Orm)),
    async rawTransaction(fn) {
      const conn = await pool.connect();
      try {
        await conn.query("BEGIN");
        const result = await fn(async <R>(text: string, params?: unknown[]) => {
          const res = await conn.query(text, params);
          // A multi-statement text returns one result per statement: keep the last.
          const last = Array.isArray(res) ? res[res.length - 1] : res;
          return (last?.rows ?? []) as R[];
        });
        await conn.query("COMMIT");
        return result;
      } catch (err) {
        await conn.query("ROLLBACK").catch(() => {});
        throw err;
      } finally {
        conn.release();
      }
    },
    async listen(channel, cb) {
      const name = prefix + channel;
      let set = handlers.get(name);
      if (!set) {
        set = new Set();
        handlers.set(name, set);
        const conn = listener ?? (await connectListener());
        await conn.query(`LISTEN "${name}"`);
      }
      set.add(cb);
      return async () => {
        set.delete(cb);
      };
    },
    async notify(channel, payload) {
      await pool.query("SELECT pg_notify($1, $2)", [prefix + channel, payload]);
    },
    async close() {
      closed = true;
      const conn = listener;
      listener = undefined;
      await conn?.end().catch(() => {});
      await pool.end();
    },
  };
}
