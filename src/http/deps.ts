import type { Database } from "../db/index.js";
import type { Config } from "./config.js";
import type { TokenResolver } from "./auth.js";

/**
 * What the HTTP layer is built from. Route plugins receive it; each issue adds the services
 * it needs here (catalog index, dialog, ...), created once in server start-up.
 */
export interface AppDeps {
  db: Database;
  config: Config;
  tokenResolvers: TokenResolver[];
}
