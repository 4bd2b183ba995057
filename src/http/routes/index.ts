import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppDeps } from "../deps.js";
import commerceRoutes from "./commerce/index.js";
import conversations from "./conversations.js";
import health from "./health.js";
import keys from "./keys.js";
import categories from "./categories.js";
import products from "./products.js";
import stores from "./stores.js";
import oauth from "./oauth.js";
import webhooks from "./webhooks.js";
import feeds from "./feeds.js";
import productPages from "./product-pages.js";
import adminImports from "./admin-imports.js";

/** Every route plugin of the API, registered in this order. Each issue adds its own module here. */
export const routePlugins: FastifyPluginAsyncZod<AppDeps>[] = [
  health,
  products,
  categories,
  stores,
  keys,
  webhooks,
  oauth,
  adminImports,
  commerceRoutes,
  conversations,
  feeds,
  productPages,
];
