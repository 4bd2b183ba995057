import type { Database } from "../db/index.js";
import { offeredProductIds } from "./repository.js";

/**
 * Which products each store sells, kept in memory so that a store-filtered search does not read
 * every offer row per request. Offers imports bump the offers version (CatalogService.offersVersion
 * on every node), so an entry is reused only for the same version; `ttlMs` is a safety net for
 * offers changed by other means.
 */
export class OfferedProductsCache {
  private readonly entries = new Map<string, { version: number; at: number; ids: Promise<Set<string>> }>();

  constructor(
    private readonly db: Database,
    private readonly ttlMs = 30_000,
  ) {}

  get(storeCode: string, offersVersion: number): Promise<Set<string>> {
    const hit = this.entries.get(storeCode);
    const now = Date.now();
    if (hit && hit.version === offersVersion && now - hit.at < this.ttlMs) return hit.ids;
    const ids = offeredProductIds(this.db, storeCode);
    this.entries.set(storeCode, { version: offersVersion, at: now, ids });
    ids.catch(() => this.entries.delete(storeCode));
    return ids;
  }
}
