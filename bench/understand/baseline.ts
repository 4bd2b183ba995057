import MiniSearch from "minisearch";
import type { Product } from "../../src/catalog/index.js";
import { fold } from "../../src/language/index.js";
import { amountFor } from "../../src/resolution/index.js";
import { buildLexicon, type Intent, parseUtterance } from "../../src/understanding/index.js";
import type { Output } from "./score.js";

/**
 * The baseline of issue 6: MiniSearch over the same catalog with {prefix: true, fuzzy: 0.2} and a
 * stop list, with the same intent and quantity rules as the engine (Panier's own parser and
 * sizing): only retrieval and ranking differ — the top MiniSearch hit is the product.
 */

const STOP = new Set(
  "le la les l un une des du de d au aux a en et ou avec pour par sur dans ce je j me m moi tu te vous nous on il mets met ajoute ajouter rajoute prends voudrais veux faut mon ma mes the an of and or with for some any in to on add put i my please s plait svp est que qu ce enleve retire supprime remove panier basket".split(
    " ",
  ),
);

const PRODUCT_INTENTS = new Set<Intent>(["add_to_cart", "remove_from_cart", "product_info", "set_quantity"]);

export interface Baseline {
  understand(text: string, locale?: string): Output;
}

export function buildBaseline(products: readonly Product[]): Baseline {
  const byId = new Map(products.map((p) => [p.id, p]));
  const ms = new MiniSearch<{ id: string; name: string; brand: string; category: string; labels: string }>({
    fields: ["name", "brand", "category", "labels"],
    storeFields: [],
    processTerm: (term) => {
      const t = fold(term);
      return STOP.has(t) ? null : t;
    },
    searchOptions: { prefix: true, fuzzy: 0.2, boost: { name: 2, brand: 1.5 } },
  });
  ms.addAll(
    products.map((p) => ({
      id: p.id,
      name: p.name,
      brand: p.brand ?? "",
      category: p.category.join(" "),
      labels: p.labels.join(" "),
    })),
  );
  const lexicon = buildLexicon(products);
  const search = (words: string[]) => ms.search(words.join(" "));
  return {
    understand(text, locale) {
      const u = parseUtterance(text, lexicon, (m) => search(m.words).length > 0, { locale });
      if (!PRODUCT_INTENTS.has(u.intent)) return { intent: u.intent, items: [] };
      const items = [];
      for (const m of u.items) {
        const top = search(m.words)[0];
        const p = top ? byId.get(String(top.id)) : undefined;
        if (!p) continue;
        const a = amountFor(p, m, u.intent === "add_to_cart");
        items.push(
          "weightG" in a ? { gtin: p.gtin, weight_g: a.weightG } : { gtin: p.gtin, quantity: a.quantity },
        );
      }
      return { intent: u.intent, items };
    },
  };
}
