import { describe, expect, it } from "vitest";
import { googleCategory } from "./categories.js";
import { demoProducts } from "./test-seed.js";

describe("Google product categories", () => {
  it("maps every category of the demo catalog to a specific Google category", () => {
    const paths = new Map(demoProducts().map((p) => [p.category.join(" > "), p.category]));
    expect(paths.size).toBeGreaterThan(100);
    for (const [path, segments] of paths) {
      const c = googleCategory(segments);
      expect(c.mapped, path).toBe(true);
      expect(c.id, path).toBeGreaterThan(0);
    }
  });

  it("takes the longest matching prefix, whatever the case and accents", () => {
    expect(googleCategory(["Crèmerie", "Laits", "Lait entier"]).id).toBe(418);
    expect(googleCategory(["cremerie", "LAITS VÉGÉTAUX", "Boisson au riz"]).id).toBe(5724);
    expect(googleCategory(["Crèmerie", "Nouveautés"]).id).toBe(428);
    expect(googleCategory(["Épicerie salée", "Pâtes", "Lasagnes"]).path).toMatch(/Pasta & Noodles$/);
  });

  it("falls back to Food Items for an unknown department, and says so", () => {
    expect(googleCategory(["Cave à cigares"])).toMatchObject({ id: 422, mapped: false });
  });
});
