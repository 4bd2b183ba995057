import type { Database } from "../db/index.js";
import type { Product } from "./product.js";
import { CATALOG_CHANGED_CHANNEL, loadActiveProducts, readCatalogVersion } from "./repository.js";

/** One loaded catalog: its version, its products and the index built over them. */
export interface CatalogSnapshot<I> {
  version: number;
  products: Product[];
  byId: Map<string, Product>;
  index: I;
  loadedAt: Date;
}

export interface CatalogServiceOptions<I> {
  /** Builds the in-memory index over the active products (search, resolution). */
  buildIndex: (products: Product[]) => I;
  /** Fallback poll of catalog_version, for a missed notification (dropped connection). 0 = off. */
  pollMs?: number;
  /** Where reload failures go (the server's logger); never throws into the caller. */
  onError?: (err: unknown) => void;
  onReload?: (snapshot: CatalogSnapshot<I>) => void;
}

/**
 * Holds the current in-memory catalog and keeps it in step with the database on every node:
 * it LISTENs on `catalog_changed` (PostgreSQL delivers across processes; PGlite within this
 * one) and polls `catalog_version` as a fallback. Reloads are serialised and coalesced, and a
 * new snapshot replaces the old one atomically, so readers never see half an index.
 */
export class CatalogService<I> {
  private current: CatalogSnapshot<I>;
  private running: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  private unlisten: (() => Promise<void>) | undefined;
  private stopped = false;

  private constructor(
    private readonly db: Database,
    private readonly options: CatalogServiceOptions<I>,
    first: CatalogSnapshot<I>,
  ) {
    this.current = first;
  }

  static async start<I>(db: Database, options: CatalogServiceOptions<I>): Promise<CatalogService<I>> {
    const first = await loadSnapshot(db, options.buildIndex);
    const service = new CatalogService(db, options, first);
    service.unlisten = await db.listen(CATALOG_CHANGED_CHANNEL, (payload) => {
      const announced = Number(payload);
      if (Number.isFinite(announced) && announced <= service.current.version) return;
      void service.refresh();
    });
    const pollMs = options.pollMs ?? 5000;
    if (pollMs > 0) {
      service.timer = setInterval(() => void service.refresh(), pollMs);
      service.timer.unref();
    }
    return service;
  }

  get snapshot(): CatalogSnapshot<I> {
    return this.current;
  }

  get version(): number {
    return this.current.version;
  }

  /**
   * Reloads when the database's catalog version differs from ours. Concurrent calls share the
   * running reload, and one more runs after it if a change was announced meanwhile.
   */
  refresh(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          await this.reloadIfChanged();
        } while (this.again && !this.stopped);
      } catch (err) {
        this.options.onError?.(err);
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  private async reloadIfChanged(): Promise<void> {
    const version = await readCatalogVersion(this.db);
    if (version === this.current.version) return;
    const next = await loadSnapshot(this.db, this.options.buildIndex);
    if (this.stopped) return;
    this.current = next;
    this.options.onReload?.(next);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.unlisten?.().catch(() => {});
    await this.running?.catch(() => {});
  }
}

async function loadSnapshot<I>(
  db: Database,
  buildIndex: (products: Product[]) => I,
): Promise<CatalogSnapshot<I>> {
  // Version first: a change landing between the two reads leaves us behind, and the next
  // refresh catches up; the other order could mark stale products as current.
  const version = await readCatalogVersion(db);
  const products = await loadActiveProducts(db);
  return {
    version,
    products,
    byId: new Map(products.map((p) => [p.id, p])),
    index: buildIndex(products),
    loadedAt: new Date(),
  };
}
