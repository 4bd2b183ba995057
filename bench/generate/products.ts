import { readFileSync } from "node:fs";
import { withCheckDigit } from "../../src/catalog/index.js";

/**
 * Large realistic catalogs from the reference one: each generated product takes a reference
 * product's family (category, name, sold_by) and recombines it with another brand (reference or
 * invented), size, flavour and line (bio, allégé, premium...), priced by its net content.
 */

export interface CatalogLine {
  gtin: string;
  name: string;
  brand: string | null;
  quantity: string;
  category: string;
  labels: string[];
  sold_by: "unit" | "weight" | "piece";
  price: number;
  currency: "EUR";
  image: string;
  description: string;
  sales_30d: number;
}

/** mulberry32: small, fast, deterministic for a seed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BRAND_HEADS = [
  "La Ferme",
  "Maison",
  "Les Jardins",
  "Domaine",
  "Saveurs",
  "Le Moulin",
  "Terres",
  "Les Délices",
  "Atelier",
  "Les Vergers",
  "Le Fournil",
  "Cap",
];
const BRAND_TAILS = [
  "de Provence",
  "du Val",
  "d'Armor",
  "des Alpes",
  "Bretonne",
  "du Terroir",
  "Normande",
  "de Sologne",
  "Gourmande",
  "du Sud",
  "des Flandres",
  "Occitane",
];
const NEW_BRANDS = BRAND_HEADS.flatMap((h) => BRAND_TAILS.map((t) => `${h} ${t}`));

const FLAVOURS: Record<string, string[]> = {
  Crèmerie: [
    "fraise",
    "vanille",
    "citron",
    "framboise",
    "noix de coco",
    "abricot",
    "myrtille",
    "pêche",
    "nature",
  ],
  Boissons: ["citron", "pêche", "framboise", "menthe", "gingembre", "orange", "fruits rouges", "mangue"],
  "Épicerie sucrée": [
    "chocolat noir",
    "caramel",
    "noisette",
    "amande",
    "vanille",
    "fruits rouges",
    "miel",
    "coco",
  ],
  "Épicerie salée": [
    "tomate basilic",
    "provençale",
    "à l'ail",
    "au curry",
    "piment d'Espelette",
    "aux herbes",
    "aux olives",
  ],
  Surgelés: ["à la provençale", "au fromage", "aux légumes", "au saumon", "à la bolognaise"],
  "Hygiène et entretien": ["citron", "lavande", "fleur de coton", "menthe", "amande douce", "aloe vera"],
};

interface Line {
  suffix: string;
  label?: string;
  priceFactor: number;
}
const LINES: Line[] = [
  { suffix: "", priceFactor: 1 },
  { suffix: "", priceFactor: 1 },
  { suffix: "", priceFactor: 1 },
  { suffix: "bio", label: "Bio", priceFactor: 1.35 },
  { suffix: "premium", priceFactor: 1.5 },
  { suffix: "allégé", priceFactor: 1.05 },
  { suffix: "sans sucres ajoutés", label: "Sans sucres", priceFactor: 1.1 },
  { suffix: "format familial", priceFactor: 0.92 },
  { suffix: "extra", priceFactor: 1.25 },
];

const GRAMS = [100, 125, 150, 180, 200, 250, 300, 350, 400, 500, 600, 750, 1000, 1500, 2000];
const MLS = [200, 250, 330, 500, 750, 1000, 1500, 2000];
const PIECES = [2, 4, 6, 8, 10, 12, 15, 20, 24, 30, 40, 60];
const PACKS = [1, 1, 1, 1, 2, 3, 4, 6, 8, 12];

function fmtAmount(amount: number, unit: "g" | "ml"): string {
  const dec = (n: number) => String(Math.round(n * 100) / 100).replace(".", ",");
  if (unit === "g") return amount >= 1000 ? `${dec(amount / 1000)} kg` : `${amount} g`;
  if (amount >= 1000) return `${dec(amount / 1000)} L`;
  return amount % 10 === 0 ? `${amount / 10} cl` : `${amount} ml`;
}

interface Family {
  name: string;
  category: string;
  topCategory: string;
  soldBy: CatalogLine["sold_by"];
  unit: "g" | "ml" | "piece" | "kg";
  net: number;
  price: number;
  labels: string[];
  brand: string | null;
  sales: number;
}

const MEASURE = /^(?:(\d+) ?x ?)?(\d+(?:,\d+)?) ?(kg|g|l|cl|ml|pièces?)$/i;

function family(r: Record<string, unknown>): Family | undefined {
  const q = String(r.quantity);
  const category = String(r.category);
  const base = {
    name: String(r.name),
    category,
    topCategory: category.split(" > ")[0]!,
    soldBy: r.sold_by as CatalogLine["sold_by"],
    price: Number(r.price),
    labels: (r.labels as string[]).filter((l) => l !== "Bio" && l !== "Marque distributeur"),
    brand: (r.brand as string | null) ?? null,
    sales: Number(r.sales_30d ?? 10),
  };
  if (/au kg/i.test(q)) return { ...base, unit: "kg", net: 1000 };
  const m = MEASURE.exec(q.trim());
  if (!m) return undefined;
  const count = Number(m[1] ?? 1);
  const amount = Number(m[2]!.replace(",", "."));
  const u = m[3]!.toLowerCase();
  if (u.startsWith("pi")) return { ...base, unit: "piece", net: count * amount };
  const factor = { kg: 1000, g: 1, l: 1000, cl: 10, ml: 1 }[u]!;
  return { ...base, unit: u === "kg" || u === "g" ? "g" : "ml", net: count * amount * factor };
}

export function loadFamilies(catalogPath: string): {
  families: Family[];
  referenceGtins: Set<string>;
  brandsByTop: Map<string, string[]>;
} {
  const rows = readFileSync(catalogPath, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  const families = rows.map(family).filter((f): f is Family => f !== undefined);
  // A reference brand only moves within its own aisle (no nappies from a rice brand).
  const brandsByTop = new Map<string, string[]>();
  for (const f of families) {
    if (!f.brand) continue;
    const list = brandsByTop.get(f.topCategory) ?? [];
    if (!list.includes(f.brand)) list.push(f.brand);
    brandsByTop.set(f.topCategory, list);
  }
  return { families, referenceGtins: new Set(rows.map((r) => String(r.gtin))), brandsByTop };
}

function pick<T>(list: readonly T[], rand: () => number): T {
  return list[Math.floor(rand() * list.length)]!;
}

/** `count` products with unique valid EAN-13s (prefix 3, none equal to a reference GTIN). */
export function* generateCatalog(count: number, seed: number, catalogPath: string): Generator<CatalogLine> {
  const rand = rng(seed);
  const { families, referenceGtins, brandsByTop } = loadFamilies(catalogPath);
  // An odd stride not divisible by 5 walks all 10^11 bodies before repeating: unique codes, spread out.
  const stride = 48_271_903_117;
  let cursor = (seed * 7_919) % 1e11;
  let made = 0;
  while (made < count) {
    cursor = (cursor + stride) % 1e11;
    const gtin = withCheckDigit(`3${String(cursor).padStart(11, "0")}`);
    if (referenceGtins.has(gtin)) continue;
    const f = pick(families, rand);
    const line = pick(LINES, rand);
    const flavours = FLAVOURS[f.topCategory];
    const flavour = flavours && rand() < 0.45 ? pick(flavours, rand) : "";
    const r = rand();
    const brand =
      f.brand === null
        ? null
        : r < 0.35
          ? f.brand
          : r < 0.7
            ? pick(brandsByTop.get(f.topCategory)!, rand)
            : pick(NEW_BRANDS, rand);
    let quantity: string;
    let net: number;
    let soldBy = f.soldBy;
    if (f.unit === "kg") {
      quantity = "au kg";
      net = 1000;
    } else if (f.unit === "piece") {
      net = pick(PIECES, rand);
      quantity = `${net} pièces`;
    } else {
      const pack = pick(PACKS, rand);
      const sizes = (f.unit === "g" ? GRAMS : MLS).filter((s) => s * pack <= Math.max(f.net * 4, 2000));
      const amount = pick(sizes.length ? sizes : [f.net], rand);
      net = pack * amount;
      quantity = pack > 1 ? `${pack} x ${fmtAmount(amount, f.unit)}` : fmtAmount(amount, f.unit);
      if (soldBy === "weight") soldBy = "unit";
    }
    const name = [f.name, flavour, line.suffix].filter(Boolean).join(" ");
    const noise = 0.85 + rand() * 0.3;
    const price = Math.max(0.15, f.price * (net / f.net) ** 0.9 * line.priceFactor * noise);
    const labels = [...f.labels];
    if (line.label && !labels.includes(line.label)) labels.push(line.label);
    // The reference's store brands: "Le Cabas" and its organic line "Le Cabas Bio".
    if (brand?.startsWith("Le Cabas")) labels.push("Marque distributeur");
    if (brand === "Le Cabas Bio" && !labels.includes("Bio")) labels.push("Bio");
    made++;
    yield {
      gtin,
      name,
      brand,
      quantity,
      category: f.category,
      labels,
      sold_by: soldBy,
      price: Math.round(price * 100) / 100,
      currency: "EUR",
      image: `https://cdn.panier.example/img/${gtin}.jpg`,
      description: `${name}${brand ? ` — ${brand}` : ""}, ${quantity}.`,
      // Popularity falls off like real sales: a few best sellers, a long tail.
      sales_30d: Math.floor(f.sales * rand() ** 3),
    };
  }
}

export const STORES = ["LYO-PARTDIEU", "PAR-VOLTAIRE", "TLS-PURPAN"] as const;

/** Offer lines for generated products: each store sells most of them, some with their own price or a promotion. */
export function offersFor(
  p: CatalogLine,
  rand: () => number,
  stores: readonly string[] = STORES,
): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const store of stores) {
    if (rand() > 0.8) continue;
    const offer: Record<string, unknown> = {
      store,
      gtin: p.gtin,
      stock: p.sold_by === "weight" ? Math.round(rand() * 400) / 10 : Math.floor(rand() * 300),
    };
    if (rand() < 0.1) offer.price = Math.round(p.price * (0.9 + rand() * 0.2) * 100) / 100;
    const r = rand();
    if (r < 0.04) offer.promotion = { type: "percent", value: pick([10, 20, 25, 30], rand), label: "Promo" };
    else if (r < 0.06) offer.promotion = { type: "second_item_percent", value: 50, label: "-50% sur le 2e" };
    else if (r < 0.07) offer.promotion = { type: "x_for_y", buy: 3, pay: 2, label: "3 pour 2" };
    out.push(offer);
  }
  return out;
}
