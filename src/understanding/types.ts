/** What one utterance asks for: the contract between understanding, resolution and dialog. */

export const INTENTS = [
  "add_to_cart",
  "remove_from_cart",
  "set_quantity",
  "view_cart",
  "clear_cart",
  "product_info",
  "reorder",
  "checkout",
  "book_slot",
  "add_recipe",
  "undo",
  "help",
  "confirm",
  "deny",
  "goodbye",
  "order_status",
  "cancel_order",
  "other",
] as const;

export type Intent = (typeof INTENTS)[number];

/** Intents whose utterances may name products. */
export const PRODUCT_INTENTS: ReadonlySet<Intent> = new Set<Intent>([
  "add_to_cart",
  "remove_from_cart",
  "product_info",
  "set_quantity",
]);

export interface Measure {
  unit: "g" | "ml";
  /** Grams or millilitres. */
  value: number;
}

export type ContainerKind = "pack" | "item" | "package" | "piece";

/** One product as the shopper named it, before any catalog lookup. */
export interface ItemMention {
  /** The words of the mention as said (normalised), for replies and logs. */
  text: string;
  /** Words that describe the product (name, brand, attributes), normalised, in order. */
  words: string[];
  /** A catalog brand recognised in the words, when one was said. */
  brand: string | null;
  /** How many things or containers were asked for ("trois", "une douzaine"). */
  count: number | null;
  /** The container or pack word said with the count ("bouteille", "paquet", "pack"). */
  container: { kind: ContainerKind; name: string } | null;
  /** Items per pack asked for ("un pack de 12", "a six pack"). */
  packSize: number | null;
  /** A total weight or volume asked for ("deux litres", "un kilo et demi"). */
  amount: Measure | null;
  /** The size of one unit asked for ("un pot de Nutella de 750 grammes"). */
  size: Measure | null;
  /** "le grand", "le petit", "grand format". */
  sizeWord: "large" | "small" | null;
  /** "mon lait habituel", "comme d'habitude", "mes capsules". */
  habit: boolean;
  /** "pas de lait", "no milk": the shopper names it to exclude it. */
  negated: boolean;
}

export interface Understanding {
  intent: Intent;
  items: ItemMention[];
  /** "fr" or "en": the language the utterance was read in. */
  language: "fr" | "en";
  /** A number said with set_quantity and no product ("mets-en plutôt trois"). */
  quantity: number | null;
  /** "comme d'habitude" and similar cues on the whole utterance. */
  habit: boolean;
  /** Mentions with words that name nothing in the catalog ("la capitale de la France"). */
  unknown?: ItemMention[];
}
