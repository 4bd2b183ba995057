import { readFileSync } from "node:fs";
import { z } from "zod";
import { parseCatalogJsonl, type Product } from "../../catalog/index.js";

/**
 * Files read by `panier understand`: the shared-format catalog, customers (with purchase history)
 * and offers (per-store stock). Each problem names the file and the line.
 */

export class InputFileError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (err) {
    throw new InputFileError(
      "file_unreadable",
      `Cannot read the ${what} file ${path}: ${(err as Error).message}`,
    );
  }
}

export function loadCatalog(path: string): Product[] {
  const { products, errors } = parseCatalogJsonl(readText(path, "catalog"));
  if (products.length === 0) {
    const first = errors[0];
    const detail = first
      ? ` (line ${first.line}: ${first.problems.map((p) => `${p.field}: ${p.reason}`).join("; ")})`
      : "";
    throw new InputFileError("catalog_empty", `The catalog ${path} has no valid product${detail}`);
  }
  for (const e of errors.slice(0, 5)) {
    process.stderr.write(
      `warning: ${path} line ${e.line} skipped: ${e.problems.map((p) => `${p.field}: ${p.reason}`).join("; ")}\n`,
    );
  }
  return products;
}

const customerSchema = z.object({
  id: z.string().min(1),
  store: z.string().nullish(),
  history: z
    .array(
      z.object({ gtin: z.string().optional(), id: z.string().optional(), times: z.number().nonnegative() }),
    )
    .default([]),
});

export interface CustomerInfo {
  store: string | null;
  history: Map<string, number>;
}

function jsonLines<T>(path: string, what: string, schema: z.ZodType<T>): T[] {
  const out: T[] = [];
  readText(path, what)
    .split("\n")
    .forEach((line, i) => {
      if (!line.trim()) return;
      let raw: unknown;
      try {
        raw = JSON.parse(line);
      } catch {
        throw new InputFileError("invalid_json", `${path} line ${i + 1}: not valid JSON`);
      }
      const r = schema.safeParse(raw);
      if (!r.success) {
        const issue = r.error.issues[0]!;
        throw new InputFileError(
          "invalid_record",
          `${path} line ${i + 1}: ${issue.path.join(".") || "(line)"}: ${issue.message}`,
        );
      }
      out.push(r.data);
    });
  return out;
}

/** Customers by id; history keyed by product id (a GTIN is the id of a product that has one). */
export function loadCustomers(path: string): Map<string, CustomerInfo> {
  const map = new Map<string, CustomerInfo>();
  for (const c of jsonLines(path, "customers", customerSchema)) {
    const history = new Map<string, number>();
    for (const h of c.history) {
      const id = h.id ?? h.gtin;
      if (id) history.set(id, (history.get(id) ?? 0) + h.times);
    }
    map.set(c.id, { store: c.store ?? null, history });
  }
  return map;
}

const offerSchema = z.object({
  store: z.string().min(1),
  gtin: z.string().optional(),
  id: z.string().optional(),
  stock: z.number().nullish(),
});

/** Stock per store code, per product id. */
export function loadOffers(path: string): Map<string, Map<string, number>> {
  const stores = new Map<string, Map<string, number>>();
  for (const o of jsonLines(path, "offers", offerSchema)) {
    const id = o.id ?? o.gtin;
    if (!id) continue;
    let stock = stores.get(o.store);
    if (!stock) {
      stock = new Map();
      stores.set(o.store, stock);
    }
    stock.set(id, o.stock ?? 0);
  }
  return stores;
}
