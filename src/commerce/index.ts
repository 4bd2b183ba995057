// Commerce: carts, pricing and promotions, orders and their states, purchase history, reorder.
// Other folders call createCommerce(db) and use the services it returns.
import type { Database } from "../db/index.js";
import { createSlots, type SlotService } from "../stores/index.js";
import { type CartService, createCarts } from "./carts.js";
import { type CheckoutInput, type CheckoutResult, createCheckout } from "./checkout.js";
import { type CustomerService, createCustomers } from "./customers.js";
import { type HistoryService, type ReorderService, createHistory, createReorder } from "./history.js";
import { type OrderService, createOrders } from "./order-states.js";
import { type PaymentProvider, payAtFulfilment } from "./payment.js";
import { type VatRules, defaultVatRules } from "./vat.js";

export { DomainError as CommerceError } from "../stores/index.js";
export type { Amount, Cart, CartLine, CartService, Substitution } from "./carts.js";
export type { FeeRules, PricedLine, PricedProduct, Totals } from "./pricing.js";
export { priceLine, promotionSaving, totals } from "./pricing.js";
export type { Alternative } from "./products.js";
export type { CheckoutInput, CheckoutResult } from "./checkout.js";
export type { CustomerService } from "./customers.js";
export type { Order, OrderAmounts, OrderLine, OrderStatus } from "./order-read.js";
export type { Actor, OrderService } from "./order-states.js";
export { type PaymentProvider, type PaymentStatus, payAtFulfilment } from "./payment.js";
export type { HistoryService, ReorderResult, ReorderService, UsualProduct } from "./history.js";
export {
  type CartSummaryLine,
  type CartSummaryShape,
  EMPTY_CART_SUMMARY,
  lineHead,
  toCartSummary,
} from "./summary.js";
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
  /** How orders are paid; pay at delivery or pickup by default. */
  payment?: PaymentProvider;
}

export interface Commerce {
  carts: CartService;
  slots: SlotService;
  /** Places an order from a held cart; idempotent per shopper and Idempotency-Key. */
  checkout: (input: CheckoutInput) => Promise<CheckoutResult>;
  orders: OrderService;
  history: HistoryService;
  reorder: ReorderService;
  /** Saved delivery addresses. */
  customers: CustomerService;
  now: () => Date;
}

export function createCommerce(db: Database, options: CommerceOptions = {}): Commerce {
  const now = options.now ?? (() => new Date());
  const slots = options.slots ?? createSlots(db, { now });
  const vat = options.vat ?? defaultVatRules();
  const payment = options.payment ?? payAtFulfilment;
  const carts = createCarts({ db, slots, vat, now });
  const checkout = createCheckout({ db, carts, slots, payment, vat, now });
  const orders = createOrders({ db, slots, payment, vat, now });
  const history = createHistory(db);
  const reorder = createReorder(db, carts, history);
  return { carts, slots, checkout, orders, history, reorder, customers: createCustomers(db), now };
}
export { importFile, importDemoData, IMPORT_KINDS } from "./import-file.js";
export { IDEMPOTENCY_KEEP_MS, purgeExpired as purgeExpiredCommerce } from "./purge.js";
export { importCustomers, customersImporter, customerRecordSchema } from "./import-customers.js";
