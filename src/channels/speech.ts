import { createHash } from "node:crypto";
import type { CartSummary, Reply, Turn } from "../dialog/index.js";

/** Stable, opaque conversation id for a platform session (never the raw platform id). */
export function conversationIdFor(platform: string, sessionKey: string): string {
  const digest = createHash("sha256").update(`${platform}\0${sessionKey}`).digest("base64url").slice(0, 27);
  return `${platform}-${digest}`;
}

export const isFrench = (locale: string) => locale.toLowerCase().startsWith("fr");

/** The two locales Panier speaks; other variants of a language fall back to these. */
export function panierLocale(platformLocale: string | undefined): "fr-FR" | "en-GB" | "en-US" {
  const l = (platformLocale ?? "fr-FR").toLowerCase();
  if (l.startsWith("fr")) return "fr-FR";
  if (l === "en-us") return "en-US";
  return "en-GB";
}

/** "3,58 €" / "€3.58": for cards and chat text only; speech says prices in words (dialog). */
export function money(cents: number, locale: string): string {
  const euros = Math.trunc(Math.abs(cents) / 100);
  const rest = String(Math.abs(cents) % 100).padStart(2, "0");
  const sign = cents < 0 ? "-" : "";
  return isFrench(locale) ? `${sign}${euros},${rest} €` : `${sign}€${euros}.${rest}`;
}

/** A plain-text cart summary, one line per product, for cards. */
export function cartText(cart: CartSummary, locale: string, maxLines = 25): string {
  const fr = isFrench(locale);
  if (cart.lines.length === 0) return fr ? "Votre panier est vide." : "Your basket is empty.";
  const lines = cart.lines.slice(0, maxLines).map((l) => {
    const amount =
      l.weight_g !== undefined
        ? l.weight_g >= 1000
          ? `${(l.weight_g / 1000).toLocaleString(fr ? "fr-FR" : "en-GB")} kg`
          : `${l.weight_g} g`
        : `${l.quantity ?? 1} ×`;
    return `${amount} ${l.name} — ${money(l.total_cents, locale)}`;
  });
  if (cart.lines.length > maxLines) {
    const more = cart.lines.length - maxLines;
    lines.push(fr ? `… et ${more} autre(s) article(s)` : `… and ${more} more`);
  }
  lines.push(`${fr ? "Total :" : "Total:"} ${money(cart.total_cents, locale)}`);
  return lines.join("\n");
}

/** The reply's SSML inside one <speak> element (both platforms want exactly one). */
export function speakSsml(reply: Reply): string {
  const ssml = reply.ssml?.trim();
  if (ssml) return /^<speak[\s>]/.test(ssml) ? ssml : `<speak>${ssml}</speak>`;
  return `<speak>${escapeXml(reply.text)}</speak>`;
}

export function escapeXml(text: string): string {
  return text.replace(
    /[<>&"']/g,
    (c) => `&${{ "<": "lt", ">": "gt", "&": "amp", '"': "quot", "'": "apos" }[c]};`,
  );
}

/**
 * What a voice channel says when the dialog fails: the platforms read an HTTP error as "the
 * skill is not responding", which is worse than an apology that keeps the session open.
 */
export function apologyReply(locale: string): Reply {
  const text = isFrench(locale)
    ? "Désolé, je n'ai pas pu traiter votre demande. Pouvez-vous répéter ?"
    : "Sorry, I couldn't handle that. Could you say it again?";
  return {
    intent: "other",
    text,
    ssml: `<speak>${escapeXml(text)}</speak>`,
    suggestions: [],
    cart: { lines: [], total_cents: 0 },
  };
}

/** The dialog's reply to a turn, or the apology when the dialog fails (reported to `onError`). */
export async function replyOrApology(
  dialog: { handle(turn: Turn): Promise<Reply> },
  turn: Turn,
  onError?: (err: unknown) => void,
): Promise<Reply> {
  try {
    return await dialog.handle(turn);
  } catch (err) {
    onError?.(err);
    return apologyReply(turn.locale);
  }
}

/**
 * Voice sessions close on goodbye and once the order is placed (the confirmation's reply
 * carries the order and thanks the shopper); the dialog marks the first, the channel sees the
 * second.
 */
export function conversationOver(reply: Reply): boolean {
  return reply.endConversation === true || (reply.intent === "confirm" && reply.order?.status === "placed");
}
