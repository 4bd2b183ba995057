import type { Reply, Turn } from "../dialog/index.js";

/** What a voice channel needs: the dialog, and a way to know who a linked token belongs to. */
export interface ChannelServices {
  dialog: { handle(turn: Turn): Promise<Reply> };
  /**
   * An account-linking access token -> the shopper it acts for, or null when the token is
   * unknown, expired or revoked (the session then goes on unlinked).
   */
  shopperForToken(token: string): Promise<string | null>;
  /**
   * The store a voice session shops in when the session does not say: the linked shopper's
   * home store, else the deployment's default (PANIER_VOICE_STORE).
   */
  storeFor(customerId: string | undefined): Promise<string>;
}

/** Awaiting value the dialog uses when checkout needs a linked account (see docs/voice.md). */
export const AWAITING_ACCOUNT_LINK = "account_link";
