import { fileURLToPath } from "node:url";
import type { ImportReport } from "../catalog/index.js";
import { importDemoData } from "../commerce/index.js";
import type { Database } from "../db/index.js";
import { setDemoPasswords } from "../identity/index.js";

/** The shared reference data copied into the repository (data/demo). */
export const DEMO_DIR = fileURLToPath(new URL("../../data/demo/", import.meta.url));

export interface DemoLoadReport {
  products: number;
  stores: number;
  offers: number;
  customers: number;
}

/**
 * Loads the demo store through the import pipeline (stores, catalog, offers, customers, each one
 * transaction). Delta mode: loading into a database that already has other data adds the demo
 * without delisting anything, and loading twice changes nothing. Demo shoppers get the demo
 * password (docs/demo-accounts.md).
 */
export async function loadDemoData(db: Database, dir: string = DEMO_DIR): Promise<DemoLoadReport> {
  const reports = await importDemoData(db, dir, { mode: "delta" });
  const failed = reports.find((r) => !r.committed);
  if (failed) {
    const first = failed.errors[0];
    throw new Error(
      `The demo ${failed.kind} file did not import (${failed.badLines} bad lines${
        first ? `; line ${first.line}: ${first.field}: ${first.reason}` : ""
      })`,
    );
  }
  // The demo shoppers can sign in with the documented demo password (docs/demo-accounts.md).
  await setDemoPasswords(db);
  const count = (kind: ImportReport["kind"]) => {
    const r = reports.find((x) => x.kind === kind);
    return r ? r.read : 0;
  };
  return {
    products: count("catalog"),
    stores: count("stores"),
    offers: count("offers"),
    customers: count("customers"),
  };
}
