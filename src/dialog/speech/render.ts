import { priceText, priceWords, spokenName, weightText, weightWords } from "./amounts.js";
import { cardinal, type Lang } from "./numbers.js";

/**
 * One reply, written once, rendered twice: as screen text and as SSML. Pieces that read
 * differently aloud (prices, weights, product sizes) carry their value, not a string.
 */
export type Piece =
  | string
  | { price: number }
  | { weight: number }
  | { count: number }
  | { name: string }
  | { pause: number }
  | { screen: string; voice: string };

export type Sentence = Piece[];

/**
 * The SSML elements and say-as values both Google (Dialogflow / Assistant) and Alexa accept.
 * Alexa has no currency say-as and Google's `sub`/`audio` differ in details, so replies stay
 * inside this set and speak money as words.
 */
export const SHARED_SSML_TAGS = new Set(["speak", "p", "s", "break", "emphasis", "prosody", "say-as"]);
export const SHARED_SAY_AS = new Set(["cardinal", "ordinal", "characters", "digits"]);

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

function screen(piece: Piece, lang: Lang): string {
  if (typeof piece === "string") return piece;
  if ("price" in piece) return priceText(piece.price, lang);
  if ("weight" in piece) return weightText(piece.weight, lang);
  if ("count" in piece) return cardinal(piece.count, lang);
  if ("name" in piece) return piece.name;
  if ("pause" in piece) return "";
  return piece.screen;
}

function voice(piece: Piece, lang: Lang): string {
  if (typeof piece === "string") return escapeXml(piece);
  if ("price" in piece) return escapeXml(priceWords(piece.price, lang));
  if ("weight" in piece) return escapeXml(weightWords(piece.weight, lang));
  if ("count" in piece) return escapeXml(cardinal(piece.count, lang));
  if ("name" in piece) return escapeXml(spokenName(piece.name, lang));
  if ("pause" in piece) return `<break time="${Math.max(0, Math.min(2000, Math.round(piece.pause)))}ms"/>`;
  return escapeXml(piece.voice);
}

export function render(sentences: Sentence[], lang: Lang): { text: string; ssml: string } {
  const kept = sentences.filter((s) => s.length > 0);
  const text = kept
    .map((s) =>
      s
        .map((p) => screen(p, lang))
        .join("")
        .replace(/\s+/g, " ")
        .trim(),
    )
    .filter(Boolean)
    .join(" ");
  const body = kept
    .map((s) => {
      const inner = s
        .map((p) => voice(p, lang))
        .join("")
        .replace(/\s+/g, " ")
        .trim();
      return inner ? `<s>${inner}</s>` : "";
    })
    .join("");
  return { text, ssml: `<speak><p>${body}</p></speak>` };
}
