import { writeFileSync } from "node:fs";
import type { Command } from "commander";
import { alexaInteractionModel, MODEL_LOCALES, type ModelLocale } from "../../channels/index.js";

/** `panier export alexa-model --locale fr-FR`: the interaction model JSON for the skill. */
export function registerExport(program: Command): void {
  const exp = program.command("export").description("Write platform configuration files");
  exp
    .command("alexa-model")
    .description(
      "Write the Alexa skill's interaction model (paste into the console or ASK CLI's models/<locale>.json)",
    )
    .option("--locale <locale>", `one of ${MODEL_LOCALES.join(", ")}`, "fr-FR")
    .option("--invocation <name>", "the skill's invocation name (default: mon panier / my basket)")
    .option("-o, --output <file>", "write to this file instead of stdout")
    .action((opts: { locale: string; invocation?: string; output?: string }) => {
      if (!MODEL_LOCALES.includes(opts.locale as ModelLocale))
        throw new Error(`--locale must be one of ${MODEL_LOCALES.join(", ")}, got "${opts.locale}"`);
      const json = `${JSON.stringify(alexaInteractionModel(opts.locale as ModelLocale, opts.invocation), null, 2)}\n`;
      if (opts.output) writeFileSync(opts.output, json);
      else process.stdout.write(json);
    });
}
