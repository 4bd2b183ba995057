import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseCatalogJsonl } from "../catalog/index.js";
import { buildLexicon } from "./lexicon.js";
import { parseUtterance } from "./parse.js";

const { products } = parseCatalogJsonl(readFileSync("data/demo/catalog.fr.jsonl", "utf8"));
const lexicon = buildLexicon(products);
const parse = (text: string, locale = "fr-FR") => parseUtterance(text, lexicon, () => true, { locale });
const one = (text: string, locale?: string) => {
  const u = parse(text, locale);
  expect(u.items).toHaveLength(1);
  return u.items[0]!;
};

describe("intents", () => {
  it.each([
    ["qu'est-ce qu'il y a dans mon panier", "view_cart"],
    ["qu'est-ce que tu sais faire", "help"],
    ["oui c'est parfait", "confirm"],
    ["non c'est pas ça", "deny"],
    ["quand est-ce que ma livraison arrive", "order_status"],
    ["when will my order arrive", "order_status"],
    ["le saumon fumé est en promo", "product_info"],
    ["is the salmon on offer", "product_info"],
    ["est-ce que le beurre président est bio", "product_info"],
    ["is the butter organic", "product_info"],
    ["elle arrive quand ma commande", "order_status"],
    ["thanks goodbye", "goodbye"],
    ["we've got no milk left", "add_to_cart"],
    ["what's in my basket", "view_cart"],
    ["vide le panier", "clear_cart"],
    ["je veux passer commande", "checkout"],
    ["check out please", "checkout"],
    ["réserve un créneau de livraison demain matin", "book_slot"],
    ["refais ma dernière commande", "reorder"],
    ["mets-en plutôt trois", "set_quantity"],
    ["annule le dernier article", "undo"],
    ["annule ma commande", "cancel_order"],
    ["où en est ma commande", "order_status"],
    ["aide", "help"],
    ["oui", "confirm"],
    ["ouais vas-y", "confirm"],
    ["non merci", "deny"],
    ["au revoir", "goodbye"],
    ["enlève le beurre", "remove_from_cart"],
    ["combien coûte le Nutella", "product_info"],
    ["donne-moi la recette des crêpes", "add_recipe"],
    ["euh est-ce que tu peux ajouter du lait s'il te plaît", "add_to_cart"],
    ["qu'est-ce que j'ai dans mon panier", "view_cart"],
    ["c'est quoi mon total", "view_cart"],
    ["finish my order", "checkout"],
    ["je voudrais être livré demain", "book_slot"],
    ["I'll pick it up on Friday", "book_slot"],
    ["finalement j'en veux cinq", "set_quantity"],
    ["make it two", "set_quantity"],
    ["I want to make a lasagne", "add_recipe"],
    ["cancel my order", "cancel_order"],
    ["where's my order", "order_status"],
    ["same as last week", "reorder"],
    ["no thanks", "deny"],
    ["yes please", "confirm"],
    ["that's all thanks", "goodbye"],
    ["take the milk out", "remove_from_cart"],
    ["je veux voir mon panier", "view_cart"],
    ["what's my total", "view_cart"],
    ["ajoute du lait à mon panier", "add_to_cart"],
    ["I don't want the bread anymore", "remove_from_cart"],
  ])("%s -> %s", (text, intent) => {
    expect(parse(text).intent).toBe(intent);
  });
  it("keeps an explicit request to add even when nothing matches", () => {
    const u = parseUtterance("ajoute des clémentines", lexicon, () => false, { locale: "fr-FR" });
    expect(u.intent).toBe("add_to_cart");
    expect(u.items).toEqual([]);
    expect(parseUtterance("quel temps fait-il", lexicon, () => false, {}).intent).toBe("other");
    expect(one("mais du lait").words).toEqual(["lait"]);
  });
  it("reads an empty utterance as other", () => {
    expect(parse("").intent).toBe("other");
    expect(parse("   ").items).toEqual([]);
  });
});

describe("item mentions", () => {
  it("reads spoken volumes and weights as amounts", () => {
    expect(one("ajoute deux litres de lait").amount).toEqual({ unit: "ml", value: 2000 });
    expect(one("mets un kilo et demi de pommes").amount).toEqual({ unit: "g", value: 1500 });
    expect(one("une livre de tomates").amount).toEqual({ unit: "g", value: 500 });
    expect(one("un kilo deux cents de pommes").amount).toEqual({ unit: "g", value: 1200 });
    expect(one("add half a kilo of carrots", "en-GB").amount).toEqual({ unit: "g", value: 500 });
  });
  it("tells a unit size from an amount", () => {
    const m = one("un pot de Nutella de 750 grammes");
    expect(m.size).toEqual({ unit: "g", value: 750 });
    expect(m.amount).toBeNull();
    expect(m.count).toBe(1);
    expect(m.brand).toBe("Nutella");
  });
  it("reads packs, pack sizes and containers", () => {
    const six = one("ajoute un pack de six bouteilles d'eau Cristaline");
    expect(six.packSize).toBe(6);
    expect(six.container?.kind).toBe("pack");
    expect(one("add a six pack of sparkling water", "en-GB").packSize).toBe(6);
    expect(one("ajoute deux packs de coca").count).toBe(2);
    const paquets = one("deux paquets de lardons");
    expect(paquets.count).toBe(2);
    expect(paquets.container?.kind).toBe("package");
    expect(one("une douzaine d'oeufs").count).toBe(12);
  });
  it("keeps numbers inside names and brands said as numbers", () => {
    expect(one("une pizza quatre fromages").words).toContain("4");
    const beer = one("un pack de seize cent soixante-quatre");
    expect(beer.brand).toBe("1664");
    expect(beer.packSize).toBeNull();
  });
  it("reads items per unit, kilos said with a digit and 'twice'", () => {
    expect(one("une boîte de 12 oeufs").packSize).toBe(12);
    expect(one("des yaourts nature par 8").packSize).toBe(8);
    expect(one("un kilo cinq de pommes").amount).toEqual({ unit: "g", value: 1500 });
    expect(one("une demi-livre de beurre").amount).toEqual({ unit: "g", value: 250 });
    expect(one("twice the pack of coke", "en-GB").count).toBe(2);
  });
  it("notices habits and sizes said as words", () => {
    expect(one("un grand coca").sizeWord).toBe("large");
    expect(one("ajoute mon lait habituel").habit).toBe(true);
    expect(parse("de l'eau comme d'habitude").items[0]!.habit).toBe(true);
    expect(parse("de l'eau comme d'habitude").items[0]!.words).toEqual(["eau"]);
    expect(one("le grand pot de Nutella").sizeWord).toBe("large");
    expect(one("des petits pois").sizeWord).toBeNull();
  });
  it("splits several items but not names or numbers joined by et", () => {
    expect(parse("ajoute deux litres de lait, six oeufs et une baguette").items).toHaveLength(3);
    expect(parse("du lait et du beurre").items).toHaveLength(2);
    expect(parse("un kilo et demi de pommes").items).toHaveLength(1);
    expect(parse("du beurre Elle et Vire").items).toHaveLength(1);
    expect(parse("du beurre Elle et Vire").items[0]!.brand).toBe("Elle & Vire");
  });
});
