import type { ProductIndex } from "../catalog/index.js";
import type { Database } from "../db/index.js";
import { fold } from "../language/index.js";
import { type Engine, amountFor, createEngine } from "../resolution/index.js";
import type { Candidate, Understander, Understanding } from "./ports.js";

/**
 * Below this resolution confidence the dialog asks rather than picks. Resolution gives 0.85 and
 * up when the shopper named the kind or product or it is their usual one, 0.75 for the most
 * popular of the kind said (also what a fully specified "lait demi-écrémé Lactel 1 L" gets while
 * an organic variant exists, where asking would be wrong), 0.65 when it chose between kinds,
 * and less when words said matched nothing.
 */
export const ASK_BELOW = 0.7;
/** Checkout and cancellations move stock without an offers version: keep their lag short. */
const STOCK_TTL_MS = 3000;

export interface EngineUnderstanderOptions {
  db: Database;
  /** The engine over the current catalog (it changes when the catalog is re-imported). */
  engine: () => Engine;
  /**
   * The offers version this node knows (CatalogService.offersVersion): a store's stock map is
   * re-read as soon as it moves (an offers import), not up to STOCK_TTL_MS later.
   */
  offersVersion?: () => number;
  askBelow?: number;
}

/** Engines per catalog index, so that a reload gets a new engine and the old one is dropped. */
const engines = new WeakMap<ProductIndex, Engine>();

export function engineFor(index: ProductIndex): Engine {
  let e = engines.get(index);
  if (!e) {
    e = createEngine(index);
    engines.set(index, e);
  }
  return e;
}

/**
 * The understanding engine as the dialog uses it: the shopper's purchase history and the
 * store's stock come from the database, and each mention's winner and runners-up become the
 * options the dialog may read out.
 */
export function createEngineUnderstander(options: EngineUnderstanderOptions): Understander {
  const askBelow = options.askBelow ?? ASK_BELOW;
  const stockCache = new Map<string, { at: number; version: number; stock: Map<string, number> }>();

  async function stockOf(storeCode: string): Promise<Map<string, number>> {
    const hit = stockCache.get(storeCode);
    // Read before the query: offers changing meanwhile leave this entry keyed on the old version.
    const version = options.offersVersion?.() ?? 0;
    if (hit && hit.version === version && Date.now() - hit.at < STOCK_TTL_MS) return hit.stock;
    const rows = await options.db.query<{ product_id: string; stock: number }>(
      "SELECT product_id, stock FROM offers WHERE store_code = $1",
      [storeCode],
    );
    const stock = new Map(rows.map((r) => [r.product_id, Number(r.stock)]));
    stockCache.set(storeCode, { at: Date.now(), version, stock });
    return stock;
  }

  async function historyOf(customerId: string | null): Promise<Map<string, number> | undefined> {
    if (!customerId) return undefined;
    const rows = await options.db.query<{ product_id: string; times: number }>(
      "SELECT product_id, times FROM purchase_history WHERE customer_id = $1",
      [customerId],
    );
    return new Map(rows.map((r) => [r.product_id, Number(r.times)]));
  }

  return {
    async understand(input): Promise<Understanding> {
      const [stock, history] = await Promise.all([stockOf(input.storeCode), historyOf(input.customerId)]);
      const sold = new Set(stock.keys());
      const result = options
        .engine()
        .understand({ text: input.text, locale: input.locale, history, stock, sold });
      const forAdd = result.intent !== "remove_from_cart" && result.intent !== "product_info";
      const items = result.items.map((item) => {
        const first: Candidate = {
          product: item.product,
          ...(item.weightG !== undefined ? { weightG: item.weightG } : {}),
          ...(item.quantity !== undefined ? { quantity: item.quantity } : {}),
        };
        const others: Candidate[] = item.alternatives.map((p) => ({
          product: p,
          ...amountFor(p, item.mention, forAdd),
        }));
        const m = item.mention;
        return {
          text: mentionText(m, input.text),
          candidates: [first, ...others],
          confident: item.confidence >= askBelow,
          ...(m.count !== null && m.amount === null ? { saidQuantity: m.count } : {}),
          ...(m.amount?.unit === "g" ? { saidWeightG: m.amount.value } : {}),
        };
      });
      for (const m of result.unmatched)
        items.push({ text: mentionText(m, input.text), candidates: [], confident: false });
      return {
        intent: result.intent,
        items,
        ...(result.quantity !== null ? { quantity: result.quantity } : {}),
      };
    },
  };
}

/**
 * What the shopper called the product, as they wrote it ("bière", not the folded "biere"),
 * without the verb the mention may start with: the span of the utterance its words cover.
 */
function mentionText(m: { text: string; words: string[] }, said: string): string {
  if (m.words.length === 0) return m.text;
  const original = said.split(/[\s']+/).filter(Boolean);
  const folded = original.map((w) => fold(w).replace(/[^\p{L}\p{N}-]/gu, ""));
  const first = folded.indexOf(m.words[0]!);
  const last = folded.lastIndexOf(m.words[m.words.length - 1]!);
  if (first < 0 || last < first || last - first > m.words.length + 3) return m.words.join(" ");
  return original
    .slice(first, last + 1)
    .join(" ")
    .replace(/[.,;!?]+$/, "");
}
