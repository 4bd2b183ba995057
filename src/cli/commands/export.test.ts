import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { describe, expect, it } from "vitest";
import { registerExport } from "./export.js";

const run = (args: string[]) => {
  const program = new Command("panier").exitOverride();
  registerExport(program);
  return program.parseAsync(["node", "panier", ...args]);
};

describe("panier export alexa-model", () => {
  it("writes the fr-FR and en-GB interaction models", async () => {
    const dir = mkdtempSync(join(tmpdir(), "panier-export-"));
    for (const [locale, invocation, sample] of [
      ["fr-FR", "mon panier", "ajoute {query}"],
      ["en-GB", "my basket", "add {query}"],
    ]) {
      const file = join(dir, `${locale}.json`);
      await run(["export", "alexa-model", "--locale", locale!, "-o", file]);
      const model = JSON.parse(readFileSync(file, "utf8")).interactionModel.languageModel;
      expect(model.invocationName).toBe(invocation);
      expect(model.intents.flatMap((i: { samples: string[] }) => i.samples)).toContain(sample);
    }
  });

  it("refuses a locale it has no model for", async () => {
    await expect(run(["export", "alexa-model", "--locale", "de-DE"])).rejects.toThrow(/fr-FR, en-GB/);
  });
});
