import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCatalogJsonl } from "../catalog/index.js";
import { INTENTS } from "../understanding/index.js";
import { createEngine } from "./engine.js";
import { MAX_UNITS, MAX_WEIGHT_G } from "./sizing.js";

const { products } = parseCatalogJsonl(readFileSync("data/demo/catalog.fr.jsonl", "utf8"));
const engine = createEngine(products);

function check(text: string): void {
  const started = performance.now();
  const r = engine.understand({ text, locale: "fr-FR" });
  // Generous bound: a hang would take far longer; real timings are in bench/understand.
  expect(performance.now() - started).toBeLessThan(1000);
  expect(INTENTS).toContain(r.intent);
  for (const it of r.items) {
    expect(products).toContain(it.product);
    if (it.weightG !== undefined) {
      expect(Number.isInteger(it.weightG)).toBe(true);
      expect(it.weightG).toBeGreaterThan(0);
      expect(it.weightG).toBeLessThanOrEqual(MAX_WEIGHT_G);
    } else {
      expect(Number.isInteger(it.quantity)).toBe(true);
      expect(it.quantity).toBeGreaterThanOrEqual(1);
      expect(it.quantity).toBeLessThanOrEqual(MAX_UNITS);
    }
  }
}

const words = fc.constantFrom(
  "ajoute",
  "du",
  "lait",
  "deux",
  "kilos",
  "et",
  "demi",
  "pack",
  "de",
  "douzaine",
  "oeufs",
  "999999",
  "0",
  "-3",
  "1,5",
  "quatre-vingt-dix",
  "bouteilles",
  "Nutella",
  "pansani",
  "🥛",
  "молоко",
  "牛奶",
  "حليب",
  ",",
  "'",
  "le grand",
  "mon",
  "habituel",
  "remove",
  "the",
);

describe("any input yields a result, never an exception or a hang", () => {
  it("arbitrary unicode text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 300 }), (text) => check(text)),
      { numRuns: 300 },
    );
  });
  it("sentences made of grocery words, numbers and foreign scripts", () => {
    fc.assert(
      fc.property(fc.array(words, { maxLength: 40 }), (ws) => check(ws.join(" "))),
      { numRuns: 400 },
    );
  });
  it("edge cases: empty, 10 kB, emoji, huge numbers", () => {
    for (const text of [
      "",
      " ",
      "🥛🥚🍞",
      "ajoute 999999 kilos de pommes",
      "ajoute 999999 packs de lait",
      "ajoute 1e308 litres de lait",
      "ajoute -5 baguettes",
      "ajoute 0 baguette",
      "lait ".repeat(2500),
      "a".repeat(10_000),
      "du lait et ".repeat(1000),
      "milk 牛奶 молоко حليب lait",
    ]) {
      check(text);
    }
    const huge = engine.understand({ text: "ajoute 999999 kilos de pommes golden" });
    expect(huge.items[0]!.weightG).toBe(MAX_WEIGHT_G);
  });
});
