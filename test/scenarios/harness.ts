import { fileURLToPath } from "node:url";
import { loadActiveProducts } from "../../src/catalog/index.js";
import { type Commerce, createCommerce, importDemoData } from "../../src/commerce/index.js";
import type { Database } from "../../src/db/index.js";
import {
  createDialog,
  createEngineUnderstander,
  type DialogService,
  engineFor,
} from "../../src/dialog/index.js";
import { buildProductIndex } from "../../src/catalog/index.js";

export const DEMO_DIR = fileURLToPath(new URL("../../data/demo/", import.meta.url));

export interface Harness {
  db: Database;
  commerce: Commerce;
  dialog: DialogService;
  clock: { now: Date };
}

/** The demo store loaded once into `db`, with a dialog over the real understanding engine. */
export async function demoHarness(
  db: Database,
  start: Date,
  options: { load?: boolean } = {},
): Promise<Harness> {
  if (options.load !== false) await importDemoData(db, DEMO_DIR);
  const clock = { now: start };
  const now = () => clock.now;
  const commerce = createCommerce(db, { now });
  const index = buildProductIndex(await loadActiveProducts(db));
  const understander = createEngineUnderstander({ db, engine: () => engineFor(index) });
  const dialog = createDialog({ db, commerce, understander, now });
  return { db, commerce, dialog, clock };
}
