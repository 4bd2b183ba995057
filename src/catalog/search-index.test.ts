import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseCatalogJsonl } from "./record.js";
import { buildProductIndex } from "./search-index.js";

const { products } = parseCatalogJsonl(readFileSync("data/demo/catalog.fr.jsonl", "utf8"));
const index = buildProductIndex(products);
const top = (q: string, n = 5) => index.search(q, { limit: n }).map((h) => h.product);

describe("product index", () => {
  it("returns the demi-écrémé milks first for 'lait demi-écrémé'", () => {
    const hits = top("lait demi-écrémé", 10);
    expect(hits).toHaveLength(10);
    for (const p of hits) expect(p.category.at(-1)).toMatch(/demi-écrémé/);
  });
  it("ignores accents and ligatures", () => {
    expect(top("creme fraiche")[0]!.name).toMatch(/^Crème fraîche/);
    expect(top("oeufs")[0]!.name).toMatch(/^Œufs/);
    expect(top("ŒUFS")[0]!.name).toMatch(/^Œufs/);
  });
  it("tolerates typos and words heard wrong", () => {
    expect(top("pansani")[0]!.brand).toBe("Panzani");
    expect(top("nutela")[0]!.brand).toBe("Nutella");
    expect(top("camanbert")[0]!.name).toMatch(/^Camembert/);
  });
  it("knows brand aliases and English names", () => {
    expect(top("coca")[0]!.brand).toBe("Coca-Cola");
    expect(top("semi skimmed milk")[0]!.category.at(-1)).toBe("Lait demi-écrémé");
    expect(top("orange juice")[0]!.category.at(-1)).toBe("Jus d'orange");
  });
  it("ranks a product by its head noun before products that merely mention the word", () => {
    expect(top("tomates", 3).every((p) => p.name.startsWith("Tomates"))).toBe(true);
    expect(top("lait", 5).every((p) => p.name.startsWith("Lait"))).toBe(true);
  });
  it("filters by category and predicate, and respects the limit", () => {
    const hits = index.search("nature", { category: "Yaourts", limit: 3 });
    expect(hits).toHaveLength(3);
    for (const h of hits) expect(h.product.category).toContain("Yaourts");
    const bio = index.search("lait", { filter: (p) => p.labels.includes("Bio"), limit: 50 });
    expect(bio.length).toBeGreaterThan(0);
    for (const h of bio) expect(h.product.labels).toContain("Bio");
  });
  it("returns the equal matches as a tier, and reused hits only on request", () => {
    const tier = index.search("lait demi-écrémé", { tier: 0.8, limit: 1000 });
    expect(tier.length).toBeGreaterThan(10);
    for (const h of tier) expect(h.product.name).toMatch(/demi-écrémé/);
    const fresh = index.search("beurre", { limit: 3 });
    const again = index.search("beurre", { limit: 3 });
    expect(fresh[0]).not.toBe(again[0]);
    const a = index.searchWords(["beurre"], { tier: 0.8, reuse: true });
    const b = index.searchWords(["lait"], { tier: 0.8, reuse: true });
    expect(a).toBe(b);
    expect(index.nameTermsAt(b[0]!.ref)).toEqual(index.nameTerms(b[0]!.product));
  });
  it("finds by id and lists all products", () => {
    expect(index.get(products[0]!.id)).toBe(products[0]);
    expect(index.get("nope")).toBeUndefined();
    expect(index.all()).toHaveLength(products.length);
  });
  it("returns nothing for empty or stop-word-only queries", () => {
    expect(index.search("")).toEqual([]);
    expect(index.search("de la")).toEqual([]);
  });
});
