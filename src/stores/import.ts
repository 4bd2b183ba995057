import { z } from "zod";
import {
  bumpOffersVersion,
  type ImportInput,
  type ImportOptions,
  type ImportReport,
  type Importer,
  type LineError,
  type Prepared,
  runImport,
} from "../catalog/index.js";
import type { Database, RawExec } from "../db/index.js";
import { promotionSchema } from "./offer.js";

type Problem = Omit<LineError, "line">;

function zodProblems(error: z.ZodError, prefix = ""): Problem[] {
  return error.issues.map((i) => ({
    field: prefix + (i.path.join(".") || "(line)"),
    reason: i.message,
    code: /negative|>=0|too small.*0/i.test(i.message) ? "negative_value" : "invalid_field",
  }));
}

// ---- stores (the JSON array of stores.fr.json, or one store per JSON line) ----

const timezone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, "unknown time zone");

const money = z.number().nonnegative("amount is negative").finite();
const slots = z.object({
  days: z.array(z.enum(["mon", "tue", "wed", "thu", "fri", "sat", "sun"])).min(1),
  from: z.string().regex(/^\d{2}:\d{2}$/, "expected HH:MM"),
  to: z.string().regex(/^\d{2}:\d{2}$/, "expected HH:MM"),
  length_min: z.number().int().positive(),
  capacity: z.number().int().nonnegative(),
});
const mode = z.looseObject({
  fee: money,
  free_above: money.optional(),
  min_basket: money.optional(),
  slots,
});

/** A store as stores.fr.json gives it; amounts stay in euros inside `fulfillment`, as imported. */
export const storeRecordSchema = z.object({
  code: z.string().trim().min(1).max(64),
  name: z.string().trim().min(1),
  kind: z.string().nullish(),
  address: z.looseObject({
    street: z.string(),
    postal_code: z.string(),
    city: z.string(),
    country: z.string(),
  }),
  timezone,
  opening_hours: z.record(z.string(), z.string()).nullish(),
  price_factor: z.number().positive("price_factor must be positive").finite().default(1),
  fulfillment: z.looseObject({
    delivery: mode.extend({ postal_codes: z.array(z.string()).min(1) }).optional(),
    pickup: mode.optional(),
  }),
  settings: z.record(z.string(), z.unknown()).nullish(),
});

type StoreRow = {
  code: string;
  name: string;
  kind: string | null;
  timezone: string;
  price_factor: number;
  address: unknown;
  opening_hours: unknown;
  fulfillment: unknown;
  settings: unknown;
};

export function storesImporter(): Importer<StoreRow> {
  return {
    kind: "stores",
    prepare(value): Prepared<StoreRow> {
      const code = typeof value.code === "string" ? value.code.trim() : undefined;
      const keys = code ? [{ key: `s:${code}`, field: "code", label: `store ${code}` }] : [];
      const parsed = storeRecordSchema.safeParse(value);
      if (!parsed.success) return { ok: false, errors: zodProblems(parsed.error), keys };
      const s = parsed.data;
      return {
        ok: true,
        keys,
        row: {
          code: s.code,
          name: s.name,
          kind: s.kind ?? null,
          timezone: s.timezone,
          price_factor: s.price_factor,
          address: s.address,
          opening_hours: s.opening_hours ?? null,
          fulfillment: s.fulfillment,
          settings: s.settings ?? null,
        },
      };
    },
    async write(exec, rows) {
      const result = await exec<{ inserted: boolean }>(
        `INSERT INTO stores AS s (code, name, kind, timezone, price_factor, address, opening_hours, fulfillment, settings)
         SELECT r.code, r.name, r.kind, r.timezone, r.price_factor, r.address, r.opening_hours, r.fulfillment, r.settings
         FROM jsonb_to_recordset($1::jsonb) AS r(code text, name text, kind text, timezone text, price_factor real,
           address jsonb, opening_hours jsonb, fulfillment jsonb, settings jsonb)
         ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind, timezone = EXCLUDED.timezone,
           price_factor = EXCLUDED.price_factor, address = EXCLUDED.address, opening_hours = EXCLUDED.opening_hours,
           fulfillment = EXCLUDED.fulfillment, settings = COALESCE(EXCLUDED.settings, s.settings)
         WHERE (s.name, s.kind, s.timezone, s.price_factor, s.address, s.opening_hours, s.fulfillment)
           IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.kind, EXCLUDED.timezone, EXCLUDED.price_factor,
             EXCLUDED.address, EXCLUDED.opening_hours, EXCLUDED.fulfillment)
           OR (EXCLUDED.settings IS NOT NULL AND EXCLUDED.settings IS DISTINCT FROM s.settings)
         RETURNING (xmax = 0) AS inserted`,
        [JSON.stringify(rows)],
      );
      const inserted = result.filter((r) => r.inserted).length;
      return { inserted, updated: result.length - inserted };
    },
  };
}

// ---- offers (one JSON line per product a store sells) ----

export const offerRecordSchema = z
  .object({
    store: z.string().trim().min(1),
    gtin: z.string().trim().min(1).optional(),
    product_id: z.string().trim().min(1).optional(),
    stock: z.number().nonnegative("stock is negative").finite(),
    price: z.number().nonnegative("price is negative").finite().nullish(),
    promotion: promotionSchema.nullish(),
  })
  .refine((o) => o.gtin || o.product_id, {
    message: "an offer needs a gtin or a product_id",
    path: ["gtin"],
  });

type OfferRow = {
  store_code: string;
  /** The GTIN or product id as written; resolved to the product id by `check`. */
  ref: string;
  product_id: string;
  stock: number;
  price_cents: number | null;
  promotion: unknown;
};

/** Codes of the stores already imported (customers and offers must name one of them). */
export async function knownStores(exec: RawExec): Promise<Set<string>> {
  const rows = await exec<{ code: string }>("SELECT code FROM stores WHERE code <> $1", [""]);
  return new Set(rows.map((r) => r.code));
}

/** Product ids for GTINs or ids given in a file, one query per batch. */
export async function productIds(exec: RawExec, refs: string[]): Promise<Map<string, string>> {
  const rows = await exec<{ id: string; gtin: string | null }>(
    "SELECT id, gtin FROM products WHERE id = ANY($1::text[]) OR gtin = ANY($1::text[])",
    [refs],
  );
  const map = new Map<string, string>();
  for (const r of rows) {
    map.set(r.id, r.id);
    if (r.gtin) map.set(r.gtin, r.id);
  }
  return map;
}

export function offersImporter(): Importer<OfferRow> {
  let stores = new Set<string>();
  const storesInFile = new Set<string>();
  return {
    kind: "offers",
    async begin(exec) {
      stores = await knownStores(exec);
    },
    prepare(value): Prepared<OfferRow> {
      const parsed = offerRecordSchema.safeParse(value);
      const store = typeof value.store === "string" ? value.store.trim() : "";
      const ref = String(value.gtin ?? value.product_id ?? "").trim();
      const keys =
        store && ref
          ? [{ key: `o:${store}|${ref}`, field: "gtin", label: `offer for ${ref} in ${store}` }]
          : [];
      if (!parsed.success) return { ok: false, errors: zodProblems(parsed.error), keys };
      const o = parsed.data;
      if (!stores.has(o.store)) {
        return {
          ok: false,
          keys,
          errors: [
            {
              field: "store",
              reason: `unknown store "${o.store}" (import stores first)`,
              code: "unknown_store",
            },
          ],
        };
      }
      storesInFile.add(o.store);
      return {
        ok: true,
        keys,
        row: {
          store_code: o.store,
          ref,
          product_id: ref,
          stock: o.stock,
          price_cents: o.price === null || o.price === undefined ? null : Math.round(o.price * 100),
          promotion: o.promotion ?? null,
        },
      };
    },
    async check(exec, rows) {
      const ids = await productIds(
        exec,
        rows.map((r) => r.ref),
      );
      const problems = new Map<number, Problem[]>();
      rows.forEach((r, i) => {
        const id = ids.get(r.ref);
        if (id) r.product_id = id;
        else
          problems.set(i, [
            {
              field: r.ref.length ? "gtin" : "product_id",
              reason: `unknown product ${r.ref}`,
              code: "unknown_product",
            },
          ]);
      });
      return problems;
    },
    async write(exec, rows) {
      const result = await exec<{ inserted: boolean }>(
        `INSERT INTO offers AS o (store_code, product_id, stock, price_cents, promotion, updated_at)
         SELECT r.store_code, r.product_id, r.stock, r.price_cents, r.promotion, now()
         FROM jsonb_to_recordset($1::jsonb) AS r(store_code text, product_id text, stock real, price_cents integer, promotion jsonb)
         ON CONFLICT (store_code, product_id) DO UPDATE SET stock = EXCLUDED.stock, price_cents = EXCLUDED.price_cents,
           promotion = EXCLUDED.promotion, updated_at = now()
         WHERE (o.stock, o.price_cents, o.promotion) IS DISTINCT FROM (EXCLUDED.stock, EXCLUDED.price_cents, EXCLUDED.promotion)
         RETURNING (xmax = 0) AS inserted`,
        [JSON.stringify(rows.map(({ ref: _ref, ...r }) => r))],
      );
      const inserted = result.filter((r) => r.inserted).length;
      return { inserted, updated: result.length - inserted };
    },
    async finish(exec, { mode, changed, seenTable }) {
      let delisted = 0;
      if (mode === "full" && storesInFile.size > 0) {
        // A full offers file is the whole range of the stores it names: their other offers go.
        const rows = await exec<{ n: number }>(
          `WITH gone AS (
             DELETE FROM offers o WHERE o.store_code = ANY($1::text[])
               AND NOT EXISTS (SELECT 1 FROM ${seenTable} s WHERE s.key = 'o:' || o.store_code || '|' || o.product_id)
               AND NOT EXISTS (SELECT 1 FROM products p JOIN ${seenTable} s ON s.key = 'o:' || o.store_code || '|' || p.gtin
                               WHERE p.id = o.product_id)
             RETURNING 1)
           SELECT count(*)::int AS n FROM gone`,
          [[...storesInFile]],
        );
        delisted = Number(rows[0]?.n ?? 0);
      }
      if (!changed && delisted === 0) return { delisted };
      // Products did not change: the offers version moves, so nodes refresh stock, prices and
      // feeds without rebuilding their product index (the catalog version stays).
      return { delisted, offersVersion: await bumpOffersVersion(exec) };
    },
  };
}

export function importStores(
  db: Database,
  input: ImportInput,
  options?: ImportOptions,
): Promise<ImportReport> {
  return runImport(db, storesImporter(), input, { ...options, mode: "delta" });
}

export function importOffers(
  db: Database,
  input: ImportInput,
  options?: ImportOptions,
): Promise<ImportReport> {
  return runImport(db, offersImporter(), input, options);
}
