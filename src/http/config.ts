import { join } from "node:path";

/** Server configuration from the environment (README documents each variable). */
export interface Config {
  port: number;
  host: string;
  /** Folder for the embedded database, the server lock and the generated admin key. */
  dataDir: string;
  /** postgres://... when set; otherwise embedded PGlite in dataDir. */
  databaseUrl?: string;
  /** Base of every published link (feeds, JSON-LD): https in production. */
  publicUrl: string;
  /** A key with the `channel` and `admin` scopes, when set. */
  apiKey?: string;
  logLevel: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  const dataDir = env.PANIER_DATA_DIR ?? join(process.cwd(), ".panier");
  return {
    port,
    host: env.HOST ?? "0.0.0.0",
    dataDir,
    databaseUrl: env.DATABASE_URL || undefined,
    publicUrl: (env.PANIER_PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, ""),
    apiKey: env.PANIER_API_KEY || undefined,
    logLevel: env.LOG_LEVEL ?? "info",
  };
}
