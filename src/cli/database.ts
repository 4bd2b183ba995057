import {
  acquireLock,
  type Database,
  DataDirLockedError,
  type LockInfo,
  openDatabase,
  readLock,
} from "../db/index.js";
import { type Config, loadConfig } from "../http/index.js";
import { readAdminKeyFile } from "../identity/index.js";

/**
 * How CLI commands reach the database. On PostgreSQL any number of processes may write. On the
 * embedded PGlite only one process may open the folder, so a writing command takes the server's
 * lock for its run; while a server holds it, the command goes through the server's admin API
 * (see runningServer) or refuses with DataDirLockedError.
 */
export interface CliDatabase {
  db: Database;
  config: Config;
  close(): Promise<void>;
}

export async function openCliDatabase(command: string, config: Config = loadConfig()): Promise<CliDatabase> {
  if (config.databaseUrl) {
    const db = await openDatabase({
      url: config.databaseUrl,
      schemaName: config.databaseSchema,
      maxConnections: 4,
    });
    return { db, config, close: () => db.close() };
  }
  const release = acquireLock(config.dataDir, `cli:${command}`);
  try {
    const db = await openDatabase({ dataDir: config.dataDir });
    return {
      db,
      config,
      async close() {
        try {
          await db.close();
        } finally {
          release();
        }
      },
    };
  } catch (err) {
    release();
    throw err;
  }
}

/** The embedded server holding the data folder, with a key to call its admin API, if it runs. */
export interface RunningServer {
  holder: LockInfo;
  baseUrl: string;
  token: string | undefined;
}

export function runningServer(config: Config = loadConfig()): RunningServer | undefined {
  if (config.databaseUrl) return undefined;
  const holder = readLock(config.dataDir);
  if (!holder) return undefined;
  if (!/^https?:\/\//.test(holder.url)) {
    // Another CLI command holds the folder: it will be done soon, and has no API.
    throw new DataDirLockedError(config.dataDir, holder);
  }
  return { holder, baseUrl: holder.url, token: config.apiKey ?? readAdminKeyFile(config.dataDir) };
}

/** Calls the running server's admin API as the operator; throws with the server's error message. */
export async function callServer<T>(
  server: RunningServer,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  if (!server.token) {
    throw new Error(
      `A Panier server (pid ${server.holder.pid}) holds ${server.holder.url}'s database and no admin key was found: ` +
        "set PANIER_API_KEY or keep admin.key in PANIER_DATA_DIR.",
    );
  }
  const res = await fetch(new URL(path, server.baseUrl), {
    method,
    headers: {
      authorization: `Bearer ${server.token}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json().catch(() => ({}))) as { error?: { message?: string } };
  if (!res.ok) throw new Error(json.error?.message ?? `The server answered ${res.status}`);
  return json as T;
}
