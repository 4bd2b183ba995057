import { describe, expect, it } from "vitest";
import { editDistance, TermMatcher } from "./fuzzy.js";
import { phoneticKey } from "./phonetic.js";
import { stem } from "./stem.js";
import { bridgeVocabulary } from "./synonyms.js";
import { lookupUnit, splitGluedMeasure } from "./units.js";

describe("units and containers", () => {
  it("knows masses, volumes and the French pound", () => {
    expect(lookupUnit("kilos")).toEqual({ kind: "mass", factor: 1000 });
    expect(lookupUnit("livre")).toEqual({ kind: "mass", factor: 500 });
    expect(lookupUnit("cl")).toEqual({ kind: "volume", factor: 10 });
    expect(lookupUnit("litres")).toEqual({ kind: "volume", factor: 1000 });
  });
  it("tells packs, item containers and packages apart", () => {
    expect(lookupUnit("pack")?.kind).toBe("pack");
    expect(lookupUnit("lot")?.kind).toBe("pack");
    expect(lookupUnit("bouteilles")).toEqual({ kind: "item", container: "bouteille" });
    expect(lookupUnit("cans")).toEqual({ kind: "item", container: "canette" });
    expect(lookupUnit("paquets")).toEqual({ kind: "package", container: "paquet" });
    expect(lookupUnit("plaquette")?.kind).toBe("package");
    expect(lookupUnit("tomate")).toBeNull();
  });
  it("splits glued measures", () => {
    expect(splitGluedMeasure("500g")).toEqual(["500", "g"]);
    expect(splitGluedMeasure("1.5l")).toEqual(["1.5", "l"]);
    expect(splitGluedMeasure("t45")).toBeNull();
  });
});

describe("stemming, sound and typos", () => {
  it("folds plurals and participle endings", () => {
    expect(stem("fumes")).toBe(stem("fume"));
    expect(stem("ecremee")).toBe(stem("ecreme"));
    expect(stem("tomates")).toBe(stem("tomate"));
  });
  it("gives sound-alike brand spellings one key", () => {
    expect(phoneticKey("pansani")).toBe(phoneticKey("panzani"));
    expect(phoneticKey("nutela")).toBe(phoneticKey("nutella"));
    expect(phoneticKey("kokakola")).toBe(phoneticKey("cocacola"));
    expect(phoneticKey("lactel")).not.toBe(phoneticKey("candia"));
    expect(phoneticKey("badoua")).toBe(phoneticKey("badoit"));
    expect(phoneticKey("linte")).toBe(phoneticKey("lindt"));
  });
  it("finds vocabulary words one edit or one sound away", () => {
    const m = new TermMatcher(["panzani", "nutella", "camembert", "lait"]);
    expect(m.match("panzani")).toEqual([{ term: "panzani", cost: 0 }]);
    expect(m.match("camanbert")[0]?.term).toBe("camembert");
    expect(m.match("pansani")[0]?.term).toBe("panzani");
    expect(m.match("xyzzyx")).toEqual([]);
    const brands = new TermMatcher(["heineken"]);
    expect(brands.match("aineken")[0]).toEqual({ term: "heineken", cost: 1.8 });
    expect(editDistance("lait", "lati")).toBe(1);
  });
  it("bridges English and idioms to catalog words", () => {
    expect(bridgeVocabulary(["semi", "skimmed", "milk"].map(stem))).toEqual(["demi", stem("ecreme"), "lait"]);
    expect(bridgeVocabulary(["pq"])).toEqual([stem("papier"), stem("toilette")]);
    expect(bridgeVocabulary(["orange", "juice"].map(stem))).toEqual(["jus", stem("orange")]);
    // A word the catalog knows keeps its meaning unless the text is English.
    expect(bridgeVocabulary(["chips"], () => true)).toEqual(["chips"]);
  });
});
