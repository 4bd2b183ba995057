import { describe, expect, it } from "vitest";
import { promotionActive, promotionSchema, storePriceCents } from "./offer.js";

describe("store prices", () => {
  it("uses the offer's own price when it has one", () => {
    expect(storePriceCents(109, 1.06, 99)).toBe(99);
  });
  it("applies the store's price factor to the catalog price, rounded to the cent", () => {
    expect(storePriceCents(109, 1.06, null)).toBe(116);
    expect(storePriceCents(599, 1, null)).toBe(599);
  });
});

describe("promotions", () => {
  it("reads the three shared promotion types", () => {
    expect(promotionSchema.parse({ type: "percent", value: 20, label: "-20%" }).type).toBe("percent");
    expect(promotionSchema.parse({ type: "x_for_y", buy: 3, pay: 2 }).type).toBe("x_for_y");
    expect(promotionSchema.safeParse({ type: "percent", value: 120 }).success).toBe(false);
  });
  it("is on only between its dates", () => {
    const p = promotionSchema.parse({
      type: "percent",
      value: 10,
      starts_at: "2026-01-01T00:00:00Z",
      ends_at: "2026-02-01T00:00:00Z",
    });
    expect(promotionActive(p, new Date("2025-12-31T23:59:59Z"))).toBe(false);
    expect(promotionActive(p, new Date("2026-01-15T00:00:00Z"))).toBe(true);
    expect(promotionActive(p, new Date("2026-02-01T00:00:00Z"))).toBe(false);
  });
});
