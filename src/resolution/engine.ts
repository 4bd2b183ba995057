import { buildProductIndex, type Product, type ProductIndex } from "../catalog/index.js";
import {
  buildLexicon,
  type Intent,
  type ItemMention,
  type Lexicon,
  parseUtterance,
} from "../understanding/index.js";
import { isKnownMention, type Purpose, resolveMention } from "./resolve.js";
import type { Resolution, ResolveContext } from "./types.js";

/**
 * The understanding engine: one utterance -> intent and resolved products. Built once per
 * catalog (index + lexicon); each call takes the shopper's history and the store's stock as
 * plain maps, so files (CLI) and the database (dialog) feed it alike.
 */

export interface UnderstandInput {
  text: string;
  locale?: string;
  history?: ReadonlyMap<string, number>;
  stock?: ReadonlyMap<string, number>;
  sold?: ReadonlySet<string>;
}

export interface ResolvedItem extends Resolution {
  mention: ItemMention;
}

export interface EngineResult {
  intent: Intent;
  language: "fr" | "en";
  items: ResolvedItem[];
  /** Mentions no product matched (the dialog says so). */
  unmatched: ItemMention[];
  quantity: number | null;
}

export interface Engine {
  index: ProductIndex;
  understand(input: UnderstandInput): EngineResult;
}

const PURPOSE: Partial<Record<Intent, Purpose>> = {
  add_to_cart: "add",
  remove_from_cart: "remove",
  product_info: "info",
  set_quantity: "add",
};

/**
 * Whether two spoken words name different products of this catalog: each heads something (a
 * name's head noun, a brand, a product group) and no product holds both. Words joined by a
 * bridge ("kitchen roll", "semi skimmed") or unknown to the catalog (misheard) never part.
 */
export function namesApart(index: ProductIndex, a: string, b: string, language?: "fr" | "en"): boolean {
  const ta = index.queryTerms([a], language);
  if (ta.length === 0 || !ta.some((t) => index.isHead(t))) return false;
  const tb = index.queryTerms([b], language);
  if (tb.length === 0 || !tb.some((t) => index.isHead(t))) return false;
  for (const x of ta) for (const y of tb) if (index.together(x, y)) return false;
  // Last, as it is the dearest: words a bridge joins ("kitchen roll") are one name.
  const joint = index.queryTerms([a, b], language);
  return (
    joint.length === ta.length + tb.length &&
    joint.every((t, i) => t === (i < ta.length ? ta[i] : tb[i - ta.length]))
  );
}

/** Whether a mention holds a word that neither the catalog nor any near spelling knows. */
function namesNothing(index: ProductIndex, m: ItemMention, ctx: ResolveContext): boolean {
  return index.queryTerms(m.words, ctx.language).some((t) => !/^\d/.test(t) && index.near(t).length === 0);
}

export function createEngine(catalog: readonly Product[] | ProductIndex): Engine {
  const index = Array.isArray(catalog)
    ? buildProductIndex(catalog as readonly Product[])
    : (catalog as ProductIndex);
  const lexicon: Lexicon = buildLexicon(index.all());
  return {
    index,
    understand(input) {
      const ctx: ResolveContext = { index, history: input.history, stock: input.stock, sold: input.sold };
      const language = /^en/i.test(input.locale ?? "")
        ? "en"
        : /^fr/i.test(input.locale ?? "")
          ? "fr"
          : undefined;
      ctx.language = language;
      const u = parseUtterance(input.text, lexicon, (m) => isKnownMention(m, ctx), {
        locale: input.locale,
        onLanguage: (l) => {
          ctx.language = l;
        },
        separates: (a, b) => namesApart(index, a, b, ctx.language),
      });
      // "c'est quoi la capitale de la France": a question about words the catalog does not know
      // at all is no product question ("c'est bio ?", "c'est combien ?" still are).
      if (
        u.intent === "product_info" &&
        u.items.length === 0 &&
        u.unknown?.some((m) => namesNothing(index, m, ctx))
      ) {
        u.intent = "other";
      }
      const purpose = PURPOSE[u.intent] ?? "add";
      const items: ResolvedItem[] = [];
      const unmatched: ItemMention[] = [];
      for (const mention of u.items) {
        const r = resolveMention(mention, ctx, purpose);
        if (r) items.push({ ...r, mention });
        else unmatched.push(mention);
      }
      return { intent: u.intent, language: u.language, items, unmatched, quantity: u.quantity };
    },
  };
}
