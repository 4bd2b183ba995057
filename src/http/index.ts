export { buildApp, type BuildOptions } from "./app.js";
export { loadConfig, type Config } from "./config.js";
export type { AppDeps } from "./deps.js";
export { ApiError } from "./errors.js";
export type { Principal, TokenResolver } from "./auth.js";
export { LOG_REDACT } from "./app.js";
export { createAppServices, closeAppServices, type ServiceOptions } from "./services.js";
