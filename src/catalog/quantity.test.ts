import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { formatUnitPrice, parseQuantity, QuantityParseError, unitPrice } from "./quantity.js";

describe("printed quantities", () => {
  it("reads every size printed in the reference catalog", () => {
    const lines = readFileSync(new URL("../../data/demo/catalog.fr.jsonl", import.meta.url), "utf8").split(
      "\n",
    );
    const failures = lines.filter(Boolean).flatMap((l) => {
      const q = JSON.parse(l).quantity as string;
      try {
        parseQuantity(q);
        return [];
      } catch {
        return [q];
      }
    });
    expect(failures).toEqual([]);
  });

  it.each([
    ["6 x 1 L", { count: 6, amount: 1000, unit: "ml", net: 6000 }],
    ["4 x 125 g", { count: 4, amount: 125, unit: "g", net: 500 }],
    ["1,5L", { count: 1, amount: 1500, unit: "ml", net: 1500 }],
    ["33cl", { count: 1, amount: 330, unit: "ml", net: 330 }],
    ["500 ml", { count: 1, amount: 500, unit: "ml", net: 500 }],
    ["2 x 6 x 25 cl", { count: 12, amount: 250, unit: "ml", net: 3000 }],
    ["x12", { count: 12, amount: 1, unit: "piece", net: 12 }],
    ["12 pièces", { count: 12, amount: 1, unit: "piece", net: 12 }],
    ["10 x 5,2 g", { count: 10, amount: 5.2, unit: "g", net: 52 }],
    ["1 kg", { count: 1, amount: 1000, unit: "g", net: 1000 }],
  ])("%s", (text, expected) => {
    expect(parseQuantity(text)).toMatchObject({ ...expected, perKg: false });
  });

  it("knows loose produce priced per kilogram", () => {
    expect(parseQuantity("au kg")).toMatchObject({ perKg: true, unit: "g" });
  });

  it.each(["", "beaucoup", "6 x", "x", "0 g", "-1 L", "3 furlongs", "1 x 2 x 3 x 4 g", "6 x 1"])(
    "rejects %j with a clear error",
    (text) => {
      expect(() => parseQuantity(text)).toThrow(QuantityParseError);
      expect(() => parseQuantity(text)).toThrow(/Cannot read the quantity/);
    },
  );

  it("computes shelf unit prices", () => {
    expect(formatUnitPrice(unitPrice(599, parseQuantity("6 x 1 L")))).toBe("1,00 €/L");
    expect(formatUnitPrice(unitPrice(189, parseQuantity("4 x 125 g")))).toBe("3,78 €/kg");
    expect(formatUnitPrice(unitPrice(249, parseQuantity("au kg")))).toBe("2,49 €/kg");
    expect(formatUnitPrice(unitPrice(360, parseQuantity("12 pièces")))).toBe("0,30 €/pièce");
  });
});
