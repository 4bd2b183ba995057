// Shoppers' sign-in and (later) the OAuth 2.0 server for account linking; API keys.
// The commerce issue adds shopper sessions here; http/auth.ts takes the resolvers.
export * from "./keys.js";
export * from "./admin-key.js";
