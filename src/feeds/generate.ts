import { existsSync, readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Database } from "../db/index.js";

import { isoInZone, startOfUtcDay } from "./format.js";
import { buildItem } from "./item.js";
import { type FeedReport, ReportBuilder } from "./report.js";
import { FileSink, type FileMeta, metaPath, NullSink, type Sink } from "./sink.js";
import { DEFAULT_BATCH, offerRowFrom, offersQuery, promotionsQuery, scan } from "./source.js";
import type { OfferRow } from "./types.js";
import { validateItem } from "./validate.js";
import {
  itemTsv,
  itemXml,
  type LocalInventoryLine,
  LOCAL_INVENTORY_HEADER,
  localInventoryTsv,
  PRODUCT_TSV_HEADER,
  PROMOTION_END,
  type PromotionEntry,
  promotionHeadXml,
  promotionItemIdXml,
  RSS_FOOTER,
  rssHeader,
} from "./writers.js";

export type FeedKind = "products.xml" | "products.tsv" | "local-inventory.tsv" | "promotions.xml";

export class FeedError extends Error {
  constructor(
    readonly code: "unknown_store" | "store_required",
    message: string,
  ) {
    super(message);
  }
}

export interface FeedGeneratorOptions {
  /** Folder of the generated files (PANIER_DATA_DIR/feeds). */
  dir: string;
  /** PANIER_PUBLIC_URL, the base of every link. */
  publicUrl: string;
  now?: () => Date;
  batchSize?: number;
  log?: (message: string, data?: Record<string, unknown>) => void;
}

export interface GenerationResult {
  generatedAt: string;
  durationMs: number;
  reports: FeedReport[];
  promotions: { promotions: number; items: number };
}

/** File name of a feed: one per store, "all" for the chain-wide product feed. */
export function feedFileName(kind: FeedKind | "health.json", store: string | null): string {
  const [base, ext] = kind.split(".") as [string, string];
  if (kind === "promotions.xml") return "promotions.xml";
  // Store codes come from imported data: keep them to safe file-name characters.
  const key =
    store === null
      ? "all"
      : `s-${store.replace(/[^A-Za-z0-9_-]/g, (c) => `~${c.charCodeAt(0).toString(16)}`)}`;
  return `${base}-${key}.${ext}`;
}

/**
 * Writes the Merchant Center feeds from the database. Each product feed is one streamed scan that
 * builds every item, validates it, writes the items that pass to the XML, TSV and local inventory
 * files at once, and keeps the validation report (health) beside them.
 */
export class FeedGenerator {
  private running: Promise<GenerationResult> | null = null;
  private pending: Promise<GenerationResult> | null = null;
  private readonly now: () => Date;

  constructor(
    private readonly db: Database,
    readonly options: FeedGeneratorOptions,
  ) {
    this.now = options.now ?? (() => new Date());
  }

  path(kind: FeedKind | "health.json", store: string | null): string {
    return join(this.options.dir, feedFileName(kind, store));
  }

  /** The meta (ETag, Last-Modified) of a generated file, or null when it does not exist yet. */
  meta(kind: FeedKind, store: string | null): FileMeta | null {
    try {
      return JSON.parse(readFileSync(metaPath(this.path(kind, store)), "utf8")) as FileMeta;
    } catch {
      return null;
    }
  }

  async report(store: string | null): Promise<FeedReport | null> {
    try {
      return JSON.parse(await readFile(this.path("health.json", store), "utf8")) as FeedReport;
    } catch {
      return null;
    }
  }

  /** Whether every feed file exists (the server generates at start when one is missing). */
  async complete(): Promise<boolean> {
    const stores = await this.stores();
    const files = [this.path("promotions.xml", null), this.path("products.xml", null)];
    for (const s of stores)
      files.push(this.path("products.xml", s.code), this.path("local-inventory.tsv", s.code));
    return files.every((f) => existsSync(f) && existsSync(metaPath(f)));
  }

  async stores(): Promise<{ code: string; name: string }[]> {
    return this.db.query<{ code: string; name: string }>("SELECT code, name FROM stores ORDER BY code");
  }

  async storeExists(code: string): Promise<boolean> {
    return (await this.db.query("SELECT 1 FROM stores WHERE code = $1", [code])).length > 0;
  }

  /**
   * Regenerates every feed. Runs one at a time: a request while a run is going queues exactly one
   * more run (catalog changes during a run are not lost), further requests share that one.
   */
  generateAll(): Promise<GenerationResult> {
    if (!this.running) {
      this.running = this.runAll().finally(() => {
        this.running = null;
      });
      return this.running;
    }
    if (!this.pending) {
      const after = this.running.catch(() => undefined);
      this.pending = after.then(() => {
        this.pending = null;
        return this.generateAll();
      });
    }
    return this.pending;
  }

  /** Resolves once no generation is running or queued (shutdown waits for it). */
  async settled(): Promise<void> {
    while (this.running || this.pending) await (this.pending ?? this.running)?.catch(() => undefined);
  }

  /** Whether a generation is running now. */
  get busy(): boolean {
    return this.running !== null;
  }

  private async runAll(): Promise<GenerationResult> {
    const started = Date.now();
    const reports: FeedReport[] = [];
    for (const store of [null, ...(await this.stores()).map((s) => s.code)]) {
      reports.push(await this.writeProductFiles(store));
    }
    const promoSink = new FileSink(this.path("promotions.xml", null));
    let promotions: GenerationResult["promotions"];
    try {
      promotions = await this.promotions(promoSink);
      await promoSink.commit(this.now());
    } catch (err) {
      await promoSink.abort();
      throw err;
    }
    const result = {
      generatedAt: this.now().toISOString(),
      durationMs: Date.now() - started,
      reports,
      promotions,
    };
    this.options.log?.("feeds generated", {
      durationMs: result.durationMs,
      feeds: reports.map((r) => ({ store: r.store, emitted: r.emitted, withErrors: r.withErrors })),
    });
    return result;
  }

  /** Product XML + TSV (+ local inventory for a store) and the health report, replacing the old files. */
  async writeProductFiles(store: string | null): Promise<FeedReport> {
    const xml = new FileSink(this.path("products.xml", store));
    const tsv = new FileSink(this.path("products.tsv", store));
    const local = store ? new FileSink(this.path("local-inventory.tsv", store)) : undefined;
    const sinks = [xml, tsv, ...(local ? [local] : [])];
    try {
      const report = await this.products(store, { xml, tsv, local });
      const now = this.now();
      for (const s of sinks) await s.commit(now);
      const health = new FileSink(this.path("health.json", store));
      await health.write(JSON.stringify(report));
      await health.commit(now);
      return report;
    } catch (err) {
      for (const s of sinks) await s.abort();
      throw err;
    }
  }

  /** Validation only: the same scan and checks, nothing written. */
  validate(store: string | null): Promise<FeedReport> {
    return this.products(store, { xml: new NullSink() });
  }

  /**
   * The product feed scan. Items with errors are reported and left out; the rest go to every sink
   * given. A store's feed carries that store's prices, promotions and stock.
   */
  async products(store: string | null, sinks: { xml?: Sink; tsv?: Sink; local?: Sink }): Promise<FeedReport> {
    let storeName = "toutes les enseignes";
    if (store !== null) {
      const rows = await this.db.query<{ name: string }>("SELECT name FROM stores WHERE code = $1", [store]);
      if (rows.length === 0) throw new FeedError("unknown_store", `No store has the code "${store}"`);
      storeName = rows[0]!.name;
    }
    const now = this.now();
    const publicUrl = this.options.publicUrl.replace(/\/+$/, "");
    const publicUrlIsHttps = publicUrl.startsWith("https://");
    const report = new ReportBuilder(store ? `products-${store}` : "products-all", store);
    if (!publicUrlIsHttps) {
      report.notice(
        "public_url_not_https",
        "warning",
        `PANIER_PUBLIC_URL is ${publicUrl}: Merchant Center only accepts https product links. ` +
          "Set PANIER_PUBLIC_URL to the storefront's public https address before submitting these feeds.",
      );
    }
    await sinks.xml?.write(rssHeader(`Panier — ${storeName}`, publicUrl, `Produits de ${storeName}`));
    await sinks.tsv?.write(PRODUCT_TSV_HEADER);
    await sinks.local?.write(LOCAL_INVENTORY_HEADER);
    let currency: string | null = null;
    await scan(
      this.db,
      offersQuery(store),
      async (rows) => {
        let xml = "";
        let tsv = "";
        let local = "";
        let emitted = 0;
        for (const raw of rows) {
          const row = offerRowFrom(raw);
          currency ??= row.product.currency;
          const { item, facts } = buildItem(row, { publicUrl, now });
          const problems = validateItem(item, facts, currency, { publicUrlIsHttps });
          if (!report.add(item.id, item.title, problems)) continue;
          emitted++;
          if (sinks.xml) xml += itemXml(item);
          if (sinks.tsv) tsv += itemTsv(item);
          if (sinks.local)
            local += localInventoryTsv(
              localInventoryLine(row, item.price, item.sale_price, item.sale_price_effective_date),
            );
        }
        for (const [sink, text] of [
          [sinks.xml, xml],
          [sinks.tsv, tsv],
          [sinks.local, local],
        ] as const) {
          if (!sink) continue;
          sink.items += emitted;
          await sink.write(text);
        }
      },
      this.options.batchSize ?? DEFAULT_BATCH,
    );
    await sinks.xml?.write(RSS_FOOTER);
    return report.finish(now);
  }

  /** The promotions feed: one promotion per store and distinct offer promotion, listing its items. */
  async promotions(sink: Sink): Promise<{ promotions: number; items: number }> {
    const now = this.now();
    const publicUrl = this.options.publicUrl.replace(/\/+$/, "");
    await sink.write(rssHeader("Panier — promotions", publicUrl, "Promotions des magasins"));
    let open: string | null = null;
    let promotions = 0;
    let items = 0;
    await scan(this.db, promotionsQuery(), async (rows) => {
      let out = "";
      for (const raw of rows) {
        const row = offerRowFrom(raw);
        const promo = row.promotion;
        // Ended promotions are dropped; future ones are announced with their dates.
        if (!promo || (promo.ends_at && Date.parse(promo.ends_at) <= now.getTime())) continue;
        const groupKey = `${row.storeCode}/${String(raw.promo_key)}`;
        if (groupKey !== open) {
          if (open) out += PROMOTION_END;
          open = groupKey;
          promotions++;
          out += promotionHeadXml(promotionEntry(row, String(raw.promo_key), now));
        }
        out += promotionItemIdXml(row.product.id);
        items++;
      }
      sink.items = promotions;
      await sink.write(out);
    });
    if (open) await sink.write(PROMOTION_END);
    await sink.write(RSS_FOOTER);
    return { promotions, items };
  }
}

/** pickup_sla from the store's pickup window: orders close 2 h before a slot starts. */
function pickupSla(pickup: OfferRow["pickup"]): "same_day" | "next_day" {
  if (!pickup) return "next_day";
  const minutes = (hhmm: string) => {
    const [h, m] = hhmm.split(":").map(Number);
    return (h ?? 0) * 60 + (m ?? 0);
  };
  return minutes(pickup.to) - minutes(pickup.from) > 120 ? "same_day" : "next_day";
}

export function localInventoryLine(
  row: OfferRow,
  price: string,
  salePrice?: string,
  saleDates?: string,
): LocalInventoryLine {
  return {
    store_code: row.storeCode,
    id: row.product.id,
    // Whole selling units (kilograms for goods sold by weight): what is in stock counts as at
    // least one, so quantity and availability never disagree.
    quantity: String(row.stock > 0 ? Math.max(1, Math.floor(row.stock)) : 0),
    price,
    sale_price: salePrice,
    sale_price_effective_date: saleDates,
    availability: row.stock > 0 ? "in_stock" : "out_of_stock",
    pickup_method: row.pickup ? "buy" : "not_supported",
    pickup_sla: row.pickup ? pickupSla(row.pickup) : undefined,
  };
}

function promotionEntry(row: OfferRow, key: string, now: Date): Omit<PromotionEntry, "item_ids"> {
  const promo = row.promotion!;
  const start = promo.starts_at ? new Date(promo.starts_at) : startOfUtcDay(now);
  // An always-on promotion is announced for 30 days; the daily regeneration rolls it forward.
  const end = promo.ends_at
    ? new Date(promo.ends_at)
    : new Date(startOfUtcDay(now).getTime() + 30 * 86_400_000);
  const label = promo.label ?? defaultLabel(promo);
  const base = {
    promotion_id: `${row.storeCode}-${promo.type}-${key.slice(0, 10)}`.slice(0, 50),
    product_applicability: "specific_products" as const,
    offer_type: "no_code" as const,
    long_title: `${label} — ${row.storeName}`.slice(0, 60),
    promotion_effective_dates: `${isoInZone(start, row.storeTimezone)}/${isoInZone(end, row.storeTimezone)}`,
    redemption_channel: "online" as const,
  };
  if (promo.type === "percent")
    return { ...base, coupon_value_type: "percent_off", percent_off: String(promo.value) };
  if (promo.type === "second_item_percent") {
    return {
      ...base,
      coupon_value_type: "buy_m_get_n_percent_off",
      minimum_purchase_quantity: "1",
      get_this_quantity_discounted: "1",
      percent_off: String(promo.value),
    };
  }
  // "3 pour 2": buy `pay` items, get `buy - pay` more at 100 % off.
  return {
    ...base,
    coupon_value_type: "buy_m_get_n_percent_off",
    minimum_purchase_quantity: String(promo.pay),
    get_this_quantity_discounted: String(promo.buy - promo.pay),
    percent_off: "100",
  };
}

function defaultLabel(promo: NonNullable<OfferRow["promotion"]>): string {
  if (promo.type === "percent") return `-${promo.value}%`;
  if (promo.type === "second_item_percent") return `-${promo.value}% sur le 2e`;
  return `${promo.buy} pour ${promo.pay}`;
}
