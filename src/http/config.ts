import { join, resolve } from "node:path";

/** Server configuration from the environment (README documents each variable). */
export interface Config {
  port: number;
  host: string;
  /** Folder for the embedded database, the server lock and the generated admin key. */
  dataDir: string;
  /** postgres://... when set; otherwise embedded PGlite in dataDir. */
  databaseUrl?: string;
  /** PostgreSQL schema to use (created if missing); default: the connection's search_path. */
  databaseSchema?: string;
  /** Base of every published link (feeds, JSON-LD): https in production. */
  publicUrl: string;
  /** A key with the `channel` and `admin` scopes, when set. */
  apiKey?: string;
  logLevel: string;
  /** "auto": load the demo data on the first start of an empty embedded database; "off": never. */
  demo: "auto" | "off";
  /** How often (ms) each node re-checks the catalog version in case a notification was missed. */
  catalogPollMs: number;
}

function intVar(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new Error(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = intVar(env, "PORT", 3000, 0, 65535);
  const dataDir = resolve(env.PANIER_DATA_DIR || join(process.cwd(), ".panier"));
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error("DATABASE_URL must be a postgres:// or postgresql:// URL");
  }
  const databaseSchema = env.PANIER_DATABASE_SCHEMA || undefined;
  if (databaseSchema && !/^[a-z_][a-z0-9_]{0,62}$/.test(databaseSchema)) {
    throw new Error("PANIER_DATABASE_SCHEMA must be a lower-case SQL identifier (letters, digits, _)");
  }
  const demo = (env.PANIER_DEMO || "auto").toLowerCase();
  if (demo !== "auto" && demo !== "off")
    throw new Error(`PANIER_DEMO must be "auto" or "off", got "${demo}"`);
  return {
    port,
    host: env.HOST || "0.0.0.0",
    dataDir,
    databaseUrl,
    databaseSchema,
    publicUrl: (env.PANIER_PUBLIC_URL || `http://localhost:${port}`).replace(/\/+$/, ""),
    apiKey: env.PANIER_API_KEY || undefined,
    logLevel: env.LOG_LEVEL || "info",
    demo,
    catalogPollMs: intVar(env, "PANIER_CATALOG_POLL_MS", 5000, 0, 3_600_000),
  };
}
