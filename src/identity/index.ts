// Shoppers' sign-in and (later) the OAuth 2.0 server for account linking; API keys.
// The commerce issue adds shopper sessions here; http/auth.ts takes the resolvers.
export * from "./keys.js";
export * from "./admin-key.js";
export {
  AccountError,
  DEMO_PASSWORD,
  MIN_PASSWORD_LENGTH,
  type Shopper,
  checkCredentials,
  getShopper,
  hashPassword,
  setDemoPasswords,
  signUp,
  verifyPassword,
} from "./accounts.js";
export {
  SIGN_IN_LIMIT,
  type SignInLimit,
  TooManyAttemptsError,
  signInWithLimit,
} from "./sign-in-limit.js";
export { purgeExpired as purgeExpiredIdentity } from "./purge.js";
export {
  type Session,
  type ShopperPrincipal,
  createSession,
  revokeSession,
  sessionTokenResolver,
  verifySessionToken,
} from "./sessions.js";
export {
  type AccountLinking,
  type OAuthServer,
  type ShopperDirectory,
  OAuthInteractions,
  SHOP_SCOPE,
  createAccountLinking,
  oauthClientsFromEnv,
  purgeExpiredOAuthModels,
} from "./oauth/index.js";
