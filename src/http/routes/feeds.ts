import { createReadStream, existsSync } from "node:fs";
import { join } from "node:path";
import { createGzip } from "node:zlib";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { type FeedKind, FeedError, FeedGenerator, type FeedReport } from "../../feeds/index.js";
import { requireScope } from "../auth.js";
import type { AppDeps } from "../deps.js";
import { ApiError } from "../errors.js";

/** The feed generator of this app: the one start-up created, else one over the same folder. */
export function feedGenerator(deps: AppDeps): FeedGenerator {
  return (
    deps.feeds ??
    new FeedGenerator(deps.db, { dir: join(deps.config.dataDir, "feeds"), publicUrl: deps.config.publicUrl })
  );
}

const storeQuery = z.object({
  store: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, "a store code")
    .optional()
    .describe("Store code: that store's prices, promotions and availability"),
});
const requiredStoreQuery = z.object({ store: storeQuery.shape.store.unwrap() });

const CONTENT_TYPES: Record<FeedKind, string> = {
  "products.xml": "application/xml; charset=utf-8",
  "products.tsv": "text/tab-separated-values; charset=utf-8",
  "local-inventory.tsv": "text/tab-separated-values; charset=utf-8",
  "promotions.xml": "application/xml; charset=utf-8",
};

/** Whether the client accepts gzip (an explicit q=0 refuses it). */
export function acceptsGzip(header: string | string[] | undefined): boolean {
  const value = Array.isArray(header) ? header.join(",") : (header ?? "");
  for (const part of value.split(",")) {
    const [name, ...params] = part.trim().split(";");
    if (name?.trim().toLowerCase() !== "gzip" && name?.trim() !== "*") continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    if (!q || Number(q.slice(2)) > 0) return true;
  }
  return false;
}

function notModified(request: FastifyRequest, etag: string, lastModified: string): boolean {
  const inm = request.headers["if-none-match"];
  if (inm) {
    const tags = inm.split(",").map((t) => t.trim().replace(/^W\//, ""));
    return tags.includes("*") || tags.includes(etag);
  }
  const ims = request.headers["if-modified-since"];
  if (ims) {
    const since = Date.parse(ims);
    return !Number.isNaN(since) && Date.parse(lastModified) <= since;
  }
  return false;
}

const feeds: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const generator = feedGenerator(deps);

  /**
   * Serves a generated file: never built on the request path (a missing file starts a generation
   * and answers 503 with Retry-After), streamed from disk, gzip when asked, ETag/Last-Modified.
   */
  async function serve(request: FastifyRequest, reply: FastifyReply, kind: FeedKind, store: string | null) {
    if (store !== null && !(await generator.storeExists(store))) {
      throw new ApiError(404, "store_not_found", `No store has the code "${store}"`, { store });
    }
    const path = generator.path(kind, store);
    const meta = generator.meta(kind, store);
    if (!meta || !existsSync(path)) {
      if (!generator.busy)
        generator.generateAll().catch((err: unknown) => request.log.error({ err }, "feed generation failed"));
      reply.header("retry-after", "60");
      throw new ApiError(503, "feed_not_ready", "This feed is being generated; try again in a minute");
    }
    const gzip = acceptsGzip(request.headers["accept-encoding"]);
    // Each encoding is its own representation, so it gets its own entity tag.
    const etag = gzip ? meta.etag.replace(/"$/, '-gzip"') : meta.etag;
    reply
      .header("etag", etag)
      .header("last-modified", meta.lastModified)
      .header("cache-control", "public, max-age=300")
      .header("vary", "accept-encoding");
    if (notModified(request, etag, meta.lastModified)) return reply.code(304).send();
    reply.type(CONTENT_TYPES[kind]);
    const file = createReadStream(path);
    if (gzip) {
      reply.header("content-encoding", "gzip");
      return reply.send(file.pipe(createGzip()));
    }
    reply.header("content-length", String(meta.bytes));
    return reply.send(file);
  }

  const fileRoute = (summary: string) => ({
    schema: { tags: ["feeds"], summary, querystring: storeQuery },
  });

  app.get(
    "/feeds/google/products.xml",
    fileRoute("Merchant Center product feed (RSS 2.0 XML with the g: namespace)"),
    (request, reply) => serve(request, reply, "products.xml", request.query.store ?? null),
  );
  app.get(
    "/feeds/google/products.tsv",
    fileRoute("Merchant Center product feed (tab-separated)"),
    (request, reply) => serve(request, reply, "products.tsv", request.query.store ?? null),
  );
  app.get(
    "/feeds/google/local-inventory.tsv",
    {
      schema: {
        tags: ["feeds"],
        summary: "Local inventory feed of one store (tab-separated)",
        querystring: requiredStoreQuery,
      },
    },
    (request, reply) => serve(request, reply, "local-inventory.tsv", request.query.store),
  );
  app.get(
    "/feeds/google/promotions.xml",
    {
      schema: {
        tags: ["feeds"],
        summary: "Merchant Center promotions feed (XML) from the offers' promotions",
      },
    },
    (request, reply) => serve(request, reply, "promotions.xml", null),
  );

  const problem = z.object({
    code: z.string(),
    severity: z.enum(["error", "warning"]),
    attribute: z.string(),
    message: z.string(),
  });
  const reportSchema = z.object({
    feed: z.string(),
    store: z.string().nullable(),
    generatedAt: z.string(),
    products: z.number(),
    emitted: z.number(),
    withErrors: z.number(),
    withWarnings: z.number(),
    problems: z.array(
      z.object({
        code: z.string(),
        severity: z.enum(["error", "warning"]),
        attribute: z.string(),
        count: z.number(),
        example: z.string(),
      }),
    ),
    worst: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        errors: z.number(),
        warnings: z.number(),
        problems: z.array(problem),
      }),
    ),
    notices: z.array(
      z.object({ code: z.string(), severity: z.enum(["error", "warning"]), message: z.string() }),
    ),
  });
  const security = [{ bearer: [] }];

  app.get(
    "/v1/admin/feeds/health",
    {
      schema: {
        tags: ["feeds", "admin"],
        summary: "Feed health: the validation report of the last generation, per feed (admin)",
        security,
        querystring: storeQuery,
        response: {
          200: z.object({
            generating: z.boolean(),
            reports: z.array(reportSchema),
            missing: z.array(z.string()),
          }),
        },
      },
    },
    async (request) => {
      requireScope(request, "admin");
      const wanted = request.query.store;
      if (wanted && !(await generator.storeExists(wanted))) {
        throw new ApiError(404, "store_not_found", `No store has the code "${wanted}"`, { store: wanted });
      }
      const scopes = wanted ? [wanted] : [null, ...(await generator.stores()).map((s) => s.code)];
      const reports: FeedReport[] = [];
      const missing: string[] = [];
      for (const s of scopes) {
        const r = await generator.report(s);
        if (r) reports.push(r);
        else missing.push(s ?? "all");
      }
      return { generating: generator.busy, reports, missing };
    },
  );

  app.get(
    "/v1/admin/feeds/validate",
    {
      schema: {
        tags: ["feeds", "admin"],
        summary: "Validate a product feed now against the current catalog, without writing it (admin)",
        security,
        querystring: storeQuery,
        response: { 200: reportSchema },
      },
    },
    async (request) => {
      requireScope(request, "admin");
      try {
        return await generator.validate(request.query.store ?? null);
      } catch (err) {
        if (err instanceof FeedError)
          throw new ApiError(404, "store_not_found", err.message, { store: request.query.store });
        throw err;
      }
    },
  );

  app.post(
    "/v1/admin/feeds/regenerate",
    {
      schema: {
        tags: ["feeds", "admin"],
        summary: "Regenerate every feed now, in the background (admin)",
        security,
        response: { 202: z.object({ status: z.literal("started") }) },
      },
    },
    async (request, reply) => {
      requireScope(request, "admin");
      generator.generateAll().catch((err: unknown) => request.log.error({ err }, "feed generation failed"));
      return reply.code(202).send({ status: "started" as const });
    },
  );
};

export default feeds;
