import { z } from "zod";
import { gtinProblem } from "./gtin.js";
import type { Product } from "./product.js";
import { CATEGORY_SEPARATOR } from "./product.js";
import { tryParseQuantity } from "./quantity.js";

/**
 * One catalog line in the shared format (data/demo/catalog.fr.jsonl). Prices arrive in euros;
 * inside Panier they become integer cents.
 */
export const catalogRecordSchema = z.object({
  id: z.string().min(1).max(64).optional(),
  gtin: z.string().nullish(),
  name: z.string().trim().min(1, "name is empty").max(500),
  brand: z.string().trim().nullish(),
  quantity: z.string().trim().min(1, "quantity is empty"),
  category: z.string().trim().min(1, "category is empty"),
  labels: z.array(z.string()).default([]),
  sold_by: z.enum(["unit", "weight", "piece"]),
  price: z.number().nonnegative("price is negative").finite(),
  currency: z.string().length(3).default("EUR"),
  image: z.string().nullish(),
  description: z.string().nullish(),
  sales_30d: z.number().int().nonnegative().default(0),
});

export type CatalogRecord = z.input<typeof catalogRecordSchema>;

export interface FieldProblem {
  field: string;
  reason: string;
}

export type RecordResult = { ok: true; product: Product } | { ok: false; problems: FieldProblem[] };

const GTIN_REASONS = {
  not_digits: "GTIN must contain digits only",
  bad_length: "GTIN must have 8, 12, 13 or 14 digits",
  bad_check_digit: "GTIN check digit is wrong",
} as const;

/** Validates one shared-format record and turns it into a Product, listing every problem found. */
export function productFromRecord(raw: unknown): RecordResult {
  const parsed = catalogRecordSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((i) => ({ field: i.path.join(".") || "(line)", reason: i.message })),
    };
  }
  const r = parsed.data;
  const problems: FieldProblem[] = [];
  const gtin = r.gtin ? r.gtin.trim() : null;
  if (gtin) {
    const p = gtinProblem(gtin);
    if (p) problems.push({ field: "gtin", reason: GTIN_REASONS[p] });
  }
  const id = r.id ?? gtin;
  if (!id) problems.push({ field: "id", reason: "a product needs a GTIN or an id" });
  const quantity = tryParseQuantity(r.quantity);
  if (!quantity) problems.push({ field: "quantity", reason: `cannot read the quantity "${r.quantity}"` });
  if (r.sold_by === "weight" && quantity && !quantity.perKg && quantity.unit !== "g") {
    problems.push({
      field: "sold_by",
      reason: "a product sold by weight needs a weight or 'au kg' quantity",
    });
  }
  if (problems.length > 0 || !quantity || !id) return { ok: false, problems };
  return {
    ok: true,
    product: {
      id,
      gtin,
      name: r.name,
      brand: r.brand?.trim() || null,
      quantityText: r.quantity,
      quantity,
      category: r.category
        .split(CATEGORY_SEPARATOR.trim())
        .map((s) => s.trim())
        .filter(Boolean),
      labels: r.labels,
      soldBy: r.sold_by,
      priceCents: Math.round(r.price * 100),
      currency: r.currency,
      image: r.image ?? null,
      description: r.description ?? null,
      sales30d: r.sales_30d,
      active: true,
    },
  };
}

/** Reads a whole shared-format JSONL catalog (tools and tests; imports go through src/catalog/import). */
export function parseCatalogJsonl(text: string): {
  products: Product[];
  errors: { line: number; problems: FieldProblem[] }[];
} {
  const products: Product[] = [];
  const errors: { line: number; problems: FieldProblem[] }[] = [];
  text.split("\n").forEach((line, i) => {
    if (!line.trim()) return;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      errors.push({ line: i + 1, problems: [{ field: "(line)", reason: "not valid JSON" }] });
      return;
    }
    const res = productFromRecord(raw);
    if (res.ok) products.push(res.product);
    else errors.push({ line: i + 1, problems: res.problems });
  });
  return { products, errors };
}
