import { CATEGORY_SEPARATOR, type Product, type SoldBy, tryParseQuantity } from "../catalog/index.js";
import type { Database } from "../db/index.js";
import { type Promotion, promotionSchema, storePriceCents } from "../stores/index.js";
import { memoize } from "./memo.js";
import type { OfferRow } from "./types.js";

/**
 * The feeds' reads. Every scan streams: on PostgreSQL through a server-side cursor inside one
 * read transaction (a consistent snapshot, FETCH n at a time); on PGlite (one process, one
 * connection) by keyset pagination so that no long transaction blocks the server's writes.
 * Either way only one batch of rows is in memory.
 */
export const DEFAULT_BATCH = 1000;

interface ScanQuery {
  /** SELECT text with `{{after}}` where the keyset condition goes ("AND (...) > (...)"). */
  sql: string;
  params: unknown[];
  /** ORDER BY expressions, unique together. */
  order: string[];
  /** Expressions compared with the last key on PGlite; defaults to `order`. */
  keyset?: string[];
  /** The values of `order` for a row (the keyset cursor). */
  key: (row: Record<string, unknown>) => unknown[];
}

let cursorSeq = 0;

export async function scan(
  db: Database,
  q: ScanQuery,
  onBatch: (rows: Record<string, unknown>[]) => Promise<void>,
  batchSize = DEFAULT_BATCH,
): Promise<void> {
  const orderBy = ` ORDER BY ${q.order.join(", ")}`;
  if (db.kind === "postgres") {
    const name = `panier_feed_${++cursorSeq}`;
    await db.rawTransaction(async (exec) => {
      await exec("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
      await exec(
        `DECLARE ${name} NO SCROLL CURSOR FOR ${q.sql.replace("{{after}}", "")}${orderBy}`,
        q.params,
      );
      for (;;) {
        const rows = await exec(`FETCH ${batchSize} FROM ${name}`);
        if (rows.length > 0) await onBatch(rows);
        if (rows.length < batchSize) break;
      }
      await exec(`CLOSE ${name}`);
    });
    return;
  }
  let after: unknown[] | null = null;
  for (;;) {
    let sql = q.sql.replace("{{after}}", "");
    let params = q.params;
    if (after) {
      const marks = after.map((_, i) => `$${q.params.length + i + 1}`).join(", ");
      sql = q.sql.replace("{{after}}", `AND (${(q.keyset ?? q.order).join(", ")}) > (${marks})`);
      params = [...q.params, ...after];
    }
    const rows = await db.query(`${sql}${orderBy} LIMIT ${batchSize}`, params);
    if (rows.length > 0) await onBatch(rows);
    if (rows.length < batchSize) break;
    after = q.key(rows[rows.length - 1]!);
  }
}

const OFFER_COLUMNS = `p.id, p.gtin, p.name, p.brand, p.quantity_text, p.category, p.labels, p.sold_by,
  p.price_cents AS catalog_price_cents, p.currency, p.image, p.description, p.sales_30d, p.extra,
  o.store_code, o.stock, o.price_cents AS offer_price_cents, o.promotion,
  s.name AS store_name, s.timezone, s.price_factor::text AS price_factor, s.fulfillment, s.address`;

const FROM = `FROM offers o JOIN products p ON p.id = o.product_id JOIN stores s ON s.code = o.store_code`;

/** Offer rows of one store, or — store null — each product once at its best offer across stores. */
export function offersQuery(store: string | null): ScanQuery {
  if (store !== null) {
    return {
      sql: `SELECT ${OFFER_COLUMNS} ${FROM} WHERE p.active AND o.store_code = $1 {{after}}`,
      params: [store],
      order: ["p.id"],
      key: (r) => [r.id],
    };
  }
  // The chain-wide feed: each product sold anywhere, at the cheapest store that has it in stock.
  return {
    sql: `SELECT * FROM (SELECT DISTINCT ON (p.id) ${OFFER_COLUMNS} ${FROM} WHERE p.active {{after}}
      ORDER BY p.id, (o.stock > 0) DESC,
        COALESCE(o.price_cents, round(p.price_cents * s.price_factor)) ASC, o.store_code) best`,
    params: [],
    order: ["id"],
    keyset: ["p.id"],
    key: (r) => [r.id],
  };
}

/** Offers carrying a promotion, grouped: same store and same promotion are consecutive. */
export function promotionsQuery(): ScanQuery {
  return {
    sql: `SELECT ${OFFER_COLUMNS}, md5(o.promotion::text) AS promo_key ${FROM}
      WHERE p.active AND o.promotion IS NOT NULL {{after}}`,
    params: [],
    order: ["o.store_code", "md5(o.promotion::text)", "p.id"],
    key: (r) => [r.store_code, r.promo_key, r.id],
  };
}

function num(v: unknown): number {
  return typeof v === "number" ? v : Number(v);
}

function asObject(v: unknown): Record<string, unknown> | null {
  if (v && typeof v === "object" && !Array.isArray(v)) return v as Record<string, unknown>;
  if (typeof v === "string") {
    try {
      return asObject(JSON.parse(v));
    } catch {
      return null;
    }
  }
  return null;
}

function feeCents(mode: Record<string, unknown> | null): number | null {
  if (!mode) return null;
  if (typeof mode.fee_cents === "number") return mode.fee_cents;
  if (typeof mode.fee === "number") return Math.round(mode.fee * 100);
  return 0;
}

const parseQuantityMemo = memoize(tryParseQuantity);
const splitCategory = memoize((path) =>
  path
    .split(CATEGORY_SEPARATOR.trim())
    .map((s) => s.trim())
    .filter(Boolean),
);

type StoreFacts = Pick<OfferRow, "storeCountry" | "deliveryFeeCents" | "pickup">;

/** What a row says about its store, read once per store and fulfilment settings. */
const storeFacts = memoize((json: string): StoreFacts => {
  const { fulfillment, address } = JSON.parse(json) as { fulfillment: unknown; address: unknown };
  const f = asObject(fulfillment);
  const pickupMode = asObject(f?.pickup);
  const slots = asObject(pickupMode?.slots);
  return {
    storeCountry: String(asObject(address)?.country ?? "FR"),
    deliveryFeeCents: feeCents(asObject(f?.delivery)),
    pickup: pickupMode ? { from: String(slots?.from ?? "00:00"), to: String(slots?.to ?? "00:00") } : null,
  };
}, 1000);

/** A database row of OFFER_COLUMNS as the feeds read it. */
export function offerRowFrom(r: Record<string, unknown>): OfferRow {
  const quantity = parseQuantityMemo(String(r.quantity_text));
  const product: Product = {
    id: String(r.id),
    gtin: r.gtin === null || r.gtin === undefined ? null : String(r.gtin),
    name: String(r.name),
    brand: r.brand === null || r.brand === undefined || r.brand === "" ? null : String(r.brand),
    quantityText: String(r.quantity_text),
    quantity: quantity ?? { count: 1, amount: 1, unit: "piece", net: 1, perKg: false },
    category: splitCategory(String(r.category)),
    labels: Array.isArray(r.labels) ? (r.labels as string[]) : [],
    soldBy: String(r.sold_by) as SoldBy,
    priceCents: num(r.catalog_price_cents),
    currency: String(r.currency ?? "EUR"),
    image: r.image === null || r.image === undefined || r.image === "" ? null : String(r.image),
    description: r.description === null || r.description === undefined ? null : String(r.description),
    sales30d: num(r.sales_30d ?? 0),
    active: true,
  };
  const store = storeFacts(
    JSON.stringify({ code: r.store_code, fulfillment: r.fulfillment ?? null, address: r.address ?? null }),
  );
  const parsedPromo = r.promotion ? promotionSchema.safeParse(asObject(r.promotion)) : null;
  const offerPrice =
    r.offer_price_cents === null || r.offer_price_cents === undefined ? null : num(r.offer_price_cents);
  return {
    product,
    extra: asObject(r.extra),
    storeCode: String(r.store_code),
    storeName: String(r.store_name),
    storeTimezone: String(r.timezone),
    storeCountry: store.storeCountry,
    stock: num(r.stock),
    priceCents: storePriceCents(product.priceCents, Number(r.price_factor ?? 1), offerPrice),
    promotion: parsedPromo?.success ? (parsedPromo.data as Promotion) : null,
    deliveryFeeCents: store.deliveryFeeCents,
    pickup: store.pickup,
    quantityUnreadable: quantity === null,
  };
}
