export {
  createOAuthServer,
  oauthClientsFromEnv,
  SHOP_SCOPE,
  type OAuthServer,
  type OAuthServerOptions,
  type ShopperDirectory,
} from "./provider.js";
export { OAuthInteractions, type InteractionPage } from "./interactions.js";
export { DatabaseOAuthAdapter, purgeExpiredOAuthModels } from "./adapter.js";
export { pageLocale } from "./pages.js";
export { createAccountLinking, type AccountLinking } from "./linking.js";
