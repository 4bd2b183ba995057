import type { Database } from "../db/index.js";
import { offeredProductIds } from "./repository.js";

interface Entry {
  version: number;
  at: number;
  read: Promise<Set<string>>;
  /** The read's result, once in. */
  value?: Set<string>;
  /** The set of the entry this one replaced, served while `read` is in flight. */
  previous?: Set<string>;
}

/**
 * Which products each store sells, kept in memory so that a store-filtered search does not read
 * every offer row per request. Offers imports bump the offers version (CatalogService.offersVersion
 * on every node), so an entry is reused only for the same version; `ttlMs` is a safety net for
 * offers changed by other means.
 *
 * A store's set is one query over all its offers (hundreds of milliseconds at 100k products), and
 * offers change many times a day: an outdated set keeps being served while the new one is read
 * (started by `refresh` as soon as the node hears of the change), so no shopper's search waits
 * for it. Prices and stock are read per request anyway; only which products are listed can lag by
 * that one read. A store's first read is awaited.
 */
export class OfferedProductsCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly db: Database,
    private readonly ttlMs = 30_000,
  ) {}

  get(storeCode: string, offersVersion: number): Promise<Set<string>> {
    let entry = this.entries.get(storeCode);
    if (!entry || entry.version !== offersVersion || Date.now() - entry.at >= this.ttlMs)
      entry = this.load(storeCode, offersVersion, entry);
    const ready = entry.value ?? entry.previous;
    return ready ? Promise.resolve(ready) : entry.read;
  }

  /** Offers moved to `offersVersion`: start re-reading every store this node has cached. */
  refresh(offersVersion: number): void {
    for (const [storeCode, entry] of this.entries)
      if (entry.version !== offersVersion) this.load(storeCode, offersVersion, entry);
  }

  private load(storeCode: string, version: number, old: Entry | undefined): Entry {
    const entry: Entry = {
      version,
      at: Date.now(),
      read: offeredProductIds(this.db, storeCode),
      previous: old?.value ?? old?.previous,
    };
    entry.read.then(
      (ids) => {
        entry.value = ids;
        entry.previous = undefined;
      },
      () => {
        if (this.entries.get(storeCode) === entry) this.entries.delete(storeCode);
      },
    );
    this.entries.set(storeCode, entry);
    return entry;
  }
}
