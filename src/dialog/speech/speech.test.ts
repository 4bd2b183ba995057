import { describe, expect, it } from "vitest";
import { priceText, priceWords, spokenName, weightText, weightWords } from "./amounts.js";
import { englishCardinal, frenchCardinal, ordinal } from "./numbers.js";
import { render } from "./render.js";
import { ssmlProblems } from "./ssml-check.js";

describe("numbers as words", () => {
  it.each([
    [0, "zéro"],
    [1, "un"],
    [16, "seize"],
    [17, "dix-sept"],
    [21, "vingt et un"],
    [22, "vingt-deux"],
    [49, "quarante-neuf"],
    [71, "soixante et onze"],
    [77, "soixante-dix-sept"],
    [80, "quatre-vingts"],
    [81, "quatre-vingt-un"],
    [91, "quatre-vingt-onze"],
    [99, "quatre-vingt-dix-neuf"],
    [100, "cent"],
    [200, "deux cents"],
    [201, "deux cent un"],
    [280, "deux cent quatre-vingts"],
    [1000, "mille"],
    [1200, "mille deux cents"],
    [80000, "quatre-vingt mille"],
    [200000, "deux cent mille"],
  ])("fr %i", (n, words) => expect(frenchCardinal(n)).toBe(words));

  it.each([
    [0, "zero"],
    [13, "thirteen"],
    [40, "forty"],
    [49, "forty-nine"],
    [105, "one hundred and five"],
    [1005, "one thousand and five"],
    [2450, "two thousand four hundred and fifty"],
  ])("en %i", (n, words) => expect(englishCardinal(n)).toBe(words));

  it("says ordinals for spoken options", () => {
    expect([1, 2, 3, 4, 5, 9].map((n) => ordinal(n, "fr"))).toEqual([
      "premier",
      "deuxième",
      "troisième",
      "quatrième",
      "cinquième",
      "neuvième",
    ]);
    expect(ordinal(1, "fr", true)).toBe("première");
    expect([1, 2, 3, 21].map((n) => ordinal(n, "en"))).toEqual(["first", "second", "third", "twenty-first"]);
  });
});

describe("money and weights", () => {
  it("writes and speaks prices in euros", () => {
    expect(priceText(218, "fr")).toBe("2,18 €");
    expect(priceText(123456, "fr")).toBe("1\u202f234,56 €");
    expect(priceText(218, "en")).toBe("€2.18");
    expect(priceWords(249, "fr")).toBe("deux euros quarante-neuf");
    expect(priceWords(100, "fr")).toBe("un euro");
    expect(priceWords(99, "fr")).toBe("quatre-vingt-dix-neuf centimes");
    expect(priceWords(8071, "fr")).toBe("quatre-vingts euros soixante et onze");
    expect(priceWords(249, "en")).toBe("two euros forty-nine");
    expect(priceWords(101, "en")).toBe("one euro one");
  });

  it("speaks weights the way people say them", () => {
    expect(weightWords(1500, "fr")).toBe("un kilo et demi");
    expect(weightWords(500, "fr")).toBe("cinq cents grammes");
    expect(weightWords(2000, "fr")).toBe("deux kilos");
    expect(weightWords(1250, "fr")).toBe("un kilo deux cent cinquante");
    expect(weightWords(1500, "en")).toBe("one and a half kilos");
    expect(weightWords(500, "en")).toBe("half a kilo");
    expect(weightText(1500, "fr")).toBe("1,5 kg");
    expect(weightText(750, "en")).toBe("750 g");
  });

  it("expands sizes inside product names", () => {
    expect(spokenName("Lait demi-écrémé UHT Lactel 6 x 1 L", "fr")).toBe(
      "Lait demi-écrémé UHT Lactel six fois un litre",
    );
    expect(spokenName("Yaourt nature 4 x 125 g", "fr")).toBe(
      "Yaourt nature quatre fois cent vingt-cinq grammes",
    );
    expect(spokenName("Eau 1,5 L", "fr")).toBe("Eau un litre et demi");
    expect(spokenName("Milk 0,5 L", "en")).toBe("Milk half a litre");
  });
});

describe("rendering replies", () => {
  it("renders the same reply as text and as valid shared SSML", () => {
    const out = render(
      [
        [
          "J'ai ajouté ",
          { count: 2 },
          " ",
          { name: "Lait demi-écrémé Lactel 1 L" },
          ", ",
          { price: 218 },
          ".",
        ],
        [{ pause: 300 }, "Autre chose ?"],
      ],
      "fr",
    );
    expect(out.text).toBe("J'ai ajouté deux Lait demi-écrémé Lactel 1 L, 2,18 €. Autre chose ?");
    expect(out.ssml).toContain("deux euros dix-huit");
    expect(out.ssml).toContain("un litre");
    expect(ssmlProblems(out.ssml)).toEqual([]);
  });

  it("escapes markup characters in names", () => {
    const out = render([["Ajouté ", { name: "M&M's <Peanut>" }, "."]], "en");
    expect(ssmlProblems(out.ssml)).toEqual([]);
    expect(out.text).toBe("Ajouté M&M's <Peanut>.");
  });

  it("the checker catches tags and say-as values one platform lacks", () => {
    expect(ssmlProblems("<speak><audio src='x'/></speak>")[0]).toMatch(/audio/);
    expect(ssmlProblems('<speak><say-as interpret-as="currency">2€</say-as></speak>')[0]).toMatch(/currency/);
    expect(ssmlProblems("<speak><s>open</speak>")[0]).toMatch(/well-formed/);
    expect(ssmlProblems("<p>no speak</p>")[0]).toMatch(/root/);
  });
});
