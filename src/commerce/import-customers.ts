import { z } from "zod";
import {
  type ImportInput,
  type ImportOptions,
  type ImportReport,
  type Importer,
  type LineError,
  type Prepared,
  runImport,
} from "../catalog/index.js";
import type { Database, RawExec } from "../db/index.js";
import { knownStores, productIds } from "../stores/index.js";

type Problem = Omit<LineError, "line">;

/** A demo shopper as customers.fr.jsonl gives it, with how many times they bought each product. */
export const customerRecordSchema = z.object({
  id: z.string().trim().min(1).max(64),
  name: z.string().trim().min(1),
  email: z.email(),
  locale: z
    .string()
    .regex(/^[a-z]{2}(-[A-Z]{2})?$/, "expected a locale such as fr-FR")
    .default("fr-FR"),
  store: z.string().trim().min(1).nullish(),
  postal_code: z.string().trim().nullish(),
  history: z
    .array(
      z
        .object({
          gtin: z.string().trim().min(1).optional(),
          product_id: z.string().trim().min(1).optional(),
          times: z.number().int().nonnegative("times is negative"),
        })
        .refine((h) => h.gtin || h.product_id, { message: "a history entry needs a gtin or a product_id" }),
    )
    .default([]),
});

interface CustomerRow {
  id: string;
  name: string;
  email: string;
  locale: string;
  store_code: string | null;
  postal_code: string | null;
  history: { ref: string; product_id: string; times: number }[];
}

/** `full`: each line is the customer's whole purchase history (entries it no longer lists are removed). */
export function customersImporter({ full = false }: { full?: boolean } = {}): Importer<CustomerRow> {
  let stores = new Set<string>();
  return {
    kind: "customers",
    async begin(exec) {
      stores = await knownStores(exec);
    },
    prepare(value): Prepared<CustomerRow> {
      const id = typeof value.id === "string" ? value.id.trim() : "";
      const email = typeof value.email === "string" ? value.email.trim().toLowerCase() : "";
      const keys = [
        ...(id ? [{ key: `c:${id}`, field: "id", label: `customer ${id}` }] : []),
        ...(email ? [{ key: `e:${email}`, field: "email", label: `email ${email}` }] : []),
      ];
      const parsed = customerRecordSchema.safeParse(value);
      if (!parsed.success) {
        return {
          ok: false,
          keys,
          errors: parsed.error.issues.map((i) => ({
            field: i.path.join(".") || "(line)",
            reason: i.message,
            code: "invalid_field",
          })),
        };
      }
      const c = parsed.data;
      if (c.store && !stores.has(c.store)) {
        return {
          ok: false,
          keys,
          errors: [
            {
              field: "store",
              reason: `unknown store "${c.store}" (import stores first)`,
              code: "unknown_store",
            },
          ],
        };
      }
      return {
        ok: true,
        keys,
        row: {
          id: c.id,
          name: c.name,
          email: c.email.toLowerCase(),
          locale: c.locale,
          store_code: c.store ?? null,
          postal_code: c.postal_code ?? null,
          history: c.history.map((h) => {
            const ref = (h.gtin ?? h.product_id)!;
            return { ref, product_id: ref, times: h.times };
          }),
        },
      };
    },
    async check(exec, rows) {
      const refs = [...new Set(rows.flatMap((r) => r.history.map((h) => h.ref)))];
      const ids = await productIds(exec, refs);
      const problems = new Map<number, Problem[]>();
      rows.forEach((r, i) => {
        const list: Problem[] = [];
        r.history.forEach((h, j) => {
          const id = ids.get(h.ref);
          if (id) h.product_id = id;
          else
            list.push({
              field: `history.${j}.gtin`,
              reason: `unknown product ${h.ref}`,
              code: "unknown_product",
            });
        });
        if (list.length) problems.set(i, list);
      });
      return problems;
    },
    async write(exec: RawExec, rows) {
      const changedCustomers = await exec<{ id: string; inserted: boolean }>(
        `INSERT INTO customers AS c (id, name, email, locale, store_code, postal_code)
         SELECT r.id, r.name, r.email, r.locale, r.store_code, r.postal_code
         FROM jsonb_to_recordset($1::jsonb) AS r(id text, name text, email text, locale text, store_code text, postal_code text)
         ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, email = EXCLUDED.email, locale = EXCLUDED.locale,
           store_code = EXCLUDED.store_code, postal_code = EXCLUDED.postal_code
         WHERE (c.name, c.email, c.locale, c.store_code, c.postal_code)
           IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.email, EXCLUDED.locale, EXCLUDED.store_code, EXCLUDED.postal_code)
         RETURNING id, (xmax = 0) AS inserted`,
        [JSON.stringify(rows.map(({ history: _h, ...r }) => r))],
      );
      const history = rows.flatMap((r) =>
        r.history.map((h) => ({ customer_id: r.id, product_id: h.product_id, times: h.times })),
      );
      const changedHistory = await exec<{ customer_id: string }>(
        `INSERT INTO purchase_history AS h (customer_id, product_id, times)
         SELECT r.customer_id, r.product_id, max(r.times) FROM jsonb_to_recordset($1::jsonb)
           AS r(customer_id text, product_id text, times integer) GROUP BY 1, 2
         ON CONFLICT (customer_id, product_id) DO UPDATE SET times = EXCLUDED.times
         WHERE h.times IS DISTINCT FROM EXCLUDED.times
         RETURNING customer_id`,
        [JSON.stringify(history)],
      );
      const touched = new Set(changedHistory.map((h) => h.customer_id));
      if (full) {
        // A full file is each customer's whole history: drop what it no longer lists.
        const removed = await exec<{ customer_id: string }>(
          `DELETE FROM purchase_history h WHERE h.customer_id = ANY($1::text[])
             AND NOT EXISTS (SELECT 1 FROM jsonb_to_recordset($2::jsonb) AS r(customer_id text, product_id text)
                             WHERE r.customer_id = h.customer_id AND r.product_id = h.product_id)
           RETURNING customer_id`,
          [rows.map((r) => r.id), JSON.stringify(history)],
        );
        for (const r of removed) touched.add(r.customer_id);
      }
      const inserted = new Set(changedCustomers.filter((c) => c.inserted).map((c) => c.id));
      for (const c of changedCustomers) touched.add(c.id);
      return { inserted: inserted.size, updated: [...touched].filter((id) => !inserted.has(id)).length };
    },
  };
}

export function importCustomers(
  db: Database,
  input: ImportInput,
  options?: ImportOptions,
): Promise<ImportReport> {
  return runImport(db, customersImporter({ full: options?.mode === "full" }), input, options);
}
