import { Command } from "commander";
import { registerDemo } from "./commands/demo.js";
import { registerExport } from "./commands/export.js";
import { registerFeed } from "./commands/feed.js";
import { registerKeys } from "./commands/keys.js";
import { registerServe } from "./commands/serve.js";
import { registerUnderstand } from "./commands/understand.js";
import { registerImport } from "./commands/import.js";

// The `panier` command. Each subcommand lives in its own file under src/cli/commands and is
// registered here with one line.
const program = new Command("panier")
  .description("Panier — voice and conversational commerce for grocers")
  .showHelpAfterError();

registerServe(program);
registerKeys(program);
registerDemo(program);
registerImport(program);
registerExport(program);
registerFeed(program);
registerUnderstand(program);

program.parseAsync(process.argv).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
