import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildProductIndex, parseCatalogJsonl } from "../catalog/index.js";
import { createEngine, namesApart } from "./engine.js";

const { products } = parseCatalogJsonl(readFileSync("data/demo/catalog.fr.jsonl", "utf8"));
const index = buildProductIndex(products);
const engine = createEngine(index);
const run = (text: string, locale = "fr-FR") => engine.understand({ text, locale });
const kinds = (text: string, locale?: string) =>
  run(text, locale).items.map((i) => i.product.category.at(-1));

describe("lists said without articles or commas", () => {
  it("reads words that name different products as several items", () => {
    expect(kinds("lait oeufs pain")).toHaveLength(3);
    expect(kinds("beurre farine sucre")).toEqual(["Beurre doux", "Farine de blé", "Sucre en poudre"]);
    expect(kinds("add milk eggs and bread", "en-GB")).toHaveLength(3);
    expect(kinds("ajoute des pâtes du riz et de l'huile d'olive")).toHaveLength(3);
    expect(kinds("trois baguettes deux croissants")).toEqual(["Baguette", "Croissants"]);
  });
  it("keeps words one product holds together as one item", () => {
    for (const text of [
      "du lait entier",
      "du coca zéro",
      "une pizza 4 fromages",
      "de la sauce tomate panzani",
    ]) {
      expect(run(text).items, text).toHaveLength(1);
    }
    expect(run("add goat's cheese", "en-GB").items[0]!.product.category.at(-1)).toBe("Bûche de chèvre");
    expect(run("des yaourts danone nature par huit").items).toHaveLength(1);
  });
  it("never parts on words the catalog does not know (misheard) or on qualifiers", () => {
    expect(namesApart(index, "pain", "harris")).toBe(false);
    expect(namesApart(index, "coca", "zero")).toBe(false);
    expect(namesApart(index, "lait", "oeufs")).toBe(true);
    expect(index.together("lait", "entier")).toBe(true);
  });
});

describe("ranking within a kind", () => {
  it("does not count words that mark the plain version (nature, sans ...) as unsaid", () => {
    const p = run("du pain de mie harrys").items[0]!.product;
    expect(p.name).toMatch(/nature/);
    expect(run("du pain de mie complet").items[0]!.product.name).toMatch(/complet/);
  });
});

describe("grocery phrases whose first word names nothing alone", () => {
  it("keeps 'stock cubes' whole while 'en stock' stays no product word", () => {
    expect(run("add stock cubes", "en-GB").items[0]!.product.category.at(-1)).toBe("Bouillon de volaille");
    expect(run("le camembert est en stock").intent).toBe("product_info");
  });
});
