/**
 * What a conversation remembers between turns, stored as JSON in `conversations`: the question
 * waiting for an answer, the last cart change (for "annule"), and what "le premier", "plutôt
 * trois" or "oui" refer to.
 */

/** A product offered as an answer option. */
export interface ProductOption {
  productId: string;
  name: string;
  brand: string | null;
  labels: string[];
  priceCents: number;
  /** The amount the shopper asked for, applied to whichever option they pick. */
  quantity?: number;
  weightG?: number;
}

export interface SlotOption {
  slotId: string;
  mode: "delivery" | "pickup";
  startsAt: string;
  endsAt: string;
}

/** An item the shopper asked for that waits its turn while a question about another is open. */
export interface QueuedItem {
  text: string;
  options: ProductOption[];
  confident: boolean;
  outOfStock?: boolean;
}

export type Pending =
  | {
      kind: "choice";
      id: string;
      purpose: "add" | "remove" | "info";
      mention: string;
      options: ProductOption[];
      queue: QueuedItem[];
    }
  | { kind: "substitute"; id: string; missing: ProductOption; option: ProductOption; queue: QueuedItem[] }
  | { kind: "slot"; id: string; options: SlotOption[]; thenCheckout: boolean }
  | { kind: "pin"; id: string; attempts: number }
  /** `cartId`: the cart recapped; a replayed confirmation checks out that cart, not a newer one. */
  | { kind: "confirm_checkout"; id: string; cartId: string; slotId: string; totalCents: number }
  | { kind: "confirm_cancel"; id: string; orderId: string }
  | { kind: "confirm_clear"; id: string };

/** A cart change and what the line held before it, so that it can be undone. */
export interface Change {
  productId: string;
  name: string;
  before: { quantity?: number; weightG?: number } | null;
  after: { quantity?: number; weightG?: number } | null;
}

export interface DialogContext {
  /** The product the last turn talked about: "plutôt trois", "enlève-le". */
  lastProductId?: string;
  lastOrderId?: string;
  /** The PIN was given in this conversation (asked once). */
  pinOk?: boolean;
  /** Turns in a row the dialog did not understand: the reprompt grows more helpful. */
  misunderstood?: number;
}

export interface ConversationState {
  pending: Pending | null;
  lastChange: Change | null;
  context: DialogContext;
}

export const EMPTY_STATE: ConversationState = { pending: null, lastChange: null, context: {} };
