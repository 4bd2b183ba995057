import type { RawExec } from "../../db/index.js";
import { categoryPath, type Product } from "../product.js";
import { type FieldProblem, productFromRecord } from "../record.js";
import { csvToRecord, OFF_DEFAULTED, offToRecord } from "./mapping.js";
import type { ImportFormat, Importer, Key, LineError, Prepared } from "./types.js";

/** A problem from productFromRecord -> a line error with a stable code. */
export function problemToError(p: FieldProblem): Omit<LineError, "line"> {
  let code = "invalid_field";
  if (p.field === "gtin") code = /check digit/.test(p.reason) ? "bad_check_digit" : "invalid_gtin";
  else if (p.field === "quantity") code = "invalid_quantity";
  else if (p.field === "price" && /negative|>=|too small/i.test(p.reason)) code = "negative_price";
  const reason = code === "negative_price" ? "price is negative" : p.reason;
  return { field: p.field, reason, code };
}

function productKeys(id: string | undefined, gtin: string | null | undefined): Key[] {
  const keys: Key[] = [];
  if (gtin) keys.push({ key: `p:${gtin}`, field: "gtin", label: `GTIN ${gtin}` });
  if (id && id !== gtin) keys.push({ key: `p:${id}`, field: "id", label: `id ${id}` });
  return keys;
}

const COLUMNS = [
  ["id", "text"],
  ["gtin", "text"],
  ["name", "text"],
  ["brand", "text"],
  ["quantity_text", "text"],
  ["category", "text"],
  ["labels", "jsonb"],
  ["sold_by", "text"],
  ["price_cents", "integer"],
  ["currency", "text"],
  ["image", "text"],
  ["description", "text"],
  ["sales_30d", "integer"],
] as const;

/** Columns a format does not carry: kept as they are when an existing product is updated. */
function keptColumns(format: ImportFormat): Set<string> {
  if (format === "off-jsonl" || format === "off-csv") {
    return new Set(["price_cents", "sold_by", "sales_30d", "currency"]);
  }
  return new Set();
}

function upsertSql(format: ImportFormat): string {
  const kept = keptColumns(format);
  const names = COLUMNS.map(([n]) => n);
  const selects = COLUMNS.map(([n, t]) =>
    t === "jsonb" ? `ARRAY(SELECT jsonb_array_elements_text(r.${n}))` : `r.${n}`,
  );
  const updated = names.filter((n) => n !== "id" && !kept.has(n));
  return `INSERT INTO products AS p (${names.join(", ")}, active, updated_at)
    SELECT ${selects.join(", ")}, true, now()
    FROM jsonb_to_recordset($1::jsonb) AS r(${COLUMNS.map(([n, t]) => `${n} ${t}`).join(", ")})
    ON CONFLICT (id) DO UPDATE SET ${updated.map((n) => `${n} = EXCLUDED.${n}`).join(", ")}, active = true, updated_at = now()
    WHERE (${updated.map((n) => `p.${n}`).join(", ")}, p.active) IS DISTINCT FROM (${updated
      .map((n) => `EXCLUDED.${n}`)
      .join(", ")}, true)
    RETURNING (xmax = 0) AS inserted`;
}

function toRow(p: Product) {
  return {
    id: p.id,
    gtin: p.gtin,
    name: p.name,
    brand: p.brand,
    quantity_text: p.quantityText,
    category: categoryPath(p),
    labels: p.labels,
    sold_by: p.soldBy,
    price_cents: p.priceCents,
    currency: p.currency,
    image: p.image,
    description: p.description,
    sales_30d: p.sales30d,
  };
}

type Row = ReturnType<typeof toRow>;

/**
 * Catalog products in the shared format, as CSV with the same columns, or from Open Food Facts.
 * A committed change bumps catalog_version (the pipeline then notifies `catalog_changed`).
 */
export function catalogImporter(): Importer<Row> {
  const unmapped = new Set<string>();
  return {
    kind: "catalog",
    prepare(value, format): Prepared<Row> {
      let record: Record<string, unknown> = value;
      if (format === "csv" || format === "off-csv" || format === "off-jsonl") {
        const mapped = format === "csv" ? csvToRecord(value) : offToRecord(value);
        record = mapped.record;
        for (const u of mapped.unknown) if (unmapped.size < 1000) unmapped.add(u);
      }
      const res = productFromRecord(record);
      if (res.ok)
        return { ok: true, row: toRow(res.product), keys: productKeys(res.product.id, res.product.gtin) };
      const gtin = typeof record.gtin === "string" ? record.gtin.trim() : undefined;
      const id = typeof record.id === "string" ? record.id : gtin;
      return { ok: false, errors: res.problems.map(problemToError), keys: productKeys(id, gtin) };
    },
    async check(exec, rows) {
      // A GTIN already held by a product with another id would break the unique index mid-run.
      const withGtin = rows.filter((r) => r.gtin);
      const problems = new Map<number, Omit<LineError, "line">[]>();
      if (withGtin.length === 0) return problems;
      const held = await exec<{ id: string; gtin: string }>(
        "SELECT id, gtin FROM products WHERE gtin = ANY($1::text[])",
        [withGtin.map((r) => r.gtin)],
      );
      const owner = new Map(held.map((h) => [h.gtin, h.id]));
      rows.forEach((r, i) => {
        const id = r.gtin ? owner.get(r.gtin) : undefined;
        if (id !== undefined && id !== r.id) {
          problems.set(i, [
            { field: "gtin", reason: `GTIN ${r.gtin} already belongs to product ${id}`, code: "gtin_taken" },
          ]);
        }
      });
      return problems;
    },
    async write(exec: RawExec, rows: Row[], format) {
      const result = await exec<{ inserted: boolean }>(upsertSql(format), [JSON.stringify(rows)]);
      const inserted = result.filter((r) => r.inserted).length;
      return { inserted, updated: result.length - inserted };
    },
    async finish(exec, { mode, changed, seenTable }) {
      let delisted = 0;
      if (mode === "full") {
        const rows = await exec<{ id: string }>(
          `UPDATE products SET active = false, updated_at = now()
           WHERE active AND NOT EXISTS (SELECT 1 FROM ${seenTable} s WHERE s.key = 'p:' || products.id)
           RETURNING id`,
        );
        delisted = rows.length;
      }
      if (!changed && delisted === 0) return { delisted };
      const [v] = await exec<{ version: string | number }>(
        "UPDATE catalog_version SET version = version + 1, changed_at = now() WHERE id = 1 RETURNING version",
      );
      return { delisted, catalogVersion: Number(v?.version) };
    },
    unmappedFields: () => (unmapped.size > 0 ? [...unmapped].sort() : undefined),
    defaultedFields: (format) => (format.startsWith("off-") ? [...OFF_DEFAULTED] : undefined),
  };
}
