import type { Database } from "../db/index.js";
import { type Offer, promotionSchema } from "./offer.js";
import type { Fulfillment, Store, StoreAddress } from "./store.js";

interface StoreRow {
  code: string;
  name: string;
  kind: string | null;
  timezone: string;
  price_factor: number;
  address: StoreAddress;
  opening_hours: Record<string, string> | null;
  fulfillment: Fulfillment;
  settings: Record<string, unknown> | null;
}

const STORE_COLUMNS =
  "code, name, kind, timezone, price_factor, address, opening_hours, fulfillment, settings";

function storeFromRow(row: StoreRow): Store {
  return {
    code: row.code,
    name: row.name,
    kind: row.kind,
    timezone: row.timezone,
    // `real` column: 1.06 comes back as 1.0600000381; prices are rounded to the cent anyway,
    // but the factor must not push x.5 cents the wrong way.
    priceFactor: Math.round(Number(row.price_factor) * 1e6) / 1e6,
    address: row.address,
    openingHours: row.opening_hours,
    fulfillment: row.fulfillment,
    settings: row.settings,
  };
}

export async function listStores(db: Database): Promise<Store[]> {
  const rows = await db.query<StoreRow>(`SELECT ${STORE_COLUMNS} FROM stores ORDER BY code`);
  return rows.map(storeFromRow);
}

export async function findStore(db: Database, code: string): Promise<Store | null> {
  const rows = await db.query<StoreRow>(`SELECT ${STORE_COLUMNS} FROM stores WHERE code = $1`, [code]);
  return rows[0] ? storeFromRow(rows[0]) : null;
}

interface OfferRow {
  store_code: string;
  product_id: string;
  stock: number;
  price_cents: number | null;
  promotion: unknown;
}

function offerFromRow(row: OfferRow): Offer {
  // Promotions were validated on import; one that no longer reads is ignored, not fatal.
  const promo = row.promotion == null ? null : promotionSchema.safeParse(row.promotion);
  return {
    storeCode: row.store_code,
    productId: row.product_id,
    stock: Number(row.stock),
    priceCents: row.price_cents,
    promotion: promo?.success ? promo.data : null,
  };
}

/** The store's offer for one product, or null when the store does not sell it. */
export async function findOffer(db: Database, storeCode: string, productId: string): Promise<Offer | null> {
  const rows = await db.query<OfferRow>(
    "SELECT store_code, product_id, stock, price_cents, promotion FROM offers WHERE store_code = $1 AND product_id = $2",
    [storeCode, productId],
  );
  return rows[0] ? offerFromRow(rows[0]) : null;
}

/** The store's offers for the given products (those it does not sell are absent from the map). */
export async function findOffers(
  db: Database,
  storeCode: string,
  productIds: string[],
): Promise<Map<string, Offer>> {
  if (productIds.length === 0) return new Map();
  const rows = await db.query<OfferRow>(
    "SELECT store_code, product_id, stock, price_cents, promotion FROM offers WHERE store_code = $1 AND product_id = ANY($2::text[])",
    [storeCode, productIds],
  );
  return new Map(rows.map((r) => [r.product_id, offerFromRow(r)]));
}

/** Ids of every product the store sells. */
export async function offeredProductIds(db: Database, storeCode: string): Promise<Set<string>> {
  const rows = await db.query<{ product_id: string }>("SELECT product_id FROM offers WHERE store_code = $1", [
    storeCode,
  ]);
  return new Set(rows.map((r) => r.product_id));
}

export async function countOffers(db: Database, storeCode: string): Promise<number> {
  const [row] = await db.query<{ n: string | number }>(
    "SELECT count(*) AS n FROM offers WHERE store_code = $1",
    [storeCode],
  );
  return Number(row?.n ?? 0);
}
