import { describe, expect, it } from "vitest";
import { fold, keyTokens, normalize, singular, tokens } from "./normalize.js";

describe("normalisation", () => {
  it("folds case, accents and ligatures", () => {
    expect(fold("Crème Fraîche")).toBe("creme fraiche");
    expect(fold("Œufs")).toBe("oeufs");
    expect(fold("SŒUR")).toBe("soeur");
  });
  it("splits elisions with any apostrophe", () => {
    expect(tokens("une douzaine d’œufs")).toEqual(["une", "douzaine", "d", "oeufs"]);
    expect(tokens("l'huile d'olive")).toEqual(["l", "huile", "d", "olive"]);
  });
  it("keeps decimal numbers and splits hyphenated words into tokens", () => {
    expect(normalize("1,5 L de lait demi‑écrémé !")).toBe("1.5 l de lait demi-ecreme");
    expect(tokens("lait demi-écrémé")).toEqual(["lait", "demi", "ecreme"]);
  });
  it("folds plurals in French and English", () => {
    expect(singular("tomates")).toBe("tomate");
    expect(singular("gateaux")).toBe("gateau");
    expect(singular("chevaux")).toBe("cheval");
    expect(singular("berries")).toBe("berry");
    expect(singular("jus")).toBe("jus");
    expect(keyTokens("Œufs frais")).toEqual(["oeuf", "frais"]);
  });
  it("returns nothing for blank or punctuation-only text", () => {
    expect(tokens("  ?! ")).toEqual([]);
  });
});
