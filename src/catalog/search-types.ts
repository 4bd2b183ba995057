// The product index's public shapes: search options, hits and the index's interface.
import type { TermMatch } from "../language/index.js";
import type { Product } from "./product.js";

export interface SearchOptions {
  /** Most hits returned (default 20). */
  limit?: number;
  /** Category path prefix ("Crèmerie > Laits") or any one segment ("Laits"), accents ignored. */
  category?: string;
  filter?: (product: Product) => boolean;
  /** The query's language: "en" reads English words as English ("the" is not "thé"). */
  language?: "fr" | "en";
  /**
   * Return the equal matches only: the products matching the most query words and scoring at
   * least this share (0..1) of the best of them — what resolution ranks by other signals.
   * They come unsorted.
   */
  tier?: number;
  /**
   * Reuse hit objects and the returned array between calls (hot paths such as resolution):
   * what is returned is valid only until the next `reuse` search on this index.
   */
  reuse?: boolean;
}

export interface SearchHit {
  product: Product;
  score: number;
  /** Query words this product matched, out of `terms`. */
  matched: number;
  terms: number;
  /** Small integer naming the product's category path (the same for products of one kind). */
  kind: number;
  /** The product's position in this index (for `nameTermsAt`). */
  ref: number;
  /** The product's `sales30d`, copied for ranking loops that should not chase pointers. */
  sales: number;
}

export interface ProductIndex {
  readonly size: number;
  get(id: string): Product | undefined;
  all(): readonly Product[];
  search(query: string, opts?: SearchOptions): SearchHit[];
  /** Same as `search` from already-normalised words (stop words and bridges are applied). */
  searchWords(words: string[], opts?: SearchOptions): SearchHit[];
  /** Stemmed query terms as the index reads `words` (after bridges and stop words). */
  queryTerms(words: string[], language?: "fr" | "en"): string[];
  /** Whether a stemmed word occurs in the catalog. */
  knows(term: string): boolean;
  /**
   * Whether a stemmed word heads something in the catalog: a name's head noun, a brand or a
   * one-word category group ("lait", "oeuf", "pate"), not a qualifier ("zero", "blanc" alone).
   */
  isHead(term: string): boolean;
  /**
   * Whether one product holds both stemmed words in its name, brand, labels or kind (the aisle
   * aside): "lait entier" does, "lait oeuf" does not, so "lait oeufs pain" is a list.
   */
  together(a: string, b: string): boolean;
  /** Catalog words near a stemmed word (typos, sound-alikes). */
  near(term: string): TermMatch[];
  /** Stemmed words the last category segment adds to its parent ("Laits > Lait écrémé" -> ecrem). */
  kindLeafTerms(kind: number): readonly string[];
  /** The kind id (see `SearchHit.kind`) of the product at a position. */
  kindAt(ref: number): number;
  /** Sales per kind id of the products holding a stemmed word (which kind a word means most). */
  kindSalesOf(term: string): ReadonlyMap<number, number> | undefined;
  /** A product's position in this index (a hit's `ref`), by id. */
  refOf(id: string): number | undefined;
  /** Stemmed name words of the product at a hit's `ref`. */
  nameTermsAt(ref: number): readonly string[];
  /** Stemmed name words of a product (for explaining and for unsaid-attribute checks). */
  nameTerms(product: Product): readonly string[];
}
