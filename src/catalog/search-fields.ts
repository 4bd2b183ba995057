import { fold, isStopWord, stem, tokens as wordTokens } from "../language/index.js";
import type { Product } from "./product.js";

/**
 * The words of a product as the index keys them, each with the weight of the field it comes
 * from. Names, brands, labels and categories repeat across a catalog, so each distinct text is
 * analysed once (building 100k products costs about as much as their distinct names).
 */

/** Field weights: a name's head noun weighs most, the category path least. */
export const W = { head: 3, brand: 2.6, name: 2, label: 1.6, leaf: 1.5, path: 0.7, group: 2.5 } as const;

/** Qualifiers that open a name without being its head noun ("Pur jus", "Double concentré"). */
const NOT_HEAD = new Set([
  "pur",
  "extra",
  "double",
  "vrai",
  "veritabl",
  "mini",
  "maxi",
  "super",
  "grand",
  "petit",
]);

/**
 * Name words that mark the plain version of a product, which shoppers leave unsaid: "du pain de
 * mie" is the Pain de mie nature, no less than the Pain de mie complet is.
 */
export const UNMARKED = new Set(["nature", "classique", "original", "originale", "standard"].map(stem));

/** Catalog text is French: "thé" folds to "the", which is a word here, not an article. */
export function isCatalogStop(t: string): boolean {
  return t !== "the" && isStopWord(t);
}

export function keys(text: string): string[] {
  const out: string[] = [];
  for (const t of wordTokens(text)) {
    if (isCatalogStop(t)) continue;
    out.push(stem(t));
  }
  return out;
}

/** Terms and weights, parallel arrays. */
export interface Keyed {
  terms: string[];
  weights: number[];
}

export class FieldAnalyzer {
  private readonly names = new Map<string, Keyed & { nameTerms: string[] }>();
  private readonly brands = new Map<string, Keyed>();
  private readonly labels = new Map<string, Keyed>();
  private readonly categories = new Map<string, Keyed & { path: string }>();

  name(text: string): Keyed & { nameTerms: string[] } {
    let k = this.names.get(text);
    if (k) return k;
    const nameTerms = keys(text);
    const out: Keyed & { nameTerms: string[] } = { terms: [], weights: [], nameTerms };
    const head = nameTerms.length > 1 && NOT_HEAD.has(nameTerms[0]!) ? 1 : 0;
    nameTerms.forEach((t, i) => {
      add(out, t, i === head ? W.head : W.name);
    });
    // Names said as one word: "cornflakes", "essuietout".
    const raw = wordTokens(text);
    for (let i = 0; i + 1 < raw.length && i < 4; i++) {
      const a = raw[i]!;
      const b = raw[i + 1]!;
      if (a.length > 1 && b.length > 1 && !isCatalogStop(a) && !isCatalogStop(b)) {
        add(out, stem(a + b), W.name);
      }
    }
    k = out;
    this.names.set(text, k);
    return k;
  }

  brand(text: string): Keyed {
    const k = this.brands.get(text);
    if (k) return k;
    const out: Keyed = { terms: [], weights: [] };
    const b = keys(text);
    for (const t of b) add(out, t, W.brand);
    // "Coca-Cola" is also said "cocacola"; "Lay's" as "lays".
    if (b.length > 1) add(out, b.join(""), W.brand);
    this.brands.set(text, out);
    return out;
  }

  label(text: string): Keyed {
    let k = this.labels.get(text);
    if (k) return k;
    k = { terms: [], weights: [] };
    for (const t of keys(text)) add(k, t, W.label);
    this.labels.set(text, k);
    return k;
  }

  category(segments: readonly string[]): Keyed & { path: string } {
    const path = segments.join(" > ");
    const k = this.categories.get(path);
    if (k) return k;
    const out: Keyed & { path: string } = { terms: [], weights: [], path: fold(path) };
    segments.forEach((segment, i) => {
      const leaf = i === segments.length - 1;
      const segKeys = keys(segment);
      // A one-word group ("Pâtes", "Laits", "Fromages") names every product in it: "des pâtes"
      // are spaghetti or penne as much as the head noun of "Pâte à tartiner" is "pâte".
      const group = !leaf && i > 0 && segKeys.length === 1;
      for (const t of segKeys) add(out, t, group ? W.group : leaf ? W.leaf : W.path);
    });
    this.categories.set(path, out);
    return out;
  }

  /** All keyed terms of a product, each once with its best weight. */
  product(p: Product): { keyed: Keyed; nameTerms: string[]; path: string } {
    const name = this.name(p.name);
    const cat = this.category(p.category);
    const keyed: Keyed = { terms: name.terms.slice(), weights: name.weights.slice() };
    if (p.brand) merge(keyed, this.brand(p.brand));
    for (const l of p.labels) merge(keyed, this.label(l));
    merge(keyed, cat);
    return { keyed, nameTerms: name.nameTerms, path: cat.path };
  }
}

function add(k: Keyed, term: string, w: number): void {
  const i = k.terms.indexOf(term);
  if (i < 0) {
    k.terms.push(term);
    k.weights.push(w);
  } else if (k.weights[i]! < w) k.weights[i] = w;
}

function merge(into: Keyed, from: Keyed): void {
  for (let i = 0; i < from.terms.length; i++) add(into, from.terms[i]!, from.weights[i]!);
}
