import type { Product, ProductIndex, SearchHit } from "../catalog/index.js";
import type { ItemMention } from "../understanding/index.js";
import * as sizing from "./sizing.js";
import type { ResolveContext } from "./types.js";

/**
 * Ranking of the equal matches of a mention. First what the shopper said narrows them, each
 * rule kept only when something passes it (brand, container, pack, size, amount, count); then,
 * among what is left — all of which meet every stated constraint — the shopper's history
 * decides, then the most-bought kind among all equal matches, then how closely the name
 * matches, then stock, then popularity.
 *
 * At 100k products a generic word has thousands of equal matches: the passes below work on
 * positions in reusable typed arrays and build objects only for the few candidates kept.
 */

type Rule = (p: Product) => boolean;

// Local bindings: hot loops below call these thousands of times per utterance, and a module
// namespace read (or a loader's live-binding getter) on each call costs more than the call.
const isSoldByWeight = sizing.isSoldByWeight;
const sizeFit = sizing.sizeFit;
const unitsFor = sizing.unitsFor;

export interface Ranked {
  hit: SearchHit;
  /** The mention names the product's kind in full ("lait écrémé" for Lait écrémé). */
  kindNamed: boolean;
  /** The mention says the product's whole name, in order ("Cola", "Lait entier UHT"). */
  nameSaid: boolean;
  history: number;
  kind: number;
  inStock: number;
}

let pos = new Int32Array(1024);
let keyHist = new Float64Array(1024);
let keyKind = new Float64Array(1024);
let keyNamed = new Uint8Array(1024);
let keyScore = new Int32Array(1024);
let keyStock = new Uint8Array(1024);
let keySales = new Float64Array(1024);
let keySaid = new Uint8Array(1024);

let kindSum = new Float64Array(256);
let kindSeen = new Uint8Array(256);
let kindIsNamed = new Uint8Array(256);

function growKinds(n: number): void {
  const size = Math.max(n, kindSum.length * 2);
  const sum = new Float64Array(size);
  sum.set(kindSum);
  const seen = new Uint8Array(size);
  seen.set(kindSeen);
  kindSum = sum;
  kindSeen = seen;
  kindIsNamed = new Uint8Array(size);
}

function ensure(n: number): void {
  if (pos.length >= n) return;
  const size = Math.max(n, pos.length * 2);
  pos = new Int32Array(size);
  keyHist = new Float64Array(size);
  keyKind = new Float64Array(size);
  keyNamed = new Uint8Array(size);
  keyScore = new Int32Array(size);
  keyStock = new Uint8Array(size);
  keySales = new Float64Array(size);
  keySaid = new Uint8Array(size);
}

/** Keeps the positions whose product passes `rule`, unless none does. Returns the new count. */
function narrow(hits: SearchHit[], n: number, rule: Rule): number {
  let kept = 0;
  for (let i = 0; i < n; i++) if (rule(hits[pos[i]!]!.product)) kept++;
  if (kept === 0 || kept === n) return n;
  let j = 0;
  for (let i = 0; i < n; i++) if (rule(hits[pos[i]!]!.product)) pos[j++] = pos[i]!;
  return j;
}

/** Products sold in packs of several items ("6 x 1 L", "12 pièces", "4 x 125 g"). */
const isMulti: Rule = (p) => p.quantity.count > 1;

const ITEM_CONTAINER_FIT: Record<string, Rule> = {
  // A bottle is a liquid in one container of 25 cl or more; a can is 50 cl or less.
  bouteille: (p) => p.quantity.unit === "ml" && p.quantity.amount >= 250,
  canette: (p) => p.quantity.unit === "ml" && p.quantity.amount <= 500,
  brique: (p) => p.quantity.unit === "ml",
  pot: (p) => p.quantity.unit === "g" || p.quantity.unit === "ml",
  boite: (p) => !isSoldByWeight(p),
  tranche: (p) => p.quantity.unit === "g",
  // Packages hold solids: "un sachet de thé" is tea bags, not iced tea.
  sachet: (p) => p.quantity.unit !== "ml",
  paquet: (p) => p.quantity.unit !== "ml",
  plaquette: (p) => p.quantity.unit === "g",
  barquette: (p) => p.quantity.unit !== "ml",
  filet: (p) => p.quantity.unit !== "ml",
};

/** Narrows positions 0..n of `pos` (indexes into hits) by what the mention states. */
function constrain(hits: SearchHit[], n: number, m: ItemMention): number {
  if (m.brand) {
    const brand = m.brand;
    n = narrow(hits, n, (p) => p.brand === brand);
  }
  const container = m.container;
  if (container) {
    const fit = ITEM_CONTAINER_FIT[container.name];
    if (fit) n = narrow(hits, n, fit);
    if (container.kind === "pack") n = narrow(hits, n, isMulti);
    if (container.kind === "item" && m.count === 1) n = narrow(hits, n, (p) => !isMulti(p));
  }
  if (m.packSize !== null) {
    const size = m.packSize;
    n = narrow(hits, n, (p) => p.quantity.count === size);
  }
  if (m.size) {
    const size = m.size;
    // The closest fit: the content said, else items of that size, else nearly that size.
    let best = 0;
    for (let i = 0; i < n; i++) best = Math.max(best, sizeFit(hits[pos[i]!]!.product, size));
    n = narrow(
      hits,
      n,
      (p) => (best > 0 && sizeFit(p, size) === best) || (isSoldByWeight(p) && size.unit === "g"),
    );
  }
  if (m.amount && !m.size) {
    // Sizes that make the amount exactly, fewest units first: two litres are two 1 L bottles,
    // not four 50 cl; a product sold by weight takes any weight.
    const amount = m.amount;
    const units = (p: Product) =>
      isSoldByWeight(p) ? (amount.unit === "g" ? 1 : 1e9) : (unitsFor(p, amount) ?? 1e9);
    // One pass to compute, one to keep (keySales is free scratch until ranking fills it).
    let best = 1e9;
    for (let i = 0; i < n; i++) {
      const u = units(hits[pos[i]!]!.product);
      keySales[i] = u;
      if (u < best) best = u;
    }
    if (best < 1e9) {
      let j = 0;
      for (let i = 0; i < n; i++) if (keySales[i] === best) pos[j++] = pos[i]!;
      n = j;
    }
  }
  if (m.count !== null && m.count > 0 && container?.kind !== "package" && container?.kind !== "pack") {
    // A count of things: the pack holding exactly that count, else single items, else packs
    // that divide it; loose produce takes any count.
    const c = m.count;
    let exact = 0;
    let loose = false;
    for (let i = 0; i < n; i++) {
      const p = hits[pos[i]!]!.product;
      if (isSoldByWeight(p)) loose = true;
      else if (p.quantity.count === c) exact++;
    }
    if (exact > 0 && c > 1) n = narrow(hits, n, (p) => p.quantity.count === c && !isSoldByWeight(p));
    else if (!loose) {
      // Packs that make the count, fewest units first ("douze yaourts" = three 4-packs).
      n = narrow(hits, n, (p) => c % p.quantity.count === 0);
      let most = 1;
      for (let i = 0; i < n; i++) {
        const k = hits[pos[i]!]!.product.quantity.count;
        if (c % k === 0 && k > most) most = k;
      }
      n = narrow(hits, n, (p) => p.quantity.count === most);
    }
  }
  return n;
}

/** The stated constraints applied to a list of hits (tests, explanations). */
export function applyConstraints(hits: SearchHit[], m: ItemMention): SearchHit[] {
  ensure(hits.length);
  for (let i = 0; i < hits.length; i++) pos[i] = i;
  const n = constrain(hits, hits.length, m);
  return Array.from(pos.subarray(0, n), (i) => hits[i]!);
}

/**
 * Stock as a flag per index position, built once per stock map (the CLI keeps one map per store,
 * the dialog one per store for a few seconds): thousands of candidates then need no id lookups.
 */
const stockFlags = new WeakMap<ReadonlyMap<string, number>, { index: ProductIndex; flags: Uint8Array }>();
function stockByRef(index: ProductIndex, stock: ReadonlyMap<string, number>): Uint8Array {
  const cached = stockFlags.get(stock);
  if (cached && cached.index === index) return cached.flags;
  const flags = new Uint8Array(index.size);
  for (const [id, units] of stock) {
    const ref = index.refOf(id);
    if (ref !== undefined && units > 0) flags[ref] = 1;
  }
  stockFlags.set(stock, { index, flags });
  return flags;
}

/** History score per product id: times bought, plus a share of the usual brand of that kind. */
function historyScore(ctx: ResolveContext): ((h: SearchHit) => number) | null {
  const history = ctx.history;
  if (!history || history.size === 0) return null;
  // The usual brand of a kind counts too, so that a size said still gets the usual brand, and
  // the usual product line more (same brand and name: "bio" stays bio in another size). Nested
  // maps, so that thousands of candidates are scored without building a key string each.
  const byKind = new Map<string | null, Map<number, number>>();
  const byName = new Map<string | null, Map<string, number>>();
  for (const [id, times] of history) {
    const ref = ctx.index.refOf(id);
    const p = ref === undefined ? undefined : ctx.index.get(id);
    if (ref === undefined || !p || times <= 0) continue;
    const kinds = byKind.get(p.brand) ?? new Map<number, number>();
    kinds.set(ctx.index.kindAt(ref), (kinds.get(ctx.index.kindAt(ref)) ?? 0) + times);
    byKind.set(p.brand, kinds);
    const names = byName.get(p.brand) ?? new Map<string, number>();
    names.set(p.name, (names.get(p.name) ?? 0) + times);
    byName.set(p.brand, names);
  }
  return (h) => {
    const p = h.product;
    const own = history.get(p.id) ?? 0;
    const kinds = byKind.get(p.brand);
    if (!kinds) return own;
    const kind = (kinds.get(h.kind) ?? 0) - own;
    const line = (byName.get(p.brand)!.get(p.name) ?? 0) - own;
    return own + 0.25 * kind + 0.25 * line;
  };
}

/**
 * `kindSales`, when given, weighs each kind instead of the equal matches' own sales: the sales
 * of the products that match what was said apart from the brand ("du sucre Daddy" is the sugar
 * people buy most, caster sugar, even if Daddy sells more cubes).
 */
export function rankCandidates(
  hits: SearchHit[],
  m: ItemMention,
  ctx: ResolveContext,
  keep = 4,
  kindSales?: ReadonlyMap<number, number>,
): Ranked[] {
  const total = hits.length;
  if (total === 0) return [];
  ensure(total);
  // The kind that sells most among all equal matches, before size and pack narrow them: "un
  // pack de lait" is a pack of the milk people buy most, whatever packs sell.
  // Per-kind sums in a reusable array indexed by kind id (kinds are few; candidates are many).
  const kinds: number[] = [];
  for (const h of hits) {
    if (h.kind >= kindSum.length) growKinds(h.kind + 1);
    if (kindSeen[h.kind] === 0) {
      kindSeen[h.kind] = 1;
      kinds.push(h.kind);
    }
    kindSum[h.kind] += h.sales;
  }
  // Precise words win over habits and popularity: a kind whose name was said in full ("lait
  // écrémé" names Lait écrémé, not Lait demi-écrémé), then a product whose whole name was said
  // ("Cola", not "Cola zéro sucres"; "Spaghetti", not "Spaghetti bio").
  const saidList = ctx.index.queryTerms(m.words, ctx.language);
  const said = new Set(saidList);
  const covers = (terms: readonly string[]) => terms.length > 0 && terms.every((t) => said.has(t));
  // Said in the name's own order: "oranges à jus" names Oranges à jus; "orange juice" (jus
  // orange) does not.
  const saysInOrder = (terms: readonly string[]) => {
    let at = 0;
    for (const t of terms) {
      at = saidList.indexOf(t, at);
      if (at < 0) return false;
      at++;
    }
    return terms.length > 0;
  };
  for (const kind of kinds) kindIsNamed[kind] = covers(ctx.index.kindLeafTerms(kind)) ? 1 : 0;
  // The words said (but the brand) also name a product when its name says them together, in
  // that order: "lait demi-écrémé" names "Lait demi-écrémé sans lactose" as well, not "Lait
  // entier"; "lait écrémé" does not name "Lait demi-écrémé".
  const brandTerms = new Set(m.brand ? ctx.index.queryTerms([m.brand], ctx.language) : []);
  const core = saidList.filter((t) => !brandTerms.has(t));
  const namesRun = (name: readonly string[]) => {
    // One word names a kind only through the category ("pâtes" is not "Pâte à tartiner").
    if (core.length < 2) return false;
    const start = name.indexOf(core[0]!);
    if (start < 0) return false;
    for (let k = 1; k < core.length; k++) if (name[start + k] !== core[k]) return false;
    return true;
  };
  for (let i = 0; i < total; i++) pos[i] = i;
  const n = constrain(hits, total, m);
  const hist = historyScore(ctx);
  const stock = ctx.stock;
  const stocked = stock ? stockByRef(ctx.index, stock) : null;
  const inStock = (h: SearchHit) => (stocked ? stocked[h.ref]! : 1);
  // Names repeat across sizes and brands: each distinct name is checked once.
  const saidOf = new Map<readonly string[], number>();
  const runs = core.length >= 2;
  for (let i = 0; i < n; i++) {
    const h = hits[pos[i]!]!;
    keyHist[i] = hist ? hist(h) : 0;
    keyKind[i] = kindSales ? (kindSales.get(h.kind) ?? 0) : kindSum[h.kind]!;
    const names = ctx.index.nameTermsAt(h.ref);
    let said = saidOf.get(names);
    if (said === undefined) {
      said = (saysInOrder(names) ? 1 : 0) + (runs && namesRun(names) ? 2 : 0);
      saidOf.set(names, said);
    }
    keyNamed[i] = kindIsNamed[h.kind] === 1 || said >= 2 ? 1 : 0;
    keySaid[i] = said & 1;
    keyScore[i] = Math.round(h.score * 10);
    keyStock[i] = stock ? inStock(h) : 1;
    keySales[i] = h.sales;
  }
  // Compare two survivors by their position i, j in 0..n (typed keys first, ids last).
  const cmp = (i: number, j: number): number => {
    const d =
      keyNamed[j]! - keyNamed[i]! ||
      keyHist[j]! - keyHist[i]! ||
      keySaid[j]! - keySaid[i]! ||
      keyKind[j]! - keyKind[i]! ||
      keyScore[j]! - keyScore[i]! ||
      keyStock[j]! - keyStock[i]! ||
      keySales[j]! - keySales[i]!;
    if (d !== 0) return d;
    const a = hits[pos[i]!]!.product.id;
    const b = hits[pos[j]!]!.product.id;
    return a < b ? -1 : a > b ? 1 : 0;
  };
  const k = m.sizeWord ? n : keep;
  const top: number[] = [];
  for (let i = 0; i < n; i++) {
    if (top.length === k && cmp(i, top[k - 1]!) >= 0) continue;
    let at = top.length < k ? top.length : k - 1;
    if (top.length < k) top.push(i);
    while (at > 0 && cmp(i, top[at - 1]!) < 0) {
      top[at] = top[at - 1]!;
      at--;
    }
    top[at] = i;
  }
  let ranked: Ranked[] = top.map((i) => {
    const hit = hits[pos[i]!]!;
    return {
      hit,
      kindNamed: keyNamed[i] === 1,
      nameSaid: keySaid[i] === 1,
      history: keyHist[i]!,
      kind: keyKind[i]!,
      inStock: inStock(hit),
    };
  });
  for (const k of kinds) {
    kindSum[k] = 0;
    kindSeen[k] = 0;
  }
  if (m.sizeWord && ranked.length > 1) {
    // "le grand", "le petit": the largest or smallest unit of the winning kind and brand.
    const lead = ranked[0]!.hit;
    const same = ranked.filter((r) => r.hit.kind === lead.kind && r.hit.product.brand === lead.product.brand);
    const nets = same.map((r) => r.hit.product.quantity.net);
    const target = m.sizeWord === "large" ? Math.max(...nets) : Math.min(...nets);
    const sized = same.filter((r) => r.hit.product.quantity.net === target);
    ranked = [...sized, ...ranked.filter((r) => !sized.includes(r))].slice(0, keep);
  }
  return ranked;
}
