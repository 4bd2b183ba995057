import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppDeps } from "../deps.js";

const health: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    "/healthz",
    {
      schema: {
        tags: ["system"],
        summary: "Liveness and readiness: 200 once the server can serve",
        response: { 200: z.object({ status: z.literal("ok"), database: z.enum(["pglite", "postgres"]) }) },
      },
    },
    async () => {
      await deps.db.query("SELECT 1");
      return { status: "ok" as const, database: deps.db.kind };
    },
  );
};

export default health;
