import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { buildCategoryTree, type CategoryNode, type Product } from "../../catalog/index.js";
import type { AppDeps } from "../deps.js";
import { ApiError } from "../errors.js";
import { errorResponses } from "../views/error.js";

type NodeView = { name: string; path: string; count: number; children: NodeView[] };

const nodeSchema: z.ZodType<NodeView> = z.lazy(() =>
  z.object({
    name: z.string(),
    path: z.string().describe('Full path, usable as /v1/products?category= ("Crèmerie > Laits")'),
    count: z.number().int().describe("Active products in this category and below"),
    children: z.array(nodeSchema),
  }),
);

// The whole-catalog tree changes only with the catalog snapshot: build it once per snapshot.
const treeBySnapshot = new WeakMap<readonly Product[], CategoryNode[]>();

const categories: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    "/v1/categories",
    {
      schema: {
        tags: ["catalog"],
        summary: "The category tree (aisles) with product counts, optionally of what one store sells",
        querystring: z.object({ store: z.string().max(64).optional() }),
        response: {
          200: z.object({ store: z.string().nullable(), items: z.array(nodeSchema) }),
          ...errorResponses(404),
        },
      },
    },
    async (request) => {
      const { products } = deps.catalog.snapshot;
      const code = request.query.store;
      if (!code) {
        let tree = treeBySnapshot.get(products);
        if (!tree) {
          tree = buildCategoryTree(products);
          treeBySnapshot.set(products, tree);
        }
        return { store: null, items: tree };
      }
      const store = await deps.storeCache.get(code);
      if (!store)
        throw new ApiError(404, "store_not_found", `No store has the code "${code}"`, { store: code });
      const sold = await deps.offeredProducts.get(store.code, deps.catalog.offersVersion);
      return { store: store.code, items: buildCategoryTree(products.filter((p) => sold.has(p.id))) };
    },
  );
};

export default categories;
