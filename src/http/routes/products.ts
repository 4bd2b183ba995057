import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { type Product, findProduct } from "../../catalog/index.js";
import { fold } from "../../language/index.js";
import { findOffer, findOffers, priceOffer, type Store } from "../../stores/index.js";
import type { AppDeps } from "../deps.js";
import { ApiError } from "../errors.js";
import { errorResponses } from "../views/error.js";
import { productSchema, productView } from "../views/product.js";

const searchQuery = z.object({
  q: z
    .string()
    .max(200)
    .optional()
    .describe("Words to look for, French or English; empty lists by popularity"),
  category: z
    .string()
    .max(300)
    .optional()
    .describe('A category path ("Crèmerie > Laits") or one category name ("Laits")'),
  store: z.string().max(64).optional().describe("Only products this store sells, with its price"),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

const hitSchema = productSchema.extend({
  score: z.number().nullable().describe("Relevance; null when listing without words"),
});

// Per-snapshot derived data, computed once per catalog version (a snapshot's products never change).
const foldedPaths = new WeakMap<Product, string[]>();
const byPopularity = new WeakMap<readonly Product[], Product[]>();

function foldedPath(p: Product): string[] {
  let path = foldedPaths.get(p);
  if (!path) {
    path = p.category.map((s) => fold(s).trim());
    foldedPaths.set(p, path);
  }
  return path;
}

/** The snapshot's products, most sold first (ties by id), for listing without words. */
function popularFirst(products: readonly Product[]): Product[] {
  let sorted = byPopularity.get(products);
  if (!sorted) {
    sorted = [...products].sort((a, b) => b.sales30d - a.sales30d || a.id.localeCompare(b.id));
    byPopularity.set(products, sorted);
  }
  return sorted;
}

/** Category filter: a path prefix ("Crèmerie > Laits"), or one segment anywhere ("Laits"). */
export function categoryMatcher(category: string): (p: Product) => boolean {
  const wanted = category
    .split(">")
    .map((s) => fold(s).trim())
    .filter(Boolean);
  if (wanted.length === 0) return () => true;
  return (p) => {
    const path = foldedPath(p);
    if (wanted.length === 1) return path.includes(wanted[0]!);
    return wanted.every((seg, i) => path[i] === seg);
  };
}

async function storeOr404(deps: AppDeps, code: string): Promise<Store> {
  const store = await deps.storeCache.get(code);
  if (!store) throw new ApiError(404, "store_not_found", `No store has the code "${code}"`, { store: code });
  return store;
}

const products: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    "/v1/products",
    {
      schema: {
        tags: ["catalog"],
        summary: "Search the catalog (French-aware: accents, plurals, elisions), optionally within one store",
        querystring: searchQuery,
        response: {
          200: z.object({
            query: z.string(),
            store: z.string().nullable(),
            catalog_version: z.number().int(),
            items: z.array(hitSchema),
          }),
          ...errorResponses(400, 404),
        },
      },
    },
    async (request) => {
      const { q = "", category, store: storeCode, limit } = request.query;
      const snapshot = deps.catalog.snapshot;
      const store = storeCode ? await storeOr404(deps, storeCode) : null;
      const sold = store ? await deps.offeredProducts.get(store.code, deps.catalog.offersVersion) : null;
      const inCategory = category ? categoryMatcher(category) : null;
      const filter =
        sold || inCategory
          ? (p: Product) => (!sold || sold.has(p.id)) && (!inCategory || inCategory(p))
          : undefined;

      let hits: { product: Product; score: number | null }[];
      if (q.trim()) {
        hits = snapshot.index.search(q, { limit, filter });
      } else {
        // No words: the most popular products first, like a shelf.
        hits = [];
        for (const product of popularFirst(snapshot.products)) {
          if (hits.length >= limit) break;
          if (!filter || filter(product)) hits.push({ product, score: null });
        }
      }
      const offers = store
        ? await findOffers(
            deps.db,
            store.code,
            hits.map((h) => h.product.id),
          )
        : null;
      const now = new Date();
      const items = hits.flatMap(({ product, score }) => {
        const offer = offers?.get(product.id);
        // Sold when the cache was read but the offer is gone since: leave it out.
        if (store && !offer) return [];
        const priced = store && offer ? priceOffer(product, store, offer, now) : undefined;
        return [{ ...productView(product, deps.config.publicUrl, priced), score }];
      });
      return { query: q, store: store?.code ?? null, catalog_version: snapshot.version, items };
    },
  );

  app.get(
    "/v1/products/:id",
    {
      schema: {
        tags: ["catalog"],
        summary: "One product; with ?store= the store's price, promotion, stock and unit price",
        params: z.object({ id: z.string().min(1).max(64) }),
        querystring: z.object({ store: z.string().max(64).optional() }),
        response: { 200: productSchema, ...errorResponses(400, 404) },
      },
    },
    async (request) => {
      const { id } = request.params;
      const product = deps.catalog.snapshot.byId.get(id) ?? (await findProduct(deps.db, id));
      if (!product) {
        throw new ApiError(404, "product_not_found", `No product has the id "${id}"`, { product: id });
      }
      const storeCode = request.query.store;
      if (!storeCode) return productView(product, deps.config.publicUrl);
      const store = await storeOr404(deps, storeCode);
      const offer = await findOffer(deps.db, store.code, product.id);
      if (!offer) {
        throw new ApiError(
          404,
          "product_not_in_store",
          `The store "${store.code}" does not sell the product "${id}"`,
          { product: id, store: store.code },
        );
      }
      return productView(product, deps.config.publicUrl, priceOffer(product, store, offer));
    },
  );
};

export default products;
