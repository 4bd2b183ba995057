import type { Command } from "commander";
import { loadConfig } from "../../http/index.js";
import { createLogger, startServer } from "../server.js";

/** How long in-flight requests get to finish after SIGINT/SIGTERM before the process exits anyway. */
const SHUTDOWN_GRACE_MS = 10_000;

export function registerServe(program: Command): void {
  program
    .command("serve")
    .description("Serve the API (embedded database in PANIER_DATA_DIR unless DATABASE_URL is set)")
    .option("-p, --port <port>", "port to listen on (default: PORT or 3000)")
    .action(async (opts: { port?: string }) => {
      const config = loadConfig(opts.port ? { ...process.env, PORT: opts.port } : process.env);
      const log = createLogger(config);
      let server: Awaited<ReturnType<typeof startServer>>;
      try {
        server = await startServer(config, log);
      } catch (err) {
        log.fatal({ err }, "Panier could not start");
        process.exitCode = 1;
        return;
      }
      let shuttingDown = false;
      const shutdown = (signal: string) => {
        if (shuttingDown) {
          log.warn({ signal }, "second signal: exiting now");
          process.exit(1);
        }
        shuttingDown = true;
        log.info({ signal }, "shutting down: finishing requests in flight");
        const force = setTimeout(() => {
          log.error("requests still running after the grace period: exiting");
          process.exit(1);
        }, SHUTDOWN_GRACE_MS);
        force.unref();
        server.stop().then(
          () => {
            log.info("stopped");
            log.flush?.();
            process.exit(0);
          },
          (err: unknown) => {
            log.error({ err }, "shutdown failed");
            process.exit(1);
          },
        );
      };
      process.on("SIGINT", () => shutdown("SIGINT"));
      process.on("SIGTERM", () => shutdown("SIGTERM"));
    });
}
