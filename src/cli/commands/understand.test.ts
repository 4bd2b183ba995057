import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createEngine } from "../../resolution/index.js";
import { type BatchContext, understandLine } from "./understand.js";
import { InputFileError, loadCatalog, loadCustomers, loadOffers } from "./understand-files.js";

const data = "data/demo";
const ctx: BatchContext = {
  engine: createEngine(loadCatalog(`${data}/catalog.fr.jsonl`)),
  customers: loadCustomers(`${data}/customers.fr.jsonl`),
  offers: loadOffers(`${data}/offers.fr.jsonl`),
};
const line = (o: unknown, n = 1) => understandLine(JSON.stringify(o), n, ctx);

describe("panier understand (batch contract)", () => {
  it("answers with the id, the intent and gtin + quantity items", () => {
    const out = line({
      id: "a1",
      text: "ajoute deux litres de lait demi-écrémé",
      locale: "fr-FR",
      expect: {},
    });
    expect(out.id).toBe("a1");
    expect(out.intent).toBe("add_to_cart");
    const items = out.items as { gtin: string; quantity: number }[];
    expect(items).toHaveLength(1);
    expect(items[0]!.gtin).toMatch(/^\d{13}$/);
    expect(items[0]!.quantity).toBe(2);
  });
  it("gives weight_g for products sold by weight and [] for intents without products", () => {
    const fruit = line({ id: 2, text: "deux kilos de bananes", locale: "fr-FR" });
    expect((fruit.items as { weight_g: number }[])[0]!.weight_g).toBe(2000);
    expect(line({ id: 3, text: "vide le panier" }).items).toEqual([]);
  });
  it("uses the customer's history", () => {
    const out = line({ id: 4, text: "mets du lait", locale: "fr-FR", customer: "cust-karim" });
    expect((out.items as { gtin: string }[])[0]!.gtin).toBe("3456442527297");
  });
  it("turns a bad line into an error object with the line number", () => {
    const bad = understandLine("{not json", 7, ctx);
    expect(bad).toEqual({ id: null, error: expect.objectContaining({ code: "invalid_json", line: 7 }) });
    const noText = line({ id: "x", locale: "fr-FR" }, 8);
    expect(noText.id).toBe("x");
    expect(noText.error).toEqual(expect.objectContaining({ code: "invalid_input", line: 8 }));
    expect(understandLine('{"id":"q7","text":"du lait"', 11, ctx).id).toBe("q7");
    expect(understandLine("42", 9, ctx).error).toBeDefined();
    expect(understandLine("null", 10, ctx).error).toBeDefined();
  });
  it("refuses unreadable or empty catalogs with a clear error", () => {
    const dir = mkdtempSync(join(tmpdir(), "panier-understand-"));
    const empty = join(dir, "empty.jsonl");
    writeFileSync(empty, "{}\n");
    expect(() => loadCatalog(empty)).toThrow(InputFileError);
    expect(() => loadCatalog(join(dir, "missing.jsonl"))).toThrow(/Cannot read the catalog/);
    const badCustomers = join(dir, "c.jsonl");
    writeFileSync(badCustomers, '{"id":"c1"}\n{"nope":1}\n');
    expect(() => loadCustomers(badCustomers)).toThrow(/line 2/);
  });
});
