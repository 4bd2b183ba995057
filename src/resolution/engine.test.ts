import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseCatalogJsonl, type Product } from "../catalog/index.js";
import { createEngine, type UnderstandInput } from "./engine.js";

const { products } = parseCatalogJsonl(readFileSync("data/demo/catalog.fr.jsonl", "utf8"));
const engine = createEngine(products);
const run = (text: string, extra: Partial<UnderstandInput> = {}) =>
  engine.understand({ text, locale: "fr-FR", ...extra });
const first = (text: string, extra: Partial<UnderstandInput> = {}) => {
  const r = run(text, extra);
  expect(r.items.length).toBeGreaterThan(0);
  return r.items[0]!;
};
const find = (pred: (p: Product) => boolean) => products.filter(pred);

describe("resolution rules", () => {
  it("reads a generic name as the kind that sells most", () => {
    expect(first("du lait").product.category.at(-1)).toBe("Lait demi-écrémé");
    expect(first("du coca").product.name).toBe("Cola");
  });
  it("lets every stated attribute win over popularity", () => {
    const p = first("je voudrais du lait entier bio").product;
    expect(p.category.at(-1)).toBe("Lait entier");
    expect(p.labels).toContain("Bio");
    expect(first("du lait Candia").product.brand).toBe("Candia");
  });
  it("turns a spoken volume into size and count", () => {
    const it2 = first("ajoute deux litres de lait demi-écrémé");
    expect(it2.product.quantity.net).toBe(1000);
    expect(it2.quantity).toBe(2);
  });
  it("picks the pack holding a count of things sold in packs, and counts single things", () => {
    const eggs = first("ajoute six oeufs");
    expect(eggs.product.quantity.count).toBe(6);
    expect(eggs.quantity).toBe(1);
    const yog = first("ajoute 4 yaourts nature");
    expect(yog.product.quantity.count).toBe(4);
    expect(yog.quantity).toBe(1);
    expect(first("deux baguettes").quantity).toBe(2);
    expect(first("trois citrons").quantity).toBe(3);
  });
  it("counts packages as the quantity and a pack asked for as one pack", () => {
    expect(first("deux paquets de lardons fumés").quantity).toBe(2);
    const pack = first("un pack de lait");
    expect(pack.product.quantity.count).toBeGreaterThan(1);
    expect(pack.quantity).toBe(1);
  });
  it("gives weights for products sold by weight", () => {
    expect(first("un kilo et demi de pommes golden").weightG).toBe(1500);
    expect(first("trois courgettes").weightG).toBeGreaterThan(300);
    const plain = first("des bananes").weightG!;
    expect(plain).toBeGreaterThanOrEqual(500);
    expect(plain).toBeLessThanOrEqual(1500);
    const removed = run("retire les bananes").items[0]!;
    expect(removed.weightG).toBeUndefined();
    expect(removed.quantity).toBe(1);
  });
  it("lets history break ties among products meeting every constraint, never override them", () => {
    const sixPack = find(
      (p) => p.brand === "Lactel" && p.name === "Lait demi-écrémé UHT" && p.quantity.count === 6,
    )[0]!;
    const history = new Map([[sixPack.id, 5]]);
    expect(first("mets du lait", { history }).product.id).toBe(sixPack.id);
    expect(first("du lait entier", { history }).product.category.at(-1)).toBe("Lait entier");
    // Size said: the usual brand still wins among 1 L bottles.
    const two = first("deux litres de lait", { history });
    expect(two.product.brand).toBe("Lactel");
    expect(two.product.quantity.net).toBe(1000);
  });
  it("fits a size said for one unit to the closest product", () => {
    const one = first("ajoute du lait entier Lactel de 1 litre");
    expect(one.product.quantity.net).toBe(1000);
    expect(first("ajoute du cola Le Cabas de 2 litres").product.quantity.net).toBe(2000);
    expect(first("ajoute de l'eau Evian de 1,5 litre").product.quantity.count).toBe(1);
  });
  it("keeps the usual product line when a pack or size is asked", () => {
    const usual = find(
      (p) => p.brand === "Candia" && p.name === "Lait demi-écrémé UHT bio" && p.quantity.count === 1,
    )[0]!;
    const history = new Map([[usual.id, 14]]);
    const pack = first("un pack de lait", { history }).product;
    expect(pack.brand).toBe("Candia");
    expect(pack.name).toBe(usual.name);
    expect(pack.quantity.count).toBeGreaterThan(1);
  });
  it("uses stock only between equal matches", () => {
    const nutellas = find((p) => p.brand === "Nutella");
    const big = nutellas.find((p) => p.quantity.net === 750)!;
    const stock = new Map(nutellas.map((p) => [p.id, p.id === big.id ? 0 : 10]));
    // Named precisely: returned even out of stock.
    expect(first("un pot de Nutella de 750 grammes", { stock }).product.id).toBe(big.id);
    // Not named precisely: an equal match in stock wins.
    expect(first("du Nutella", { stock }).product.id).not.toBe(big.id);
  });
  it("finds misheard brands and English names", () => {
    expect(first("ajoute du pansani").product.brand).toBe("Panzani");
    for (const [said, brand] of [
      ["kronembourg", "Kronenbourg"],
      ["aïnekène", "Heineken"],
      ["badoua", "Badoit"],
      ["knor", "Knorr"],
      ["capitaine iglo", "Captain Iglo"],
    ]) {
      expect(first(`ajoute du ${said}`).product.brand).toBe(brand);
    }
    expect(first("un pack de Kro").product.brand).toBe("Kronenbourg");
    expect(first("du gruyère râpé").product.name).toMatch(/^Emmental/);
    // Everyday words are not heard as products.
    for (const text of ["ajoute du fait", "ajoute une chose", "ajoute des glaçons", "salut"]) {
      expect(run(text).items).toEqual([]);
    }
    expect(first("add two litres of semi-skimmed milk", { locale: "en-GB" }).quantity).toBe(2);
    expect(first("remove the orange juice", { locale: "en-GB" }).product.category.at(-1)).toBe(
      "Jus d'orange",
    );
  });
  it("joins a brand heard in two pieces and does not read brand words as verbs", () => {
    expect(first("des pâtes pan zani").product.brand).toBe("Panzani");
    expect(first("du nu tella").product.brand).toBe("Nutella");
    const r = run("du beurre elle et vire");
    expect(r.intent).toBe("add_to_cart");
    expect(r.items[0]!.product.brand).toBe("Elle & Vire");
  });
  it("reads English words as English", () => {
    const en = { locale: "en-GB" };
    expect(first("add tea", en).product.name).toMatch(/^Thé/);
    expect(first("is there any milk left", en).product.name).toMatch(/^Lait/);
    expect(first("I don't want the bread anymore", en).product.name).toMatch(/^Pain/);
    expect(first("add washing powder", en).product.name).toMatch(/^Lessive/);
  });
  it("splits English lists without articles and keeps unit words inside names", () => {
    expect(run("add butter and jam", { locale: "en-GB" }).items).toHaveLength(2);
    expect(first("add kitchen roll", { locale: "en-GB" }).product.name).toBe("Essuie-tout");
  });
  it("makes a count from several packs and fits the container to the product", () => {
    const yog = first("ajoute douze yaourts nature");
    expect(yog.product.quantity.count * yog.quantity!).toBe(12);
    expect(first("ajoute un sachet de thé").product.quantity.unit).not.toBe("ml");
    expect(first("une bouteille de coca zéro").product.quantity.count).toBe(1);
  });
  it("prefers the kind and the product named in full over popularity", () => {
    expect(first("ajoute du lait écrémé").product.category.at(-1)).toBe("Lait écrémé");
    expect(first("ajoute du lait demi-écrémé").product.category.at(-1)).toBe("Lait demi-écrémé");
    expect(first("des oranges à jus").product.name).toBe("Oranges à jus");
    expect(first("orange juice", { locale: "en-GB" }).product.category.at(-1)).toBe("Jus d'orange");
    expect(first("ajoute des spaghetti").product.labels).not.toContain("Bio");
    expect(first("des oeufs").product.category.at(-1)).toBe("Œufs plein air");
    // Naming the kind in full beats the usual product of another kind.
    const demi = find((p) => p.category.at(-1) === "Lait demi-écrémé")[0]!;
    const history = new Map([[demi.id, 9]]);
    expect(first("du lait écrémé", { history }).product.category.at(-1)).toBe("Lait écrémé");
    // A usual product whose name says the words still wins ("Lait demi-écrémé sans lactose").
    const lactoseFree = find((p) => p.name === "Lait demi-écrémé sans lactose")[0]!;
    const usual = new Map([[lactoseFree.id, 4]]);
    expect(first("du lait demi-écrémé", { history: usual }).product.id).toBe(lactoseFree.id);
  });
  it("does not take a qualifier alone for a product, nor strawberries for fresh eggs", () => {
    const r = run("est-ce que c'est bio");
    expect(r.intent).toBe("product_info");
    expect(r.items).toEqual([]);
    expect(first("ajoute une barquette de fraises").product.name).toMatch(/^Fraises/);
    expect(first("un grand coca").product.quantity.net).toBe(2000);
  });
  it("returns alternatives and a confidence", () => {
    const r = first("du beurre");
    expect(r.alternatives.length).toBeGreaterThan(0);
    expect(r.alternatives.map((p) => p.id)).not.toContain(r.product.id);
    expect(r.confidence).toBeGreaterThan(0);
    expect(r.confidence).toBeLessThanOrEqual(1);
  });
  it("names no product for chit-chat", () => {
    const r = run("quel temps fait-il à Lyon");
    expect(r.intent).toBe("other");
    expect(r.items).toEqual([]);
  });
});
