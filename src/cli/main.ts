import { Command } from "commander";

// The `panier` command. Each subcommand lives in its own file under src/cli/commands.
const program = new Command("panier").description("Panier — voice and conversational commerce for grocers");

program.parseAsync(process.argv).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
