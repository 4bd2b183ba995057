// Commerce: carts, pricing and promotions, orders and their states, purchase history, reorder.
// Other folders call createCommerce(db) and use the services it returns.
import type { Database } from "../db/index.js";
import { createSlots, type SlotService } from "../stores/index.js";
import { type CartService, createCarts } from "./carts.js";
import { type VatRules, defaultVatRules } from "./vat.js";

export { DomainError as CommerceError } from "../stores/index.js";
export type { Amount, Cart, CartLine, CartService, Substitution } from "./carts.js";
export type { FeeRules, PricedLine, PricedProduct, Totals } from "./pricing.js";
export { priceLine, promotionSaving, totals } from "./pricing.js";
export type { Alternative } from "./products.js";
export { type CartSummaryLine, type CartSummaryShape, EMPTY_CART_SUMMARY, toCartSummary } from "./summary.js";
export {
  type VatLine,
  type VatRules,
  defaultVatRules,
  vatBreakdown,
  vatRateFor,
  vatRulesFromJson,
} from "./vat.js";

export interface CommerceOptions {
  /** The clock; tests inject one so that holds, cut-offs and promotions dates are testable. */
  now?: () => Date;
  vat?: VatRules;
  /** Shared with the HTTP slot routes so that both see the same clock. */
  slots?: SlotService;
}

export interface Commerce {
  carts: CartService;
  slots: SlotService;
  now: () => Date;
}

export function createCommerce(db: Database, options: CommerceOptions = {}): Commerce {
  const now = options.now ?? (() => new Date());
  const slots = options.slots ?? createSlots(db, { now });
  const vat = options.vat ?? defaultVatRules();
  const carts = createCarts({ db, slots, vat, now });
  return { carts, slots, now };
}
export { importFile, importDemoData, IMPORT_KINDS } from "./import-file.js";
export { importCustomers, customersImporter, customerRecordSchema } from "./import-customers.js";
