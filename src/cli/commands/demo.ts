import type { Command } from "commander";
import { openCliDatabase, runningServer } from "../database.js";
import { DEMO_DIR, loadDemoData } from "../demo-data.js";

/** `panier demo load`: the demo store into any database (PostgreSQL gets it only this way). */
export function registerDemo(program: Command): void {
  const demo = program.command("demo").description("The demo store (data/demo)");
  demo
    .command("load")
    .description("Load the demo catalog, stores, offers and customers; loading twice changes nothing")
    .option("--dir <dir>", "folder holding the shared-format files", DEMO_DIR)
    .action(async (opts: { dir: string }) => {
      const server = runningServer();
      if (server) {
        throw new Error(
          `A Panier server (pid ${server.holder.pid}, ${server.holder.url}) holds the embedded database, ` +
            "and it loads the demo data itself on its first start. Stop it to load the demo again, " +
            "or use `panier import` to add files through it.",
        );
      }
      const { db, close } = await openCliDatabase("demo");
      try {
        const report = await loadDemoData(db, opts.dir);
        console.log(
          `Demo data loaded: ${report.products} products, ${report.stores} stores, ${report.offers} offers, ${report.customers} customers.`,
        );
      } finally {
        await close();
      }
    });
}
