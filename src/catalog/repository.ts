import type { Database } from "../db/index.js";
import { CATEGORY_SEPARATOR, type Product, type SoldBy } from "./product.js";
import { type Quantity, tryParseQuantity } from "./quantity.js";

/**
 * The channel every catalog change is announced on. Payload: the new catalog version ("42") for
 * a product change, which makes nodes rebuild their index; `offers:<offers version>` for an offers
 * change (price, promotion, stock), which only refreshes what depends on offers. Feeds listen to
 * both: prices and stock are in them.
 */
export const CATALOG_CHANGED_CHANNEL = "catalog_changed";

/** What changed: the products (index rebuild) or only offers. */
export type CatalogChangeKind = "catalog" | "offers";

export interface CatalogChange {
  kind: CatalogChangeKind;
  version: number;
}

/** Both counters of the catalog_version row. */
export interface CatalogVersions {
  catalog: number;
  offers: number;
}

const OFFERS_PREFIX = "offers:";

export function catalogChangePayload(change: CatalogChange): string {
  return change.kind === "offers" ? `${OFFERS_PREFIX}${change.version}` : String(change.version);
}

/** A notification's payload back as a change; null when it is neither form (then a node re-reads both). */
export function parseCatalogChange(payload: string): CatalogChange | null {
  const offers = payload.startsWith(OFFERS_PREFIX);
  const text = offers ? payload.slice(OFFERS_PREFIX.length) : payload;
  if (!/^\d+$/.test(text)) return null;
  return { kind: offers ? "offers" : "catalog", version: Number(text) };
}

interface ProductRow {
  id: string;
  gtin: string | null;
  name: string;
  brand: string | null;
  quantity_text: string;
  category: string;
  labels: string[];
  sold_by: string;
  price_cents: number;
  currency: string;
  image: string | null;
  description: string | null;
  sales_30d: number;
  active: boolean;
}

const PRODUCT_COLUMNS =
  "id, gtin, name, brand, quantity_text, category, labels, sold_by, price_cents, currency, image, description, sales_30d, active";

// Rows were validated on import; a size that no longer parses (parser changed) still shows the
// product rather than hiding it, as one piece.
const UNKNOWN_QUANTITY: Quantity = { count: 1, amount: 1, unit: "piece", net: 1, perKg: false };

export function productFromRow(row: ProductRow): Product {
  return {
    id: row.id,
    gtin: row.gtin,
    name: row.name,
    brand: row.brand,
    quantityText: row.quantity_text,
    quantity: tryParseQuantity(row.quantity_text) ?? UNKNOWN_QUANTITY,
    category: row.category
      .split(CATEGORY_SEPARATOR.trim())
      .map((s) => s.trim())
      .filter(Boolean),
    labels: row.labels ?? [],
    soldBy: row.sold_by as SoldBy,
    priceCents: row.price_cents,
    currency: row.currency,
    image: row.image,
    description: row.description,
    sales30d: row.sales_30d,
    active: row.active,
  };
}

/** Every product shoppers can find (active), in id order. */
export async function loadActiveProducts(db: Database): Promise<Product[]> {
  const rows = await db.query<ProductRow>(`SELECT ${PRODUCT_COLUMNS} FROM products WHERE active ORDER BY id`);
  return rows.map(productFromRow);
}

/** One product by id, active or not (old orders still name retired products). */
export async function findProduct(db: Database, id: string): Promise<Product | null> {
  const rows = await db.query<ProductRow>(`SELECT ${PRODUCT_COLUMNS} FROM products WHERE id = $1`, [id]);
  return rows[0] ? productFromRow(rows[0]) : null;
}

export async function countProducts(db: Database): Promise<number> {
  const [row] = await db.query<{ n: string | number }>("SELECT count(*) AS n FROM products");
  return Number(row?.n ?? 0);
}

/** The catalog's version: every product change bumps it, so a node knows whether its index is current. */
export async function readCatalogVersion(db: Database): Promise<number> {
  return (await readCatalogVersions(db)).catalog;
}

/** Both versions in one read (the fallback poll runs this every few seconds on every node). */
export async function readCatalogVersions(db: Database): Promise<CatalogVersions> {
  const [row] = await db.query<{ version: string | number; offers_version: string | number }>(
    "SELECT version, offers_version FROM catalog_version WHERE id = 1",
  );
  return { catalog: Number(row?.version ?? 0), offers: Number(row?.offers_version ?? 0) };
}

type Query = <R = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<R[]>;

/**
 * Bumps the catalog version. Call it inside the transaction that changed the catalog (pass the
 * transaction's exec), then announce the result with notifyCatalogChanged after commit.
 */
export async function bumpCatalogVersion(query: Query): Promise<number> {
  const [row] = await query<{ version: string | number }>(
    "UPDATE catalog_version SET version = version + 1, changed_at = now() WHERE id = 1 RETURNING version",
  );
  return Number(row?.version ?? 0);
}

/**
 * Bumps the offers version (price, promotion, stock changed; products did not). Call it inside
 * the transaction that changed the offers, then announce with notifyOffersChanged after commit.
 */
export async function bumpOffersVersion(query: Query): Promise<number> {
  const [row] = await query<{ version: string | number }>(
    "UPDATE catalog_version SET offers_version = offers_version + 1, offers_changed_at = now() WHERE id = 1 RETURNING offers_version AS version",
  );
  return Number(row?.version ?? 0);
}

/** Tells every node (LISTEN on PostgreSQL; in-process on PGlite) that the catalog changed. */
export async function notifyCatalogChanged(db: Database, version: number): Promise<void> {
  await db.notify(CATALOG_CHANGED_CHANNEL, catalogChangePayload({ kind: "catalog", version }));
}

/** Tells every node that offers changed: caches of offers refresh, the product index stays. */
export async function notifyOffersChanged(db: Database, version: number): Promise<void> {
  await db.notify(CATALOG_CHANGED_CHANNEL, catalogChangePayload({ kind: "offers", version }));
}

/** Bump and announce, for a change made outside any transaction. */
export async function markCatalogChanged(db: Database): Promise<number> {
  const version = await bumpCatalogVersion((text, params) => db.query(text, params));
  await notifyCatalogChanged(db, version);
  return version;
}

/** Bump and announce an offers change made outside any transaction. */
export async function markOffersChanged(db: Database): Promise<number> {
  const version = await bumpOffersVersion((text, params) => db.query(text, params));
  await notifyOffersChanged(db, version);
  return version;
}
