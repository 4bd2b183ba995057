import { readFileSync } from "node:fs";
import type { Database, TestBackend } from "../db/index.js";
import { type Commerce, CommerceError, createCommerce } from "./index.js";

// Small, hand-made catalog for commerce tests: each product exercises one pricing rule.
// The three stores are the demo ones (real fulfilment rules: fees, zones, templates).

export const P = {
  milk: "3000000000011",
  milkBio: "3000000000028",
  milkOther: "3000000000035",
  yogurts: "3000000000042",
  water: "3000000000059",
  tomatoes: "3000000000066",
  apples: "3000000000073",
  beer: "3000000000080",
  beerFree: "3000000000097",
  soap: "3000000000103",
  notSold: "3000000000110",
  expiredPromo: "3000000000127",
  cheese: "3000000000134",
} as const;

const products: [string, string, string | null, string, string, string[], "unit" | "weight", number][] = [
  [P.milk, "Lait demi-écrémé", "Lactel", "1 L", "Crèmerie > Laits > Lait demi-écrémé", [], "unit", 109],
  [
    P.milkBio,
    "Lait demi-écrémé bio",
    "Lactel",
    "1 L",
    "Crèmerie > Laits > Lait demi-écrémé",
    ["Bio"],
    "unit",
    139,
  ],
  [P.milkOther, "Lait demi-écrémé", "Candia", "1 L", "Crèmerie > Laits > Lait demi-écrémé", [], "unit", 105],
  [P.yogurts, "Yaourts nature", "Danone", "4 x 125 g", "Crèmerie > Yaourts", [], "unit", 200],
  [P.water, "Eau minérale", "Evian", "6 x 1,5 L", "Boissons > Eaux", [], "unit", 300],
  [P.tomatoes, "Tomates grappe", null, "au kg", "Fruits et légumes > Légumes > Tomates", [], "weight", 349],
  [P.apples, "Pommes Golden", null, "au kg", "Fruits et légumes > Fruits > Pommes", [], "weight", 254],
  [P.beer, "Bière blonde", "Brasseurs", "6 x 25 cl", "Boissons > Bières", [], "unit", 500],
  [
    P.beerFree,
    "Bière sans alcool",
    "Brasseurs",
    "6 x 25 cl",
    "Boissons > Bières",
    ["Sans alcool"],
    "unit",
    450,
  ],
  [P.soap, "Savon de Marseille", "Le Chat", "1 pièce", "Hygiène et entretien > Savons", [], "unit", 250],
  [P.notSold, "Lait entier", "Lactel", "1 L", "Crèmerie > Laits > Lait entier", [], "unit", 119],
  [P.expiredPromo, "Beurre doux", "Président", "250 g", "Crèmerie > Beurres", [], "unit", 300],
  [P.cheese, "Comté 18 mois", null, "200 g", "Crèmerie > Fromages", [], "unit", 4000],
];

/** Offers at LYO-PARTDIEU (price factor 1.0). */
const offers: [string, number, number | null, unknown][] = [
  [P.milk, 100, null, { type: "percent", value: 20, label: "-20%" }],
  [P.milkBio, 0, null, null],
  [P.milkOther, 40, null, null],
  [P.yogurts, 50, null, { type: "second_item_percent", value: 50, label: "-50% sur le 2e" }],
  [P.water, 60, 290, { type: "x_for_y", buy: 3, pay: 2, label: "3 pour 2" }],
  [P.tomatoes, 50, null, null],
  [P.apples, 2.5, null, { type: "percent", value: 10, label: "-10%" }],
  [P.beer, 30, null, null],
  [P.beerFree, 30, null, null],
  [P.soap, 30, null, null],
  [P.expiredPromo, 30, null, { type: "percent", value: 50, ends_at: "2020-01-01T00:00:00Z" }],
  [P.cheese, 30, null, null],
];

export async function seedCommerce(db: Database): Promise<void> {
  const stores = JSON.parse(
    readFileSync(new URL("../../data/demo/stores.fr.json", import.meta.url), "utf8"),
  ) as {
    code: string;
    name: string;
    kind: string;
    timezone: string;
    price_factor: number;
    address: unknown;
    fulfillment: unknown;
  }[];
  for (const s of stores) {
    await db.query(
      `INSERT INTO stores (code, name, kind, timezone, price_factor, address, fulfillment)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
      [
        s.code,
        s.name,
        s.kind,
        s.timezone,
        s.price_factor,
        JSON.stringify(s.address),
        JSON.stringify(s.fulfillment),
      ],
    );
  }
  for (const [id, name, brand, qty, category, labels, soldBy, price] of products) {
    await db.query(
      `INSERT INTO products (id, gtin, name, brand, quantity_text, category, labels, sold_by, price_cents)
       VALUES ($1, $1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING`,
      [id, name, brand, qty, category, labels, soldBy, price],
    );
  }
  for (const [id, stock, price, promo] of offers) {
    await db.query(
      `INSERT INTO offers (store_code, product_id, stock, price_cents, promotion)
       VALUES ('LYO-PARTDIEU', $1, $2, $3, $4) ON CONFLICT DO NOTHING`,
      [id, stock, price, promo === null ? null : JSON.stringify(promo)],
    );
    await db.query(
      `INSERT INTO offers (store_code, product_id, stock, price_cents, promotion)
       VALUES ('PAR-VOLTAIRE', $1, $2, NULL, NULL) ON CONFLICT DO NOTHING`,
      [id, stock],
    );
  }
  for (const [id, name, email, postal] of [
    ["cust-a", "Alice", "alice@example.org", "69003"],
    ["cust-b", "Bruno", "bruno@example.org", "69002"],
  ] as const) {
    await db.query(
      `INSERT INTO customers (id, name, email, store_code, postal_code) VALUES ($1, $2, $3, 'LYO-PARTDIEU', $4)
       ON CONFLICT DO NOTHING`,
      [id, name, email, postal],
    );
  }
}

/** A clock tests move by hand. Starts Wednesday 25 Nov 2026, 08:00 UTC (09:00 in Lyon). */
export function testClock(start = "2026-11-25T08:00:00Z") {
  let t = new Date(start).getTime();
  return {
    now: () => new Date(t),
    set: (iso: string) => {
      t = new Date(iso).getTime();
    },
    advance: (minutes: number) => {
      t += minutes * 60_000;
    },
  };
}

export const LYON_ADDRESS = { street: "1 rue Garibaldi", postal_code: "69003", city: "Lyon", country: "FR" };

/** The CommerceError a call is refused with; fails the test when the call succeeds. */
export async function refusal(p: Promise<unknown>): Promise<CommerceError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof CommerceError) return err;
    throw err;
  }
  throw new Error("expected a refusal");
}

/** Opens a back end, seeds it and builds commerce on the test clock: each suite's beforeAll. */
export async function openSeededCommerce(
  backend: TestBackend,
  clock: { now: () => Date },
): Promise<{ db: Database; commerce: Commerce }> {
  const db = await backend.open();
  await seedCommerce(db);
  return { db, commerce: createCommerce(db, { now: clock.now }) };
}
