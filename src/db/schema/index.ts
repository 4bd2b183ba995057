// Schema-as-code, one file per domain. Each table here has its CREATE in src/db/migrations.
export * from "./catalog.js";
export * from "./people.js";
export * from "./stores.js";
export * from "./commerce.js";
export * from "./dialog.js";
export * from "./oauth.js";
