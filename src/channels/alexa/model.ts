/**
 * The skill's interaction model: Alexa only recognises, Panier understands. Every utterance
 * reaches Panier as raw text through intents whose one slot is an AMAZON.SearchQuery. Amazon
 * requires a carrier phrase beside a SearchQuery slot and no other slot in the same sample, so
 * there is one intent per carrier phrase ("ajoute {query}"): the intent's name tells the
 * adapter which carrier was said, and the adapter rebuilds the whole sentence from it.
 */
export type ModelLocale = "fr-FR" | "en-GB";

export const QUERY_SLOT = "query";

const CARRIERS: Record<ModelLocale, string[]> = {
  "fr-FR": [
    "ajoute",
    "rajoute",
    "ajouter",
    "mets",
    "mettre",
    "remets",
    "prends",
    "achète",
    "il me faut",
    "il faut",
    "je veux",
    "je voudrais",
    "j'aimerais",
    "donne moi",
    "commande",
    "recommande",
    "enlève",
    "retire",
    "supprime",
    "enlever",
    "pas de",
    "plus de",
    "change",
    "remplace",
    "vide",
    "qu'est-ce qu'il y a",
    "qu'est-ce que",
    "combien",
    "quel",
    "quelle",
    "quels",
    "quelles",
    "est-ce que",
    "est-ce qu'il y a",
    "c'est",
    "le",
    "la",
    "les",
    "un",
    "une",
    "des",
    "du",
    "de la",
    "deux",
    "trois",
    "quatre",
    "cinq",
    "six",
    "dix",
    "pour",
    "plutôt",
    "prends plutôt",
    "réserve",
    "livraison",
    "livre moi",
    "retrait",
    "créneau",
    "demain",
    "samedi",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "dimanche",
    "annule",
    "valide",
    "passe",
    "finalise",
    "refais",
    "comme",
    "recette",
    "mon",
    "ma",
    "mes",
  ],
  "en-GB": [
    "add",
    "put",
    "get",
    "buy",
    "i need",
    "i want",
    "i'd like",
    "give me",
    "order",
    "reorder",
    "remove",
    "take out",
    "delete",
    "no more",
    "change",
    "replace",
    "swap",
    "empty",
    "clear",
    "what's",
    "what is",
    "what",
    "how much",
    "how many",
    "which",
    "is there",
    "do you have",
    "it's",
    "the",
    "a",
    "an",
    "some",
    "two",
    "three",
    "four",
    "five",
    "six",
    "ten",
    "for",
    "make it",
    "book",
    "deliver",
    "delivery",
    "collection",
    "pick up",
    "slot",
    "tomorrow",
    "saturday",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "sunday",
    "cancel",
    "confirm",
    "check out",
    "checkout",
    "place",
    "undo",
    "same as",
    "recipe",
    "my",
  ],
};

/**
 * Short answers said alone (to "Lequel ?", "Combien ?"): a SearchQuery slot cannot stand
 * without a carrier, so each is an intent of its own with no slot, and the adapter says it back
 * to Panier word for word. Built-in intents already cover yes, no, help, stop and cancel.
 */
const BARE: Record<ModelLocale, string[]> = {
  "fr-FR": [
    "le premier",
    "le deuxième",
    "le second",
    "le troisième",
    "la première",
    "la deuxième",
    "la seconde",
    "la troisième",
    "le dernier",
    "la dernière",
    "aucun",
    "aucune",
    "aucun des deux",
    "le moins cher",
    "la moins chère",
    "le bio",
    "la bio",
    "un",
    "une",
    "deux",
    "trois",
    "quatre",
    "cinq",
    "six",
    "sept",
    "huit",
    "neuf",
    "dix",
    "douze",
    "c'est tout",
    "rien d'autre",
    "ce sera tout",
    "mon panier",
    "commander",
    "je veux commander",
    "valider",
    "qu'est-ce qu'il y a dans mon panier",
    "où en est ma commande",
    "comme d'habitude",
    "merci",
    "au revoir",
  ],
  "en-GB": [
    "the first one",
    "the second one",
    "the third one",
    "the last one",
    "the first",
    "the second",
    "the third",
    "none",
    "none of them",
    "the cheapest",
    "the cheapest one",
    "the organic one",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "twelve",
    "that's all",
    "nothing else",
    "my basket",
    "check out",
    "place my order",
    "what's in my basket",
    "where is my order",
    "the usual",
    "thank you",
    "goodbye",
  ],
};

export const bareIntentName = (phrase: string) => carrierIntentName(phrase).replace(/^Panier_/, "PanierSay_");

/** Carrier phrase -> intent name (letters and underscores only, as Alexa requires). */
export function carrierIntentName(carrier: string): string {
  const letters = carrier
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[^A-Za-z]+/g, "_")
    .replace(/^_+|_+$/g, "");
  return `Panier_${letters}`;
}

/** The carrier phrases each intent stands for, by locale and intent name. */
const BY_INTENT = new Map<string, string>();
for (const [locale, carriers] of Object.entries(CARRIERS)) {
  for (const carrier of carriers) BY_INTENT.set(`${locale}:${carrierIntentName(carrier)}`, carrier);
}
for (const [locale, phrases] of Object.entries(BARE)) {
  for (const phrase of phrases) BY_INTENT.set(`${locale}:${bareIntentName(phrase)}`, phrase);
}

/** The carrier phrase of one of our intents, or undefined for any other intent. */
export function carrierOf(locale: string, intentName: string): string | undefined {
  const model: ModelLocale = locale.startsWith("fr") ? "fr-FR" : "en-GB";
  return BY_INTENT.get(`${model}:${intentName}`);
}

/** Rebuilds what the shopper said ("l'" joins without a space: "l'huile"). */
export function sentence(carrier: string, query: string): string {
  return carrier.endsWith("'") ? `${carrier}${query}` : `${carrier} ${query}`;
}

const BUILT_IN = [
  "AMAZON.YesIntent",
  "AMAZON.NoIntent",
  "AMAZON.HelpIntent",
  "AMAZON.StopIntent",
  "AMAZON.CancelIntent",
  "AMAZON.FallbackIntent",
  "AMAZON.NavigateHomeIntent",
];

const INVOCATION: Record<ModelLocale, string> = { "fr-FR": "mon panier", "en-GB": "my basket" };

/** The JSON the Alexa developer console / ASK CLI takes as the skill's interaction model. */
export function alexaInteractionModel(locale: ModelLocale, invocationName = INVOCATION[locale]) {
  const intents: { name: string; slots?: { name: string; type: string }[]; samples: string[] }[] = [
    ...BUILT_IN.map((name) => ({ name, samples: [] as string[] })),
    ...CARRIERS[locale].map((carrier) => ({
      name: carrierIntentName(carrier),
      slots: [{ name: QUERY_SLOT, type: "AMAZON.SearchQuery" }],
      samples: [sentence(carrier, `{${QUERY_SLOT}}`)],
    })),
    ...BARE[locale].map((phrase) => ({ name: bareIntentName(phrase), samples: [phrase] })),
  ];
  return {
    interactionModel: {
      languageModel: { invocationName, intents, types: [] as unknown[] },
    },
  };
}

export const MODEL_LOCALES: ModelLocale[] = ["fr-FR", "en-GB"];
