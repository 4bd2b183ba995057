import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { findStore, listStores } from "../../stores/index.js";
import type { AppDeps } from "../deps.js";
import { ApiError } from "../errors.js";
import { errorResponses } from "../views/error.js";
import { storeSchema, storeView } from "../views/store.js";

const stores: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    "/v1/stores",
    {
      schema: {
        tags: ["stores"],
        summary: "Every store, with its address, opening hours and delivery / pickup terms",
        response: { 200: z.object({ items: z.array(storeSchema) }) },
      },
    },
    async () => ({ items: (await listStores(deps.db)).map(storeView) }),
  );

  app.get(
    "/v1/stores/:code",
    {
      schema: {
        tags: ["stores"],
        summary: "One store by its code",
        params: z.object({ code: z.string().min(1).max(64) }),
        response: { 200: storeSchema, ...errorResponses(404) },
      },
    },
    async (request) => {
      const store = await findStore(deps.db, request.params.code);
      if (!store) {
        throw new ApiError(404, "store_not_found", `No store has the code "${request.params.code}"`, {
          store: request.params.code,
        });
      }
      return storeView(store);
    },
  );
};

export default stores;
