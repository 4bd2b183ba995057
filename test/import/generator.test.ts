import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { generateCatalog, offersFor, rng, STORES } from "../../bench/generate/products.js";
import { isValidGtin, productFromRecord } from "../../src/catalog/index.js";

const REFERENCE = fileURLToPath(new URL("../../data/demo/catalog.fr.jsonl", import.meta.url));

describe("the scale-data catalog generator", () => {
  const products = [...generateCatalog(5000, 7, REFERENCE)];

  it("writes valid shared-format products with unique valid GTINs none of which is a reference product's", () => {
    const reference = new Set(
      readFileSync(REFERENCE, "utf8")
        .trim()
        .split("\n")
        .map((l) => (JSON.parse(l) as { gtin: string }).gtin),
    );
    const gtins = products.map((p) => p.gtin);
    expect(new Set(gtins).size).toBe(5000);
    expect(gtins.every(isValidGtin)).toBe(true);
    expect(gtins.some((g) => reference.has(g))).toBe(false);
    const bad = products.map((p) => productFromRecord(p)).filter((r) => !r.ok);
    expect(bad).toEqual([]);
  });

  it("recombines families with new brands, sizes, flavours and lines", () => {
    expect(new Set(products.map((p) => p.brand)).size).toBeGreaterThan(150);
    expect(new Set(products.map((p) => p.quantity)).size).toBeGreaterThan(100);
    expect(products.filter((p) => p.labels.includes("Bio")).length).toBeGreaterThan(300);
    expect(products.some((p) => / fraise| vanille| citron/.test(p.name))).toBe(true);
  });

  it("is deterministic for a seed, and its offers name the demo stores", () => {
    expect([...generateCatalog(50, 7, REFERENCE)]).toEqual(products.slice(0, 50));
    const rand = rng(1);
    const offers = products.slice(0, 200).flatMap((p) => offersFor(p, rand));
    expect(offers.length).toBeGreaterThan(300);
    expect(new Set(offers.map((o) => o.store))).toEqual(new Set(STORES));
  });
});
