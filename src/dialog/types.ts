/**
 * The turn contract between channels and the dialog (DESIGN.md): a channel decodes platform
 * JSON into a Turn, calls `handle(turn)`, and encodes the Reply back. The dialog never knows
 * which platform it talks to.
 */
import type { CartSummaryLine, CartSummaryShape } from "../commerce/index.js";

export type Locale = "fr-FR" | "en-GB" | "en-US" | (string & {});

export interface Turn {
  conversationId: string;
  /** Platform turn id; a repeated one returns the stored reply without acting twice. */
  turnId?: string;
  customerId?: string;
  storeId: string;
  locale: Locale;
  text: string;
  /** Other recognition hypotheses, best first. */
  alternatives?: string[];
  /** The platform's own event when there is no text (launch, yes/no buttons...). */
  event?: "launch" | "yes" | "no" | "help" | "stop" | "cancel" | "end";
}

// The cart shape is commerce's (DESIGN.md); channels keep reading it from the dialog's contract.
export type { CartSummaryLine as CartLineSummary, CartSummaryShape as CartSummary };

export interface ReplyOption {
  /** 1-based position as spoken ("le premier"). */
  index: number;
  productId?: string;
  label: string;
  value?: string;
}

export interface Reply {
  intent: string;
  text: string;
  /** SSML using only tags both Google and Alexa accept. */
  ssml: string;
  suggestions: string[];
  /**
   * What the next turn is expected to answer: "request" (anything), "choice" (one of `options`),
   * "confirmation" (yes/no), "slot" (one of `options` or a time phrase), "pin" (digits), or
   * "account_link" (ordering needs a signed-in or linked shopper).
   */
  awaiting?: string;
  options?: ReplyOption[];
  cart: CartSummaryShape;
  order?: { id: string; status: string };
  /** The conversation is over (goodbye, order placed): voice channels close the session. */
  endConversation?: boolean;
}
