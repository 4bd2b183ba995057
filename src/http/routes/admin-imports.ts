import { Readable } from "node:stream";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { FormatError, ImportAbortedError } from "../../catalog/index.js";
import { IMPORT_KINDS, importFile } from "../../commerce/index.js";
import { requireScope } from "../auth.js";
import type { AppDeps } from "../deps.js";
import { ApiError } from "../errors.js";
import { errorResponses } from "../views/error.js";

const lineErrorSchema = z.object({
  line: z.number(),
  field: z.string(),
  reason: z.string(),
  code: z.string(),
});

export const importReportSchema = z.object({
  kind: z.enum(["catalog", "stores", "offers", "customers"]),
  format: z.enum(["jsonl", "csv", "off-jsonl", "off-csv", "json"]),
  mode: z.enum(["full", "delta"]),
  read: z.number(),
  inserted: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  delisted: z.number(),
  badLines: z.number(),
  errors: z.array(lineErrorSchema),
  committed: z.boolean(),
  unmappedFields: z.array(z.string()).optional(),
  defaultedFields: z.array(z.string()).optional(),
  catalogVersion: z.number().optional(),
  offersVersion: z.number().optional(),
  durationMs: z.number(),
});

const querySchema = z.object({
  kind: z.enum(IMPORT_KINDS as ["catalog", "stores", "offers", "customers"]),
  mode: z.enum(["full", "delta"]).default("delta"),
  max_errors: z.coerce.number().int().nonnegative().default(0),
  format: z.enum(["auto", "jsonl", "csv", "off", "json"]).default("auto"),
});

/**
 * `POST /v1/admin/imports?kind=catalog&mode=delta&max_errors=0&format=auto`: the same import as
 * `panier import`, for admins, and the way the CLI reaches an embedded database a running server
 * holds. The body is the file itself, raw and streamed (any content type: application/x-ndjson,
 * text/csv, application/json, application/octet-stream...), never buffered whole: a large catalog
 * costs the server no more memory than a small one. Multipart is not accepted.
 * 200 with the report when it committed; 422 with the report (every bad line) when it did not.
 * A client that disconnects mid-upload rolls the import back.
 */
const adminImports: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  // Encapsulated in this plugin: every body reaches the handler as the raw request stream.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", (_request, payload, done) => done(null, payload));

  app.post(
    "/v1/admin/imports",
    {
      schema: {
        tags: ["admin"],
        summary: "Import a catalog, stores, offers or customers file (the raw file as the body)",
        description:
          "The body is the file, streamed: shared JSONL, CSV (comma or semicolon, UTF-8 with or without BOM), " +
          "Open Food Facts JSONL or TSV (catalog), the JSON array of stores. The format is detected by content " +
          "unless `format` says otherwise. All or nothing unless `max_errors` allows bad lines.",
        security: [{ bearer: [] }],
        querystring: querySchema,
        response: {
          200: importReportSchema,
          422: z.object({
            error: z.object({
              code: z.literal("import_rejected"),
              message: z.string(),
              report: importReportSchema,
            }),
          }),
          ...errorResponses(400, 401, 403, 499),
        },
      },
    },
    async (request, reply) => {
      requireScope(request, "admin");
      const q = request.query;
      const controller = new AbortController();
      const onClose = () => {
        if (!request.raw.complete) controller.abort();
      };
      request.raw.on("close", onClose);
      try {
        const body = request.body as Readable | undefined;
        if (!(body instanceof Readable))
          throw new ApiError(400, "empty_body", "Send the file as the request body");
        const report = await importFile(deps.db, q.kind, body, {
          mode: q.mode,
          maxErrors: q.max_errors,
          format: q.format,
          signal: controller.signal,
          sizeBytes: Number(request.headers["content-length"]) || undefined,
        });
        if (!report.committed) {
          return reply.status(422).send({
            error: {
              code: "import_rejected" as const,
              message: `Nothing was imported: ${report.badLines} bad lines (at most ${q.max_errors} allowed)`,
              report,
            },
          });
        }
        return report;
      } catch (err) {
        if (err instanceof FormatError) throw new ApiError(400, err.code, err.message);
        // The client went away mid-upload (Ctrl-C in `panier import`): rolled back, nothing to tell it.
        if (
          err instanceof ImportAbortedError ||
          controller.signal.aborted ||
          (err as { code?: string }).code === "ECONNRESET"
        ) {
          throw new ApiError(
            499,
            "import_aborted",
            "The upload stopped before its end: nothing was imported",
          );
        }
        throw err;
      } finally {
        request.raw.off("close", onClose);
      }
    },
  );
};

export default adminImports;
