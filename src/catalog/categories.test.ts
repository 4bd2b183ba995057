import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildCategoryTree } from "./categories.js";
import { parseCatalogJsonl } from "./record.js";

describe("category tree", () => {
  it("nests paths and counts the products below each node", () => {
    const tree = buildCategoryTree([
      { category: ["Crèmerie", "Laits", "Lait entier"] },
      { category: ["Crèmerie", "Laits", "Lait demi-écrémé"] },
      { category: ["Crèmerie", "Laits", "Lait demi-écrémé"] },
      { category: ["Crèmerie", "Beurres"] },
      { category: ["Boissons", "Eaux"] },
    ]);
    expect(tree.map((n) => [n.name, n.count])).toEqual([
      ["Boissons", 1],
      ["Crèmerie", 4],
    ]);
    const laits = tree[1]!.children.find((n) => n.name === "Laits")!;
    expect(laits.path).toBe("Crèmerie > Laits");
    expect(laits.children.map((n) => [n.name, n.count])).toEqual([
      ["Lait demi-écrémé", 2],
      ["Lait entier", 1],
    ]);
  });

  it("sorts names the French way (accents do not push Épicerie after Surgelés)", () => {
    const { products } = parseCatalogJsonl(
      readFileSync(new URL("../../data/demo/catalog.fr.jsonl", import.meta.url), "utf8"),
    );
    const top = buildCategoryTree(products).map((n) => n.name);
    expect(top.indexOf("Épicerie salée")).toBeLessThan(top.indexOf("Fruits et légumes"));
    expect(buildCategoryTree(products).reduce((n, c) => n + c.count, 0)).toBe(products.length);
  });
});
