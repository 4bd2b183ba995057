import type { Database } from "../db/index.js";
import type { Product } from "./product.js";
import {
  CATALOG_CHANGED_CHANNEL,
  type CatalogChange,
  loadActiveProducts,
  parseCatalogChange,
  readCatalogVersions,
} from "./repository.js";

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
  /** Fallback poll of both versions, for a missed notification (dropped connection). 0 = off. */
  pollMs?: number;
  /** Where reload failures go (the server's logger); never throws into the caller. */
  onError?: (err: unknown) => void;
  /** A new snapshot (index rebuilt) is in place. */
  onReload?: (snapshot: CatalogSnapshot<I>) => void;
}

/** Called when this node learns of a change, before any rebuild it causes. */
export type CatalogChangeListener = (change: CatalogChange) => void;

/**
 * Holds the current in-memory catalog and keeps it in step with the database on every node:
 * it LISTENs on `catalog_changed` (PostgreSQL delivers across processes; PGlite within this
 * one) and polls the catalog_version row as a fallback. Reloads are serialised and coalesced, and
 * a new snapshot replaces the old one atomically, so readers never see half an index.
 *
 * Two versions are tracked. A product change (catalog version) rebuilds the index. An offers
 * change (offers version: price, promotion, stock, sent many times a day) only moves
 * `offersVersion`, which caches of offers key on, and tells listeners: rebuilding the index for
 * it would cost seconds per node at 100k products for products that did not change.
 */
export class CatalogService<I> {
  private current: CatalogSnapshot<I>;
  private offers: number;
  private builds = 1;
  private readonly listeners = new Set<CatalogChangeListener>();
  private running: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  private unlisten: (() => Promise<void>) | undefined;
  private stopped = false;

  private constructor(
    private readonly db: Database,
    private readonly options: CatalogServiceOptions<I>,
    first: CatalogSnapshot<I>,
    offersVersion: number,
  ) {
    this.current = first;
    this.offers = offersVersion;
  }

  static async start<I>(db: Database, options: CatalogServiceOptions<I>): Promise<CatalogService<I>> {
    // Offers version before the snapshot, for the same reason as in loadSnapshot.
    const { offers } = await readCatalogVersions(db);
    const first = await loadSnapshot(db, options.buildIndex);
    const service = new CatalogService(db, options, first, offers);
    service.unlisten = await db.listen(CATALOG_CHANGED_CHANNEL, (payload) => {
      const change = parseCatalogChange(payload);
      if (change && change.version <= service.versionOf(change.kind)) return;
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

  /** The catalog (products) version the current index was built from. */
  get version(): number {
    return this.current.version;
  }

  /** The offers version this node last saw: key caches of offers (stock, what a store sells) on it. */
  get offersVersion(): number {
    return this.offers;
  }

  /** How many indexes this node has built (1 at start): offers changes leave it alone. */
  get buildCount(): number {
    return this.builds;
  }

  /**
   * Hears every change this node picks up, by notification or by the fallback poll (so feeds
   * regenerate even after a missed notification). Returns the unsubscribe function.
   */
  onChange(listener: CatalogChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Catches up with the database's versions: rebuilds the index when the catalog version moved,
   * only records the offers version when that alone moved. Concurrent calls share the running
   * refresh, and one more runs after it if a change was announced meanwhile.
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

  private versionOf(kind: CatalogChange["kind"]): number {
    return kind === "offers" ? this.offers : this.current.version;
  }

  private async reloadIfChanged(): Promise<void> {
    const versions = await readCatalogVersions(this.db);
    if (this.stopped) return;
    // Offers first: they are cheap, and stock/prices should not wait for an index build.
    if (versions.offers !== this.offers) {
      this.offers = versions.offers;
      this.emit({ kind: "offers", version: versions.offers });
    }
    if (versions.catalog === this.current.version) return;
    this.emit({ kind: "catalog", version: versions.catalog });
    const next = await loadSnapshot(this.db, this.options.buildIndex);
    if (this.stopped) return;
    this.current = next;
    this.builds++;
    this.options.onReload?.(next);
  }

  private emit(change: CatalogChange): void {
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch (err) {
        this.options.onError?.(err);
      }
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.listeners.clear();
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
  const { catalog: version } = await readCatalogVersions(db);
  const products = await loadActiveProducts(db);
  return {
    version,
    products,
    byId: new Map(products.map((p) => [p.id, p])),
    index: buildIndex(products),
    loadedAt: new Date(),
  };
}
