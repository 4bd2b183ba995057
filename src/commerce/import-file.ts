import { join } from "node:path";
import {
  importCatalog,
  type ImportInput,
  type ImportKind,
  type ImportOptions,
  type ImportReport,
} from "../catalog/index.js";
import type { Database } from "../db/index.js";
import { importOffers, importStores } from "../stores/index.js";
import { importCustomers } from "./import-customers.js";

export const IMPORT_KINDS: readonly ImportKind[] = ["catalog", "stores", "offers", "customers"];

/**
 * The one entry point for every import (CLI, admin API, demo data): reads `input` (a path or a
 * stream), detects its format by content, and commits whole — or not at all when it has more bad
 * lines than `options.maxErrors` (default 0). Rejects with ImportAbortedError when
 * `options.signal` aborts (nothing changed), FormatError when the content is no known format.
 * Order matters between kinds: stores, then catalog, then offers and customers (they refer to both).
 */
export function importFile(
  db: Database,
  kind: ImportKind,
  input: ImportInput,
  options: ImportOptions = {},
): Promise<ImportReport> {
  switch (kind) {
    case "catalog":
      return importCatalog(db, input, options);
    case "stores":
      return importStores(db, input, options);
    case "offers":
      return importOffers(db, input, options);
    case "customers":
      return importCustomers(db, input, options);
    default:
      throw new Error(`Unknown import kind "${kind as string}": expected ${IMPORT_KINDS.join(", ")}`);
  }
}

/** The demo files in `dir` (data/demo), in the order their references need. */
export async function importDemoData(
  db: Database,
  dir: string,
  options: Omit<ImportOptions, "format"> = {},
): Promise<ImportReport[]> {
  const files: [ImportKind, string][] = [
    ["stores", "stores.fr.json"],
    ["catalog", "catalog.fr.jsonl"],
    ["offers", "offers.fr.jsonl"],
    ["customers", "customers.fr.jsonl"],
  ];
  const reports: ImportReport[] = [];
  for (const [kind, name] of files) reports.push(await importFile(db, kind, join(dir, name), options));
  return reports;
}
