import { describe, expect, it } from "vitest";
import { parseNumberWords, readNumber } from "./numbers.js";
import { tokens } from "./normalize.js";

const n = (s: string) => parseNumberWords(tokens(s));

describe("spoken numbers", () => {
  it("reads French cardinals, hyphenated or not", () => {
    expect(n("deux")).toBe(2);
    expect(n("vingt-et-un")).toBe(21);
    expect(n("vingt et un")).toBe(21);
    expect(n("soixante-dix")).toBe(70);
    expect(n("soixante et onze")).toBe(71);
    expect(n("quatre-vingts")).toBe(80);
    expect(n("quatre-vingt-dix")).toBe(90);
    expect(n("quatre-vingt-dix-neuf")).toBe(99);
    expect(n("cent")).toBe(100);
    expect(n("deux cent cinquante")).toBe(250);
    expect(n("mille")).toBe(1000);
    expect(n("seize cent soixante-quatre")).toBe(1664);
  });
  it("reads dozens, halves and decimals", () => {
    expect(n("une douzaine")).toBe(12);
    expect(n("une demi-douzaine")).toBe(6);
    expect(n("deux douzaines")).toBe(24);
    expect(n("un demi")).toBe(0.5);
    expect(n("deux et demi")).toBe(2.5);
    expect(n("1,5")).toBe(1.5);
    expect(n("a dozen")).toBe(12);
    expect(n("half a dozen")).toBe(6);
    expect(n("half a")).toBe(0.5);
    expect(n("twenty one")).toBe(21);
    expect(n("two and a half")).toBe(2.5);
    expect(n("a couple of")).toBe(2);
  });
  it("does not glue separate numbers together", () => {
    expect(readNumber(tokens("deux 3 pommes"), 0)).toEqual({ value: 2, end: 1 });
    expect(readNumber(tokens("trois citrons"), 0)).toEqual({ value: 3, end: 1 });
  });
  it("reads articles as one but not before another number", () => {
    expect(readNumber(tokens("un kilo"), 0)).toEqual({ value: 1, end: 1 });
    expect(readNumber(tokens("a six pack"), 0)).toBeNull();
    expect(readNumber(tokens("lait"), 0)).toBeNull();
  });
});
