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
  ];
  return {
    interactionModel: {
      languageModel: { invocationName, intents, types: [] as unknown[] },
    },
  };
}

export const MODEL_LOCALES: ModelLocale[] = ["fr-FR", "en-GB"];
