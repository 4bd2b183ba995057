/**
 * Words around product names that are not product words: request verbs, pronouns, fillers,
 * politeness, cart words, question words (fr and en, normalised). Dropped from mentions.
 */
export const NON_PRODUCT = new Set(
  `
ajoute ajouter ajoutez ajoutes rajoute rajouter rajoutez remets remettre mets met mettre mettez metsmoi
prends prendre prenez donne donner donnez commande commander achete acheter achetez
voudrais voudrait voudrions veux veut voulons voulez vouloir aimerais aimerait aimerions souhaite souhaiterais
faut fallait faudrait faudra besoin manque manquent
enleve enlever enlevez enleves retire retirer retirez supprime supprimer supprimez ote oter otez vire virer virez
rajout ajout
je j moi me m tu te toi vous nous on il ils elle elles lui leur en y ca cela ceci ici la-bas
est sont es ai as avons avez ont a etait sera serait c ce cette
peux peut pouvez pourrais pourriez pourrait
euh heu hum hmm bon alors ben bah ah oh eh voila bref donc enfin genre
plait svp stp merci please thanks thank pls
aussi encore egalement autre autres
panier caddie caddy chariot liste courses basket cart trolley list shopping
combien coute coutent cout vaut valent prix quel quelle quels quelles tarif
avez vendez vend vendu stock disponible dispo reste
plus pas ne n non ni jamais rien
fait faire font
add put get give buy order grab pick want wanted need needs needed like would could can will shall should
i you we us they it its me my mine our your
is are was be been have has had do does did got
also too again another more just only
how much many what whats which there here this that these those
please kindly
est-ce estce
svp
peux-tu
oui ok okay
re ve ll s t d out ran run running low
make made actually instead comme
don doesn didn anymore longer left leve lever
chose choses truc trucs machin bidule quelque quelques plusieurs peu beaucoup something thing things stuff few several lots
plutot finalement seulement juste instead lieu place
bien mur murs mure mures ripe nice good bon bons bonne bonnes beau beaux belle belles
promo promos promotion promotions solde soldes offre offres offer offers sale deal deals reduction
`
    .split(/\s+/)
    .filter(Boolean),
);

/** Possessives and habit words: the shopper's usual product. */
export const HABIT = new Set([
  "mon",
  "ma",
  "mes",
  "habituel",
  "habituelle",
  "habituels",
  "habituelles",
  "habitude",
  "hab",
  "toujours",
  "usual",
  "always",
  "regular",
  "same",
]);

/** Words that begin a new item after "et" / "and" / "plus". */
export const ITEM_START = new Set([
  "du",
  "de",
  "des",
  "d",
  "un",
  "une",
  "le",
  "la",
  "les",
  "l",
  "mon",
  "ma",
  "mes",
  "quelques",
  "some",
  "a",
  "an",
  "the",
  "my",
  "aussi",
  "also",
]);

export const SIZE_LARGE = new Set([
  "grand",
  "grande",
  "grands",
  "grandes",
  "gros",
  "grosse",
  "big",
  "large",
  "larger",
  "bigger",
  "familial",
  "familiale",
  "maxi",
  "geant",
  "family",
]);
export const SIZE_SMALL = new Set([
  "petit",
  "petite",
  "petits",
  "petites",
  "small",
  "smaller",
  "mini",
  "little",
]);
export const SIZE_NOUNS = new Set([
  "format",
  "modele",
  "taille",
  "size",
  "one",
  "version",
  "conditionnement",
]);
