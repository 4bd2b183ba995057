import { describe, expect, it } from "vitest";
import { isNo, isNone, isYes, ordinalAnswer, pickProductOption } from "./answers.js";
import type { ProductOption } from "./state.js";

const milk = (name: string, brand: string, priceCents: number, labels: string[] = []): ProductOption => ({
  productId: `${brand}-${name}`,
  name,
  brand,
  labels,
  priceCents,
});
const options = [
  milk("Lait demi-écrémé UHT", "Lactel", 109),
  milk("Lait demi-écrémé UHT", "Candia", 105),
  milk("Lait demi-écrémé bio", "Lactel", 139, ["Bio"]),
];

describe("answers to a question with options", () => {
  it.each([
    ["le deuxième", 1],
    ["le premier", 0],
    ["euh le troisième s'il te plaît", 2],
    ["the second one", 1],
    ["Candia", 1],
    ["le bio", 2],
    ["le moins cher", 1],
    ["the cheapest", 1],
    ["le dernier", 2],
    ["numéro 1", 0],
  ])("%s", (text, index) => expect(pickProductOption(text, options)).toBe(index));

  it("takes the best ranked option when the answer fits several, and none when it fits none", () => {
    expect(pickProductOption("Lactel", options)).toBe(0);
    expect(pickProductOption("des pommes", options)).toBeNull();
    expect(ordinalAnswer("le cinquième", 3)).toBeNull();
  });

  it("reads none, yes and no", () => {
    expect(isNone("aucun")).toBe(true);
    expect(isNone("ni l'un ni l'autre")).toBe(true);
    expect(isNone("none of them")).toBe(true);
    expect(isNone("le premier")).toBe(false);
    expect(isYes("oui")).toBe(true);
    expect(isYes("Oui, je confirme !")).toBe(true);
    expect(isYes("yes please")).toBe(true);
    expect(isYes("non")).toBe(false);
    expect(isNo("non merci")).toBe(true);
    expect(isNo("no")).toBe(true);
    expect(isNo("oui")).toBe(false);
  });
});
