import type { Intent } from "./types.js";

/**
 * Intent rules over the normalised utterance (folded, elisions split: "qu'est-ce" -> "qu est
 * ce"). Checked in order; the first that matches wins. Rules look for how people ask, in
 * French and English, with the fillers and politeness they add around it; they never look
 * for products (the caller decides between add_to_cart and other from the catalog).
 */

const DAYS =
  "lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|demain|apres demain|ce soir|cet apres midi|monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|tonight";
const NUM_WORD =
  "un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|quinze|vingt|one|two|three|four|five|six|seven|eight|nine|ten|twelve|\\d+";

interface Rule {
  intent: Intent;
  re: RegExp;
  /** Only when the whole utterance is short (answers like "oui", "non merci"). */
  short?: boolean;
  /** Longest utterance (in tokens) a `short` rule reads; 6 unless set. */
  maxTokens?: number;
}

const w = (s: string) => new RegExp(`(?:^| )(?:${s})(?: |$)`);

const RULES: Rule[] = [
  {
    intent: "deny",
    short: true,
    re: /^(?:(?:euh |ah |bah )?(?:non|nan|no|nope|nah|pas du tout|surtout pas|negatif|pas ca|c est pas ca|ce n est pas ca|pas celui la|not that|no way|ne le fais pas|don t|do not)(?: merci| thanks| thank you| non| no| pas maintenant| not now| c est bon| ca ira| ca va| plus tard| later| pas ca| c est pas ca| ce n est pas ca| pas celui la| not that| pas du tout| surtout pas)*)$/,
  },
  {
    intent: "confirm",
    short: true,
    re: /^(?:(?:euh |ah |bah |alors )?(?:oui|ouais|ouai|yes|yeah|yep|yup|ok|okay|d accord|dac|daccord|parfait|c est bon|c est parfait|ca marche|ca me va|exactement|exact|tout a fait|bien sur|volontiers|vas y|allez y|go|je confirme|confirme|confirmer|confirmed|sure|of course|correct|that s right|right|absolutely|affirmatif|carrement|super|nickel|impeccable|c est ca|sounds good|perfect|do it|please do|banco)(?: merci| thanks| thank you| oui| please| s il te plait| s il vous plait| c est ca| vas y| allez| go ahead| parfait| super| merci beaucoup| je confirme| that s it| c est parfait| c est bon| d accord| ok| okay| exactement| tout a fait| ca marche| ca me va| parfait| nickel| sounds good| perfect| do it| yes| oui)*)$/,
  },
  {
    intent: "goodbye",
    re: /^(?:(?:merci|thanks|thank you|ok|okay|bon|alors) )*(?:au revoir|bye|bye bye|goodbye|good bye|a bientot|a plus|ciao|tchao|allez salut|bonne journee|bonne soiree|bonne nuit|see you|see ya|a la prochaine|c est tout merci|ce sera tout|ca sera tout|that s all|that will be all|nothing else|rien d autre|c est tout)(?: merci| thanks| thank you| au revoir| bye| a bientot| bonne journee)*$/,
  },
  {
    intent: "help",
    re: w(
      "aide|aidez moi|aide moi|help|au secours|que peux tu faire|que sais tu faire|qu est ce que tu (?:peux|sais) faire|comment (?:ca marche|ca fonctionne|on fait|faire pour)|tu sers a quoi|what can you do|how does (?:this|it) work|how do i|je comprends pas|je ne comprends pas",
    ),
    short: true,
    // "qu'est-ce que tu sais faire" is seven words.
    maxTokens: 9,
  },
  {
    intent: "cancel_order",
    re: w(
      "annul\\w* (?:ma|la|mon|cette|toute la) (?:commande|livraison)|cancel (?:my|the|this) (?:order|delivery)|je ne veux plus (?:ma|la) commande",
    ),
  },
  {
    intent: "order_status",
    re: w(
      "ou en est (?:ma|la) commande|(?:suivi|statut|etat|suivre) (?:de )?(?:ma|la|mes) (?:commande|livraison)|quand (?:arrive|arrivera|sera livree|est livree) (?:ma|la) (?:commande|livraison)|(?:elle|il|ils|elles) (?:arrive|arrivera|arrivent) quand (?:ma|la|mes) (?:commande|livraison|courses)|quand (?:est ce que |est ce qu )?(?:ma|la|mes) (?:commande|livraison|courses) (?:arrive|arrivera|arrivent|arriveront|sera livree|seront livrees)|(?:ma|la) (?:commande|livraison) (?:arrive|arrivera|est partie|est en route|est prete)(?: quand)?$|ma commande (?:arrive|est partie|est en route|est prete)|when (?:will|does) my (?:order|delivery|shopping) (?:arrive|come|get here)|where s my order|where is my order|order status|track (?:my|the) order|has my order|when will my order|when is my order",
    ),
  },
  {
    intent: "reorder",
    re: w(
      "(?:refai|refais|refaire|refait|recommande|recommander|repete|repeter|renouvel\\w*|reprends|reprendre|relance\\w*) (?:\\w+ )?(?:ma |la |mes |les )?(?:derniere|dernieres|precedente|meme|memes) commande|(?:meme|la meme) commande que|meme chose que la (?:derniere|fois derniere)|comme la derniere fois|comme la semaine derniere|reorder|re order|same as last (?:time|week)|repeat my (?:last )?order|my (?:last|usual) order again|order (?:the same|my usual)|ma commande habituelle|mes courses habituelles|ma liste habituelle",
    ),
  },
  {
    intent: "clear_cart",
    re: w(
      "(?:vide|vider|videz|vides) (?:le |mon |tout le |la )?(?:panier|caddie|chariot|liste)|(?:vide|vider|videz) tout|(?:efface|effacer|supprime|supprimer|enleve|enlever|retire|retirer|vire|virer)\\w* tout(?: le panier| mon panier)?$|(?:tout )(?:effacer|supprimer|enlever|retirer|vider)|on recommence (?:a zero|tout)|recommencer a zero|empty (?:my|the) (?:basket|cart|trolley)|clear (?:my|the) (?:basket|cart|trolley)|clear (?:it|everything)|remove everything|delete everything|start (?:over|again)",
    ),
  },
  {
    intent: "undo",
    re: w(
      "annule (?:ca|cela|le dernier|la derniere|ce que|mon dernier|ma derniere|l action|la derniere action|le dernier ajout)|annule$|^annuler?$|undo|reviens en arriere|retour en arriere|oublie (?:ca|ce que|le dernier|la derniere)|c etait une erreur|je me suis trompe|scratch that|take that back|remove the last (?:item|thing|one)|(?:enleve|retire|supprime) (?:le dernier|la derniere) (?:article|produit|ajout|chose)|go back",
    ),
  },
  {
    intent: "book_slot",
    re: w(
      `creneau|creneaux|livraison|livrer|livrez|livre moi|livree|me livrer|(?:etre|me faire|se faire) livre|livre (?:${DAYS})|delivered|pick (?:it|them|my \\w+|the \\w+) up|(?:on|for) (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?: |$)|drive|retrait|click and collect|click collect|(?:passer|venir) (?:chercher|recuperer|prendre)|recuperer (?:ma|la|mes) (?:commande|courses)|passerai|viendrai|je passe (?:${DAYS})|delivery|deliver|slot|pick up|pickup|collect (?:my|the|it)|come and collect|rendez vous|reserve (?:pour|un|une)|(?:${DAYS}) (?:matin|midi|soir|a \\d+|vers \\d+|entre)|(?:a|vers|entre) \\d+ (?:h|heure|heures)(?: |$)`,
    ),
  },
  {
    intent: "checkout",
    re: w(
      "passer (?:la |ma |une |)commande|(?:finish|complete|finalise|finalize) (?:my|the) (?:order|shopping)|passe (?:la |ma )commande|valide\\w*|finalis\\w*|je (?:veux |voudrais |vais )?commander$|payer|paiement|paye|regler|reglement|je commande$|commande maintenant|checkout|check out|place (?:my|the|an) order|pay|payment|proceed to|confirm (?:my|the) order|submit (?:my|the) order|go to checkout|c est bon pour la commande|termine\\w*(?: la| ma)? commande|on peut commander",
    ),
  },
  {
    intent: "view_cart",
    re: w(
      "qu est ce qu il y a dans (?:mon|le|ma)|qu est ce que j ai dans|(?:mon|le) total|(?:voir|consulter|revoir|verifier) (?:mon|le|ma|la) (?:panier|commande|liste)|quoi dans (?:mon|le|ma) (?:panier|commande)|(?:my|the) total|how much do i owe|what (?:have i got|do i have|s|is) in (?:my|the) (?:basket|cart|trolley)|qu y a t il dans|que contient|contenu (?:de|du) (?:mon |ma |le |la )?(?:panier|commande)|(?:montre|affiche|lis|liste|relis|donne)\\w*(?: moi)? (?:mon|le|ma|la) (?:panier|commande|liste)|recapitul\\w*|recap|resume\\w* (?:mon|le|ma|la)|combien (?:fait|coute|coutent|ca fait|j en ai pour)(?: mon| le| ma| la)? ?(?:panier|commande|total)?$|^(?:mon|le) panier$|total (?:du|de mon) panier|where am i at|what s in (?:my|the) (?:basket|cart|trolley)|what is in (?:my|the) (?:basket|cart|trolley)|what do i have|show (?:me )?(?:my|the) (?:basket|cart|trolley)|read (?:me )?(?:my|the) (?:basket|cart)|(?:basket|cart) (?:summary|total)|^my (?:basket|cart)$|how much is my (?:basket|cart)|j ai quoi dans|ou en est mon panier",
    ),
  },
  {
    intent: "set_quantity",
    re: new RegExp(
      `(?:^| )(?:(?:mets|met|mettez|fais|faites|passe|passez|prends|prenez)(?: en| m en| moi en)? (?:plutot|finalement|seulement|juste) (?:${NUM_WORD})|plutot (?:${NUM_WORD})(?: |$)|j en (?:veux|voudrais|prends|mets) (?:plutot |finalement |seulement |juste )?(?:${NUM_WORD})(?: |$)|finalement (?:${NUM_WORD})(?: |$)|change\\w* (?:la )?quantite|modifi\\w* (?:la )?quantite|quantite (?:a|de) (?:${NUM_WORD})|(?:que|seulement|juste) (?:${NUM_WORD}) (?:au lieu|finalement)|au lieu de (?:${NUM_WORD})|make (?:it|that) (?:${NUM_WORD})|change (?:it|that|the quantity) to|only (?:${NUM_WORD}) instead|(?:${NUM_WORD}) instead of|passe\\w* (?:a|le \\w+ a|les \\w+ a) (?:${NUM_WORD})|mets en (?:${NUM_WORD})$)`,
    ),
  },
  {
    intent: "add_recipe",
    re: w(
      "recette|recettes|(?:want|going|like|need) to (?:make|cook|bake)|ingredients (?:pour|de|d)|de quoi faire|(?:pour|a) (?:faire|preparer|cuisiner) (?:un|une|des|le|la|les)|recipe|ingredients for|everything (?:i need )?for (?:a|an|the)|what i need (?:for|to make)",
    ),
  },
  {
    intent: "product_info",
    re: w(
      "combien (?:coute|coutent|vaut|valent|fait|font|ca coute|est)|combien de (?:calories|sucre|sucres|sel|grammes|proteines|matieres grasses)|calories|nutriscore|nutri score|valeurs? nutritionnelles?|est ce que (?:c est|il est|elle est) bio|est ce que (?:le|la|les|l|ce|cette|ces) (?:\\w+ ){1,4}(?:est|sont) (?:bio|vegan|halal|sans \\w+|francais|francaise|en promo\\w*)$|(?:is|are) (?:the|this|that|these|those|it|they) (?:\\w+ ){0,4}(?:organic|vegan|vegetarian|gluten free|halal|french|on offer|on sale)$|c est bio|is it organic|how many calories|quel (?:est )?(?:le )?prix|quels sont les prix|c est combien|ca coute combien|coute combien|prix (?:du|de|des|d)|est ce que vous avez|est ce qu il y a|vous avez|avez vous|tu as|y a t il|il y a (?:du|des|de la|de l)|vous vendez|vendez vous|en stock|disponible|dispo|(?:est|sont|c est) en (?:promo|promotion|solde|soldes)|en promo(?:tion)? (?:en ce moment|cette semaine)|il y a une promo|y a une promo|(?:is|are) (?:it|they|there|the \\w+(?: \\w+)?) on (?:offer|sale|promotion)|any (?:offers|deals|promotions) on|reste t il|il reste|how much (?:is|are|does|do)|do you (?:have|sell|stock)|have you got|is there any|are there any|price of|what does (?:the |a )?.* cost|contient|allergene|allergenes|ingredients? (?:du|de la|des|of)|origine|provenance|c est quoi|what is in|tell me about|info sur|informations sur",
    ),
  },
  {
    intent: "remove_from_cart",
    re: w(
      "enleve|enlever|enlevez|enleves|en leve|en lever|retire|retirer|retirez|supprime|supprimer|supprimez|ote|oter|otez|vire|virer|virez|remove|delete|take out|take off|take (?:\\w+ ){1,4}(?:out|off)$|get rid of|drop|plus besoin d?e?|je ne veux plus|je veux plus|don t want|do not want|no more|annule le|annule la|annule les",
    ),
  },
];

/** The intent of a normalised utterance, or null when no rule matched (product or other). */
export function detectIntent(normalised: string, tokenCount: number): Intent | null {
  const s = normalised;
  for (const rule of RULES) {
    if (rule.short && tokenCount > (rule.maxTokens ?? 6)) continue;
    if (rule.re.test(s)) return rule.intent;
  }
  return null;
}

/** Saying that something ran out is asking for more ("je n'ai plus de lait", "we're out of eggs"). */
export const IMPLICIT_ADD =
  /(?:^| )(?:n ai plus d|n y a plus d|il y a plus d|y a plus d|j ai plus d|on a plus d|nous n avons plus d|il me faut|il nous faut|faut (?:du|de la|des|d)|j ai besoin d|besoin d|plus de (?:\w+ )?(?:du tout)?$|(?:we re|we are|i m|i am) (?:out of|running out of|low on)|ran out of|run out of|(?:we ve|i ve|we have|i have|we|i) (?:got )?no (?:\w+ ){1,3}left|(?:there s|there is) no (?:\w+ ){1,3}left|(?:we re|we are|i m|i am) (?:all )?out of|need (?:some|more)|i need|we need)/;
