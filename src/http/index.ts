export { buildApp, type BuildOptions } from "./app.js";
export { loadConfig, type Config } from "./config.js";
export type { AppDeps } from "./deps.js";
export { ApiError } from "./errors.js";
export type { Principal, TokenResolver } from "./auth.js";
