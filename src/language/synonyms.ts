import { stem } from "./stem.js";

/**
 * Grocery vocabulary bridges, applied to query words before they meet the French catalog.
 *
 * `PHRASES` rewrite multi-word expressions (English names of French products, French idioms)
 * into catalog words; `WORDS` map one word to catalog words. Both are about the language of
 * groceries, not about any one catalog: the catalog's own words (names, brands, categories,
 * labels) are indexed directly.
 */

const PHRASES: [string, string][] = [
  // English -> French catalog words
  ["semi skimmed", "demi ecreme"],
  ["half fat", "demi ecreme"],
  ["2 percent", "demi ecreme"],
  ["skimmed", "ecreme"],
  ["skim", "ecreme"],
  ["whole milk", "lait entier"],
  ["full fat", "entier"],
  ["full cream", "entier"],
  ["mince", "steak hache"],
  ["squash", "sirop"],
  ["cordial", "sirop"],
  ["tinned tomato", "pulpe tomate"],
  ["canned tomato", "pulpe tomate"],
  ["fizzy drink", "soda"],
  ["soft drink", "soda"],
  ["free range", "plein air"],
  ["salted butter", "beurre demi sel"],
  ["unsalted butter", "beurre doux"],
  ["sparkling water", "eau gazeuse"],
  ["fizzy water", "eau gazeuse"],
  ["still water", "eau plate"],
  ["mineral water", "eau minerale"],
  ["orange juice", "jus orange"],
  ["apple juice", "jus pomme"],
  ["oat milk", "boisson avoine"],
  ["oat drink", "boisson avoine"],
  ["soy milk", "boisson soja"],
  ["soya milk", "boisson soja"],
  ["toilet paper", "papier toilette"],
  ["toilet roll", "papier toilette"],
  ["loo roll", "papier toilette"],
  ["kitchen roll", "essuie tout"],
  ["paper towel", "essuie tout"],
  ["washing up liquid", "liquide vaisselle"],
  ["dish soap", "liquide vaisselle"],
  ["dishwasher tablet", "tablette lave vaisselle"],
  ["dishwasher tab", "tablette lave vaisselle"],
  ["dishwasher pod", "tablette lave vaisselle"],
  ["parma ham", "jambon cru"],
  ["cured ham", "jambon cru"],
  ["serrano ham", "jambon cru"],
  ["hot dog sausage", "saucisse strasbourg"],
  ["saucisse knacki", "saucisse strasbourg"],
  ["washing liquid", "lessive liquide"],
  ["washing powder", "lessive"],
  ["laundry", "lessive"],
  ["laundry detergent", "lessive"],
  ["shower gel", "gel douche"],
  ["body wash", "gel douche"],
  ["ground coffee", "cafe moulu"],
  ["coffee bean", "cafe grain"],
  ["coffee pod", "capsule cafe"],
  ["coffee capsule", "capsule cafe"],
  ["green tea", "the vert"],
  ["iced tea", "the glace"],
  ["ice cream", "creme glacee"],
  ["sour cream", "creme fraiche"],
  ["double cream", "creme fraiche epaisse"],
  ["single cream", "creme liquide"],
  ["whipping cream", "creme liquide"],
  ["cream cheese", "fromage frais"],
  ["cottage cheese", "fromage blanc"],
  ["goat cheese", "buche chevre"],
  ["goats cheese", "buche chevre"],
  ["grated cheese", "emmental rape"],
  ["sliced bread", "pain mie"],
  ["white bread", "pain mie"],
  ["wholemeal bread", "pain mie complet"],
  ["whole wheat bread", "pain mie complet"],
  ["brown bread", "pain mie complet"],
  ["french stick", "baguette"],
  ["olive oil", "huile olive"],
  ["sunflower oil", "huile tournesol"],
  ["rapeseed oil", "huile colza"],
  ["canola oil", "huile colza"],
  ["tomato sauce", "sauce tomate"],
  ["pasta sauce", "sauce tomate"],
  ["chopped tomato", "pulpe tomate"],
  ["tomato puree", "concentre tomate"],
  ["tomato paste", "concentre tomate"],
  ["cherry tomato", "tomate cerise"],
  ["green bean", "haricot vert"],
  ["sweet corn", "mais doux"],
  ["sweetcorn", "mais doux"],
  ["chick pea", "pois chiche"],
  ["chickpea", "pois chiche"],
  ["garden pea", "petit pois"],
  ["pea", "petit pois"],
  ["minced beef", "steak hache"],
  ["ground beef", "steak hache"],
  ["beef burger", "steak hache"],
  ["chicken breast", "blanc poulet"],
  ["chicken fillet", "blanc poulet"],
  ["whole chicken", "poulet entier"],
  ["smoked salmon", "saumon fume"],
  ["fish finger", "poisson pane"],
  ["fish stick", "poisson pane"],
  ["bacon lardon", "lardon"],
  ["smoked bacon", "lardon fume"],
  ["cured ham", "jambon cru"],
  ["cooked ham", "jambon blanc"],
  ["cat food", "croquette chat"],
  ["cat biscuit", "croquette chat"],
  ["red wine", "vin rouge"],
  ["white wine", "vin blanc"],
  ["rose wine", "vin rose"],
  ["corn flake", "corn flakes"],
  ["peanut", "cacahuete"],
  ["crisps", "chips"],
  ["jam", "confiture"],
  ["spread", "pate tartiner"],
  ["chocolate spread", "pate tartiner"],
  ["dark chocolate", "chocolat noir"],
  ["milk chocolate", "chocolat au lait"],
  ["apple sauce", "compote pomme"],
  ["stock cube", "bouillon"],
  ["lager", "biere blonde"],
  ["alcohol free", "sans alcool"],
  ["non alcoholic", "sans alcool"],
  ["lactose free", "sans lactose"],
  ["sugar free", "zero sucre"],
  ["diet", "zero"],
  ["no sugar", "zero sucre"],
  ["caster sugar", "sucre poudre"],
  ["granulated sugar", "sucre poudre"],
  ["sugar cube", "sucre morceau"],
  ["sugar lump", "sucre morceau"],
  ["plain flour", "farine ble"],
  ["long grain", "long grain"],
  ["extra virgin", "vierge extra"],
  ["plain yoghurt", "yaourt nature"],
  ["plain yogurt", "yaourt nature"],
  ["natural yoghurt", "yaourt nature"],
  ["greek yoghurt", "yaourt grecque"],
  ["greek yogurt", "yaourt grecque"],
  ["ketchup", "ketchup"],
  // French idioms -> catalog words
  ["papier toilettes", "papier toilette"],
  ["papier wc", "papier toilette"],
  ["papier hygienique", "papier toilette"],
  ["pq", "papier toilette"],
  ["sopalin", "essuie tout"],
  ["lait d avoine", "boisson avoine"],
  ["lait avoine", "boisson avoine"],
  ["lait de soja", "boisson soja"],
  ["lait soja", "boisson soja"],
  ["eau petillante", "eau gazeuse"],
  ["eau plate", "eau minerale plate"],
  ["beurre sale", "beurre demi sel"],
  ["creme epaisse", "creme fraiche epaisse"],
  ["pommes de terre", "pomme terre"],
  ["patates", "pomme terre"],
  ["patate", "pomme terre"],
  ["steak hache", "steak hache"],
  ["jus d orange", "jus orange"],
  ["yaourt grec", "yaourt grecque"],
  ["yogourt", "yaourt"],
  ["yoghourt", "yaourt"],
  ["pates", "pate"],
  ["huile d olive", "huile olive"],
  ["liquide vaisselle", "liquide vaisselle"],
  ["pastilles lave vaisselle", "tablette lave vaisselle"],
  ["capsules nespresso", "capsule nespresso"],
  ["vin rouge", "vin rouge"],
  ["mousse au chocolat", "mousse chocolat"],
  ["cereales", "cereale"],
  ["sans sucre", "zero sucre"],
  ["coca light", "coca zero"],
  ["gruyere rape", "emmental rape"],
  ["gruyere", "emmental"],
  ["dosette", "capsule"],
  ["dosettes", "capsule"],
  ["pepsi max", "pepsi zero"],
  ["coca cola light", "coca cola zero"],
];

const WORDS: Record<string, string> = {
  // English single words -> French catalog words
  milk: "lait",
  butter: "beurre",
  egg: "oeuf",
  eggs: "oeuf",
  cheese: "fromage",
  cream: "creme",
  yoghurt: "yaourt",
  yogurt: "yaourt",
  yoghurts: "yaourt",
  yogurts: "yaourt",
  bread: "pain",
  loaf: "pain",
  baguette: "baguette",
  croissant: "croissant",
  brioche: "brioche",
  pasta: "pate",
  spaghetti: "spaghetti",
  rice: "riz",
  flour: "farine",
  sugar: "sucre",
  salt: "sel",
  pepper: "poivre",
  oil: "huile",
  vinegar: "vinaigre",
  mustard: "moutarde",
  mayo: "mayonnaise",
  coffee: "cafe",
  tea: "the",
  chocolate: "chocolat",
  honey: "miel",
  biscuit: "biscuit",
  biscuits: "biscuit",
  cookies: "biscuit",
  cereal: "cereale",
  cereals: "cereale",
  water: "eau",
  juice: "jus",
  beer: "biere",
  beers: "biere",
  wine: "vin",
  cola: "cola",
  coke: "coca",
  lemonade: "limonade",
  syrup: "sirop",
  apple: "pomme",
  apples: "pomme",
  banana: "banane",
  bananas: "banane",
  orange: "orange",
  oranges: "orange",
  lemon: "citron",
  lemons: "citron",
  strawberry: "fraise",
  strawberries: "fraise",
  avocado: "avocat",
  avocados: "avocat",
  tomato: "tomate",
  tomatoes: "tomate",
  carrot: "carotte",
  carrots: "carotte",
  potato: "pomme terre",
  potatoes: "pomme terre",
  onion: "oignon",
  onions: "oignon",
  garlic: "ail",
  courgette: "courgette",
  courgettes: "courgette",
  zucchini: "courgette",
  zucchinis: "courgette",
  lettuce: "laitue",
  salad: "salade",
  cucumber: "concombre",
  cucumbers: "concombre",
  mushroom: "champignon",
  mushrooms: "champignon",
  leek: "poireau",
  leeks: "poireau",
  spinach: "epinard",
  ham: "jambon",
  bacon: "lardon",
  chicken: "poulet",
  beef: "boeuf",
  sausage: "saucisse",
  sausages: "saucisse",
  salmon: "saumon",
  prawn: "crevette",
  prawns: "crevette",
  shrimp: "crevette",
  shrimps: "crevette",
  tuna: "thon",
  sardine: "sardine",
  sardines: "sardine",
  lentils: "lentille",
  lentil: "lentille",
  semolina: "semoule",
  couscous: "semoule",
  soup: "soupe",
  chips: "frite",
  fries: "frite",
  pizza: "pizza",
  toothpaste: "dentifrice",
  shampoo: "shampooing",
  nappies: "couche",
  nappy: "couche",
  diapers: "couche",
  diaper: "couche",
  detergent: "lessive",
  organic: "bio",
  plain: "nature",
  natural: "nature",
  grated: "rape",
  smoked: "fume",
  sparkling: "gazeuse",
  fizzy: "gazeuse",
  still: "plate",
  whole: "entier",
  light: "leger",
  vanilla: "vanille",
  peach: "peche",
  red: "rouge",
  white: "blanc",
  green: "vert",
  black: "noir",
  dark: "noir",
  sliced: "tranche",
  frozen: "surgele",
  fresh: "frais",
  sweet: "doux",
  mild: "doux",
  strong: "fort",
  hot: "fort",
  ground: "moulu",
  instant: "soluble",
  frankfurter: "saucisse strasbourg",
  wiener: "saucisse strasbourg",
  prosciutto: "jambon cru",
  // French everyday words -> catalog words
  // "Knacki", a brand name shoppers use for any Strasbourg sausage.
  knacki: "saucisse strasbourg",
  knackis: "saucisse strasbourg",
  coca: "coca",
  pinard: "vin",
  flotte: "eau",
  yaourts: "yaourt",
  yahourt: "yaourt",
  spaghettis: "spaghetti",
  pennes: "penne",
  zero: "zero",
};

function stemPhrase(phrase: string): string[] {
  return phrase.split(" ").filter(Boolean).map(stem);
}

/** Phrase rewrites as stemmed token sequences, longest first. */
const STEMMED_PHRASES: { from: string[]; to: string[] }[] = PHRASES.map(([from, to]) => ({
  from: stemPhrase(from),
  to: stemPhrase(to),
})).sort((a, b) => b.from.length - a.from.length);

const STEMMED_WORDS = new Map<string, string[]>();
for (const [from, to] of Object.entries(WORDS)) {
  if (from.endsWith("_")) continue;
  STEMMED_WORDS.set(stem(from), stemPhrase(to));
}

/**
 * Rewrites stemmed query tokens into catalog words: English names, French idioms. Tokens that
 * the catalog itself knows (`known`) are left alone unless a multi-word phrase claims them.
 */
export function bridgeVocabulary(stems: string[], known?: (t: string) => boolean): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < stems.length) {
    let done = false;
    for (const p of STEMMED_PHRASES) {
      if (p.from.length < 2 && known?.(stems[i]!)) continue;
      if (i + p.from.length > stems.length) continue;
      let ok = true;
      for (let k = 0; k < p.from.length; k++) {
        if (stems[i + k] !== p.from[k]) {
          ok = false;
          break;
        }
      }
      if (ok) {
        out.push(...p.to);
        i += p.from.length;
        done = true;
        break;
      }
    }
    if (done) continue;
    const t = stems[i]!;
    const w = STEMMED_WORDS.get(t);
    // A word the catalog itself uses keeps its own meaning ("chips", "orange").
    if (w && !known?.(t)) out.push(...w);
    else out.push(t);
    i++;
  }
  return out.filter(Boolean);
}

/** Phrases of two words or more, by their first stemmed word. */
const LONG_PHRASES = new Map<string, string[][]>();
for (const p of STEMMED_PHRASES) {
  if (p.from.length < 2) continue;
  const list = LONG_PHRASES.get(p.from[0]!) ?? [];
  list.push(p.from);
  LONG_PHRASES.set(p.from[0]!, list);
}

/**
 * Length of the grocery phrase (two words or more) that starts at `words[i]`, or 0: lets readers
 * keep "stock cube" whole where "stock" alone is no product word ("en stock").
 */
export function phraseLengthAt(words: readonly string[], i: number): number {
  const list = LONG_PHRASES.get(stem(words[i] ?? ""));
  if (!list) return 0;
  for (const from of list) {
    if (i + from.length > words.length) continue;
    let ok = true;
    for (let k = 1; k < from.length; k++) {
      if (stem(words[i + k]!) !== from[k]) {
        ok = false;
        break;
      }
    }
    if (ok) return from.length;
  }
  return 0;
}
