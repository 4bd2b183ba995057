import type { Exec, FulfilmentMode } from "../stores/index.js";
import type { DeliveryAddress } from "../stores/index.js";
import type { PaymentStatus } from "./payment.js";
import type { Substitution } from "./carts.js";
import { type VatLine, type VatRules, vatBreakdown } from "./vat.js";

export type OrderStatus = "placed" | "preparing" | "ready" | "out_for_delivery" | "completed" | "cancelled";

export interface OrderLine {
  position: number;
  productId: string;
  gtin: string | null;
  name: string;
  soldBy: string;
  quantity: number | null;
  /** Estimated weight (what the shopper asked for). */
  weightG: number | null;
  /** Weighed by the store when preparing. */
  finalWeightG: number | null;
  /** Per selling unit, or per kg when sold by weight. */
  unitPriceCents: number;
  promotion: unknown;
  savingCents: number;
  /** Estimated (weighed lines) or exact line total at checkout. */
  totalCents: number;
  finalTotalCents: number | null;
  vatRate: number;
  substitution: Substitution;
}

export interface OrderAmounts {
  itemsCents: number;
  feeCents: number;
  totalCents: number;
  vat: VatLine[];
}

export interface Order {
  id: string;
  customerId: string;
  storeCode: string;
  cartId: string;
  mode: FulfilmentMode;
  slot: { id: string; startsAt: Date; endsAt: Date };
  /** The shopper may cancel until then. */
  cutoffAt: Date;
  address: DeliveryAddress | null;
  status: OrderStatus;
  payment: { method: string; status: PaymentStatus };
  lines: OrderLine[];
  savingsCents: number;
  /** At checkout: weighed lines at their asked weight. */
  estimated: OrderAmounts;
  /** Once every weighed line is weighed (or the order left the store). */
  final: OrderAmounts | null;
  placedAt: Date;
  cancelledBy: "shopper" | "store" | null;
  cancelReason: string | null;
}

interface OrderRow {
  id: string;
  customer_id: string;
  store_code: string;
  cart_id: string;
  mode: FulfilmentMode;
  slot_id: string;
  slot_starts_at: Date;
  slot_ends_at: Date;
  cutoff_at: Date;
  address: DeliveryAddress | null;
  status: OrderStatus;
  payment_method: string;
  payment_status: PaymentStatus;
  items_cents: number;
  savings_cents: number;
  fee_cents: number;
  total_cents: number;
  final_items_cents: number | null;
  final_total_cents: number | null;
  vat: VatLine[];
  placed_at: Date;
  cancelled_by: "shopper" | "store" | null;
  cancel_reason: string | null;
}

interface OrderLineRow {
  position: number;
  product_id: string;
  gtin: string | null;
  name: string;
  sold_by: string;
  quantity: number | null;
  weight_g: number | null;
  final_weight_g: number | null;
  unit_price_cents: number;
  promotion: unknown;
  saving_cents: number;
  total_cents: number;
  final_total_cents: number | null;
  vat_rate: number;
  substitution: Substitution["kind"];
  substitute_product_id: string | null;
}

export async function loadOrder(exec: Exec, id: string, vat: VatRules, lock = false): Promise<Order | null> {
  const rows = await exec<OrderRow>(`SELECT * FROM orders WHERE id = $1${lock ? " FOR UPDATE" : ""}`, [id]);
  const r = rows[0];
  if (!r) return null;
  const lineRows = await exec<OrderLineRow>(
    "SELECT * FROM order_lines WHERE order_id = $1 ORDER BY position",
    [id],
  );
  const lines: OrderLine[] = lineRows.map((l) => ({
    position: l.position,
    productId: l.product_id,
    gtin: l.gtin,
    name: l.name,
    soldBy: l.sold_by,
    quantity: l.quantity,
    weightG: l.weight_g,
    finalWeightG: l.final_weight_g,
    unitPriceCents: l.unit_price_cents,
    promotion: l.promotion,
    savingCents: l.saving_cents,
    totalCents: l.total_cents,
    finalTotalCents: l.final_total_cents,
    vatRate: Number(l.vat_rate),
    substitution:
      l.substitution === "alternative" && l.substitute_product_id
        ? { kind: "alternative", productId: l.substitute_product_id }
        : l.substitution === "refuse"
          ? { kind: "refuse" }
          : { kind: "allow" },
  }));
  const final: OrderAmounts | null =
    r.final_items_cents === null || r.final_total_cents === null
      ? null
      : {
          itemsCents: r.final_items_cents,
          feeCents: r.fee_cents,
          totalCents: r.final_total_cents,
          vat: vatBreakdown([
            ...lines.map((l) => ({ rate: l.vatRate, cents: l.finalTotalCents ?? l.totalCents })),
            ...(r.fee_cents > 0 ? [{ rate: vat.serviceRate, cents: r.fee_cents }] : []),
          ]),
        };
  return {
    id: r.id,
    customerId: r.customer_id,
    storeCode: r.store_code,
    cartId: r.cart_id,
    mode: r.mode,
    slot: { id: r.slot_id, startsAt: new Date(r.slot_starts_at), endsAt: new Date(r.slot_ends_at) },
    cutoffAt: new Date(r.cutoff_at),
    address: r.address,
    status: r.status,
    payment: { method: r.payment_method, status: r.payment_status },
    lines,
    savingsCents: r.savings_cents,
    estimated: { itemsCents: r.items_cents, feeCents: r.fee_cents, totalCents: r.total_cents, vat: r.vat },
    final,
    placedAt: new Date(r.placed_at),
    cancelledBy: r.cancelled_by,
    cancelReason: r.cancel_reason,
  };
}

export async function listOrderIds(exec: Exec, customerId: string, limit: number): Promise<string[]> {
  const rows = await exec<{ id: string }>(
    "SELECT id FROM orders WHERE customer_id = $1 ORDER BY placed_at DESC, id LIMIT $2",
    [customerId, limit],
  );
  return rows.map((r) => r.id);
}

/** A store's orders by slot time (the preparation queue), optionally of one status. */
export async function listStoreOrderIds(
  exec: Exec,
  storeCode: string,
  options: { status?: OrderStatus; limit?: number } = {},
): Promise<string[]> {
  const rows = await exec<{ id: string }>(
    `SELECT id FROM orders WHERE store_code = $1 AND ($2::text IS NULL OR status = $2)
     ORDER BY slot_starts_at, placed_at, id LIMIT $3`,
    [storeCode, options.status ?? null, options.limit ?? 100],
  );
  return rows.map((r) => r.id);
}
