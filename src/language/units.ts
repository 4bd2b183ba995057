/**
 * Measure and container words a shopper says, in French and English, normalised (folded,
 * singular or plural). Mass in grams, volume in millilitres.
 *
 * - `mass` / `volume`: "un kilo", "500 grammes", "une livre" (the French half-kilo), "2 litres".
 * - `pack`: a multipack asked for ("un pack", "un lot de 8", "a six pack").
 * - `item`: the container of one item, which can come in packs ("six bouteilles", "trois boîtes
 *   de thon", "4 pots de yaourt"): a count of these may pick a multipack.
 * - `package`: the container of one selling unit ("deux paquets de lardons", "une plaquette de
 *   beurre"): a count of these is the quantity.
 * - `piece`: "trois pièces", "two units".
 */

export type UnitKind = "mass" | "volume" | "pack" | "item" | "package" | "piece";

export interface UnitWord {
  kind: UnitKind;
  /** Grams or millilitres per unit for mass and volume. */
  factor?: number;
  /** Canonical container name (French) for containers. */
  container?: string;
}

const MASS: Record<string, number> = {
  kilo: 1000,
  kilos: 1000,
  kg: 1000,
  kgs: 1000,
  kilogramme: 1000,
  kilogrammes: 1000,
  kilogram: 1000,
  kilograms: 1000,
  gramme: 1,
  grammes: 1,
  g: 1,
  gr: 1,
  gram: 1,
  grams: 1,
  livre: 500,
  livres: 500,
  pound: 454,
  pounds: 454,
  lb: 454,
  lbs: 454,
  ounce: 28,
  ounces: 28,
  oz: 28,
};

const VOLUME: Record<string, number> = {
  litre: 1000,
  litres: 1000,
  liter: 1000,
  liters: 1000,
  l: 1000,
  centilitre: 10,
  centilitres: 10,
  cl: 10,
  millilitre: 1,
  millilitres: 1,
  ml: 1,
  decilitre: 100,
  dl: 100,
  pint: 568,
  pints: 568,
};

const CONTAINERS: Record<string, { kind: "pack" | "item" | "package"; container: string }> = {};
function add(kind: "pack" | "item" | "package", container: string, words: string[]): void {
  for (const w of words) CONTAINERS[w] = { kind, container };
}
add("pack", "pack", ["pack", "packs", "multipack", "multipacks", "sixpack"]);
add("pack", "lot", ["lot", "lots"]);
add("pack", "carton", ["carton", "cartons", "fardeau", "fardeaux", "case", "cases", "crate", "crates"]);
add("item", "bouteille", ["bouteille", "bouteilles", "bottle", "bottles", "flacon", "flacons"]);
add("item", "canette", ["canette", "canettes", "cannette", "cannettes", "can", "cans", "cannet"]);
add("item", "brique", ["brique", "briques", "carton", "briquette", "briquettes"]);
add("item", "boite", ["boite", "boites", "tin", "tins", "conserve", "conserves"]);
add("item", "pot", ["pot", "pots", "jar", "jars", "tub", "tubs", "pots"]);
add("item", "tranche", ["tranche", "tranches", "slice", "slices"]);
add("item", "tablette", ["tablette", "tablettes", "bar", "bars"]);
add("item", "rouleau", ["rouleau", "rouleaux", "roll", "rolls"]);
add("package", "paquet", ["paquet", "paquets", "packet", "packets", "package", "packages", "pack"]);
add("package", "sachet", ["sachet", "sachets", "bag", "bags", "sac", "sacs"]);
add("package", "barquette", ["barquette", "barquettes", "tray", "trays", "punnet", "punnets"]);
add("package", "plaquette", ["plaquette", "plaquettes", "block", "blocks", "stick", "sticks"]);
add("package", "filet", ["filet", "filets", "net", "nets"]);
add("package", "botte", ["botte", "bottes", "bunch", "bunches", "bouquet", "bouquets"]);
add("package", "boite", ["box", "boxes"]);
// "pack" alone is a multipack in French; the English "packet" is the package.
CONTAINERS.pack = { kind: "pack", container: "pack" };
CONTAINERS.carton = { kind: "pack", container: "carton" };

const PIECES = new Set([
  "piece",
  "pieces",
  "unite",
  "unites",
  "unit",
  "units",
  "item",
  "items",
  "exemplaire",
]);

/** The measure or container a token names, or null. Tokens are normalised (folded). */
export function lookupUnit(token: string): UnitWord | null {
  const m = MASS[token];
  if (m !== undefined) return { kind: "mass", factor: m };
  const v = VOLUME[token];
  if (v !== undefined) return { kind: "volume", factor: v };
  const c = CONTAINERS[token];
  if (c) return { kind: c.kind, container: c.container };
  if (PIECES.has(token)) return { kind: "piece" };
  return null;
}

/** Glued measures as voice transcripts write them: "500g", "1.5l", "33cl", "2kg". */
export function splitGluedMeasure(token: string): [string, string] | null {
  const m = /^(\d+(?:\.\d+)?)([a-z]+)$/.exec(token);
  if (!m) return null;
  const unit = lookupUnit(m[2]!);
  if (!unit || (unit.kind !== "mass" && unit.kind !== "volume")) return null;
  return [m[1]!, m[2]!];
}
