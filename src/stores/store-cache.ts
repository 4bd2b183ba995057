import type { Database } from "../db/index.js";
import { findStore } from "./repository.js";
import type { Store } from "./store.js";

/**
 * Stores change rarely (a stores import) but every store-scoped search reads one: keep each for
 * `ttlMs` so that a search costs no extra query. Unknown codes are not cached, so a store just
 * imported is found at once; a changed one shows within `ttlMs` on every node.
 */
export class StoreCache {
  private readonly entries = new Map<string, { at: number; store: Promise<Store | null> }>();

  constructor(
    private readonly db: Database,
    private readonly ttlMs = 5000,
  ) {}

  get(code: string): Promise<Store | null> {
    const hit = this.entries.get(code);
    const now = Date.now();
    if (hit && now - hit.at < this.ttlMs) return hit.store;
    const store = findStore(this.db, code);
    this.entries.set(code, { at: now, store });
    store.then(
      (s) => {
        if (!s) this.entries.delete(code);
      },
      () => this.entries.delete(code),
    );
    return store;
  }
}
