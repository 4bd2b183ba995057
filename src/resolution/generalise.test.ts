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

describe("which kind a generic word means", () => {
  it("weighs kinds by their sales across the catalog, whatever brand is said", () => {
    // Caster sugar outsells sugar cubes store-wide, though Daddy sells more cubes.
    expect(run("du sucre daddy").items[0]!.product.category.at(-1)).toBe("Sucre en poudre");
    expect(run("du sucre en morceaux daddy").items[0]!.product.category.at(-1)).toBe("Sucre en morceaux");
  });
  it("keeps the brand's own best-selling kind when only the brand is said", () => {
    expect(run("du nutella").items[0]!.product.category.at(-1)).toBe("Pâtes à tartiner");
    expect(run("du bonduelle").items[0]!.product.brand).toBe("Bonduelle");
  });
});

describe("counts of packs", () => {
  it("reads 'deux fois six oeufs' as two boxes of six", () => {
    const it = run("deux fois six oeufs").items[0]!;
    expect(it.product.quantity.count).toBe(6);
    expect(it.quantity).toBe(2);
  });
});

describe("questions about what the store does not sell", () => {
  it("are no product questions when a word is unknown to the catalog", () => {
    expect(run("c'est quoi la capitale de la france").intent).toBe("other");
    expect(run("est-ce que c'est bio").intent).toBe("product_info");
    expect(run("c'est combien").intent).toBe("product_info");
  });
});

describe("shoppers' words", () => {
  it("bridges English and everyday names to catalog words", () => {
    expect(run("frankfurters", "en-GB").items[0]!.product.category.at(-1)).toBe("Saucisses de Strasbourg");
    expect(run("parma ham", "en-GB").items[0]!.product.category.at(-1)).toBe("Jambon cru");
    expect(run("dishwasher tabs", "en-GB").items[0]!.product.category.at(-1)).toBe(
      "Tablettes lave-vaisselle",
    );
    expect(run("des knacki herta").items[0]!.product.brand).toBe("Herta");
  });
  it("drops ripeness and quality fillers", () => {
    expect(run("deux avocats bien mûrs").items[0]!.product.category.at(-1)).toBe("Avocats");
  });
});
