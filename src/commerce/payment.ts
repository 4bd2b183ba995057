/**
 * How an order is paid. The default takes payment at the door or the pickup desk: the order
 * is "pending" when placed and "paid" once handed over. An online provider implements the
 * same three hooks later (authorise on placement, capture on completion, void or refund).
 */
export type PaymentStatus = "pending" | "paid" | "refunded" | "voided";

export interface PaymentOrder {
  id: string;
  totalCents: number;
  /** The amount due once weighed lines are priced (equals totalCents before that). */
  finalTotalCents: number;
  paymentStatus: PaymentStatus;
}

export interface PaymentProvider {
  /** Stored on the order, e.g. "pay_at_fulfilment", "card". */
  readonly method: string;
  placed(order: PaymentOrder): Promise<PaymentStatus>;
  completed(order: PaymentOrder): Promise<PaymentStatus>;
  cancelled(order: PaymentOrder): Promise<PaymentStatus>;
}

export const payAtFulfilment: PaymentProvider = {
  method: "pay_at_fulfilment",
  placed: async () => "pending",
  completed: async () => "paid",
  cancelled: async (o) => (o.paymentStatus === "paid" ? "refunded" : "voided"),
};
