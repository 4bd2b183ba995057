// The import pipeline shared by every kind of file (catalog here; stores, offers and customers
// plug their importers into runImport from their own folders).
export * from "./types.js";
export { runImport, ImportAbortedError, SEEN_TABLE } from "./pipeline.js";
export { detectFormat, FormatError } from "./detect.js";
export { catalogImporter, problemToError } from "./catalog.js";

import type { Database } from "../../db/index.js";
import { catalogImporter } from "./catalog.js";
import { runImport } from "./pipeline.js";
import type { ImportInput, ImportOptions, ImportReport } from "./types.js";

/** Imports a catalog file (shared JSONL, CSV, or Open Food Facts) into products. */
export function importCatalog(
  db: Database,
  input: ImportInput,
  options?: ImportOptions,
): Promise<ImportReport> {
  return runImport(db, catalogImporter(), input, options);
}
