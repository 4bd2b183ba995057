import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { createCommerce } from "../../../commerce/index.js";
import type { AppDeps } from "../../deps.js";
import { accountRoutes } from "./accounts.js";
import { cartRoutes } from "./carts.js";
import { orderRoutes } from "./orders.js";

/** Accounts, carts, slots, checkout and orders under /v1 (issue 5), sharing one commerce service. */
const commerceRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const commerce = deps.commerce ?? createCommerce(deps.db);
  await app.register(accountRoutes(commerce), deps);
  await app.register(cartRoutes(commerce), deps);
  await app.register(orderRoutes(commerce), deps);
};

export default commerceRoutes;
