/**
 * Field mapping from the other catalog formats onto the shared record (the JSONL format that
 * productFromRecord validates): CSV with the same columns, and Open Food Facts exports.
 */

const SHARED_COLUMNS = new Set([
  "id",
  "gtin",
  "name",
  "brand",
  "quantity",
  "category",
  "labels",
  "sold_by",
  "price",
  "currency",
  "image",
  "description",
  "sales_30d",
]);

/** "1,09" (French decimal comma) or "1.09" -> 1.09; anything else is left for the schema to reject. */
function number(text: unknown): unknown {
  if (typeof text !== "string") return text;
  const t = text.trim().replace(/\s/g, "");
  if (/^-?\d+(?:[.,]\d+)?$/.test(t)) return Number(t.replace(",", "."));
  return text;
}

/** Labels in one cell: "Bio|Sans lactose", "Bio; Sans lactose" or "Bio, Sans lactose"; or a JSON array. */
function list(text: unknown): unknown {
  if (typeof text !== "string") return text ?? [];
  const t = text.trim();
  if (t.startsWith("[")) {
    try {
      return JSON.parse(t);
    } catch {
      return text;
    }
  }
  return t
    .split(/[|;,]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** A CSV row with the shared columns -> the shared record (strings become numbers and lists). */
export function csvToRecord(row: Record<string, unknown>): {
  record: Record<string, unknown>;
  unknown: string[];
} {
  const record: Record<string, unknown> = {};
  const unknown: string[] = [];
  for (const [k, v] of Object.entries(row)) {
    if (!SHARED_COLUMNS.has(k)) unknown.push(k);
    else if (k === "price" || k === "sales_30d") record[k] = number(v);
    else if (k === "labels") record[k] = list(v);
    else record[k] = v;
  }
  return { record, unknown };
}

/** Open Food Facts fields Panier reads; everything else in an export is reported as unmapped. */
const OFF_MAPPED = new Set([
  "code",
  "product_name",
  "product_name_fr",
  "product_name_en",
  "generic_name",
  "generic_name_fr",
  "brands",
  "quantity",
  "categories",
  "categories_fr",
  "labels",
  "labels_fr",
  "image_url",
  "image_front_url",
]);

/** Panier fields an Open Food Facts export does not carry: set by default on insert, never overwritten. */
export const OFF_DEFAULTED = ["price", "sold_by", "sales_30d", "currency"] as const;

function text(v: unknown): string | undefined {
  if (typeof v === "string") return v.trim() || undefined;
  if (typeof v === "number") return String(v);
  return undefined;
}

/** "en:milks" -> "milks"; Open Food Facts prefixes tags with their language. */
function untag(s: string): string {
  return s.replace(/^[a-z]{2}:/, "").trim();
}

/** Comma-separated Open Food Facts list (or a JSON array in JSONL exports). */
function offList(v: unknown): string[] {
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === "string").map(untag);
  const t = text(v);
  if (!t) return [];
  return t.split(",").map(untag).filter(Boolean);
}

/**
 * An Open Food Facts product -> the shared record. Categories go from general to specific, as
 * our path does; the first brand is the brand; prices are not in Open Food Facts (0, to be set
 * per store by offers), and products are sold by the unit.
 */
export function offToRecord(row: Record<string, unknown>): {
  record: Record<string, unknown>;
  unknown: string[];
} {
  const unknown = Object.keys(row).filter((k) => !OFF_MAPPED.has(k));
  const code = text(row.code);
  const categories = offList(row.categories ?? row.categories_fr);
  const record: Record<string, unknown> = {
    gtin: code,
    name: text(row.product_name_fr) ?? text(row.product_name) ?? text(row.product_name_en) ?? "",
    brand: offList(row.brands)[0] ?? null,
    // The EU estimated sign ("500 g ℮") is printed next to many Open Food Facts quantities.
    quantity: (text(row.quantity) ?? "").replace(/\s*℮\s*$/u, ""),
    category: categories.join(" > "),
    labels: offList(row.labels ?? row.labels_fr),
    sold_by: "unit",
    price: 0,
    image: text(row.image_url) ?? text(row.image_front_url) ?? null,
    description: text(row.generic_name_fr) ?? text(row.generic_name) ?? null,
  };
  return { record, unknown };
}
