#!/usr/bin/env python3
"""Builds probes.jsonl: a held-out probe set for the understanding engine.

Expected answers are derived from the reference catalog and DESIGN.md's rules (generic name ->
most-bought kind; spoken count of pack-sold goods -> the pack holding it; weights in grams), never
from the engine's output. Each probe names products by catalog filters, so the accept lists stay
right if the catalog order changes. Run: python3 test/understanding/build_probes.py
"""
import json
import os
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
CATALOG = os.path.join(HERE, "..", "..", "data", "demo", "catalog.fr.jsonl")
if not os.path.exists(CATALOG):
    CATALOG = os.path.join(HERE, "..", "..", "..", "shared", "data", "catalog.fr.jsonl")
P = [json.loads(l) for l in open(CATALOG, encoding="utf-8")]


def fold(s):
    return "".join(c for c in unicodedata.normalize("NFD", s.lower()) if unicodedata.category(c) != "Mn")


def sel(leaf=None, cat=None, brand=None, name=None, label=None, nolabel=None, size=None):
    """GTINs of products matching every filter (leaf: last category segment, exact; others: substrings)."""
    out = []
    for p in P:
        path = [fold(x) for x in p["category"].split(" > ")]
        if leaf and fold(leaf) not in (path[-1],) and not (isinstance(leaf, tuple)):
            continue
        if isinstance(leaf, tuple) and path[-1] not in [fold(x) for x in leaf]:
            continue
        if cat and fold(cat) not in fold(p["category"]):
            continue
        if brand and fold(p["brand"] or "") != fold(brand):
            continue
        if name and fold(name) not in fold(p["name"]):
            continue
        if label and label not in p["labels"]:
            continue
        if nolabel and nolabel in p["labels"]:
            continue
        if size and p["quantity"] not in (size if isinstance(size, tuple) else (size,)):
            continue
        out.append(p["gtin"])
    assert out, (leaf, cat, brand, name, label, size)
    return out


def q(gtins, n=1):
    return {"any": [{"accept": gtins, "quantity": n}]}


def w(gtins, grams):
    return {"any": [{"accept": gtins, "weight_g": grams}]}


def wr(gtins, lo, hi):
    return {"any": [{"accept": gtins, "weight_g_range": [lo, hi]}]}


def alt(*items):
    return {"any": [a for it in items for a in it["any"]]}


PROBES = []


def add(text, intent, *items, locale="fr-FR", customer=None):
    PROBES.append({"text": text, "locale": locale, "customer": customer,
                   "expect": {"intent": intent, "items": list(items)}})


def en(text, intent, *items, customer=None):
    add(text, intent, *items, locale="en-GB", customer=customer)


A = "add_to_cart"
# Kinds used by several probes.
MILK = sel(leaf="Lait demi-écrémé")
EGGS = sel(cat="Œufs")
BREAD = sel(leaf="Baguette") + sel(leaf="Pain de mie", name="nature")
COFFEE = sel(leaf="Café moulu")
LOO = sel(leaf="Papier toilette")

# --- Crèmerie
add("ajoute quatre yaourts à la vanille", A, q(sel(leaf="Yaourt aromatisé", size="4 x 125 g")))
add("mets du skyr", A, q(sel(leaf="Skyr")))
add("des yaourts à la grecque fage", A, q(sel(brand="Fage")))
add("un pot de fromage blanc d'un kilo", A, q(sel(leaf="Fromage blanc", size="1 kg")))
add("douze petits suisses", A, q(sel(leaf="Petits suisses", size="12 x 60 g")))
add("une demi-douzaine d'oeufs", A, q(sel(cat="Œufs", size="6 pièces")))
add("ajoute trente oeufs", A, q(sel(cat="Œufs", size="30 pièces")))
add("du comté", A, q(sel(leaf="Comté")))
add("un morceau de comté de 400 grammes", A, q(sel(leaf="Comté", size="400 g")))
add("une bûche de chèvre", A, q(sel(leaf="Bûche de chèvre")))
add("ajoute du roquefort", A, q(sel(leaf="Roquefort")))
add("trois mozzarellas", A, alt(q(sel(leaf="Mozzarella", size="3 x 125 g")), q(sel(leaf="Mozzarella", size="125 g"), 3)))
add("de la crème liquide président", A, q(sel(leaf="Crème liquide", brand="Président")))
add("du beurre doux bio", A, q(sel(leaf="Beurre doux", label="Bio")))
add("une plaquette de beurre de 500 grammes", A, q(sel(cat="Beurres", size="500 g")))
add("du lait écrémé", A, q(sel(leaf="Lait écrémé")))
add("du lait sans lactose", A, q(sel(leaf="Lait sans lactose")))
add("une brique de lait de soja", A, q(sel(leaf="Boisson au soja")))
add("six litres de lait entier", A, alt(q(sel(leaf="Lait entier", size="6 x 1 L")), q(sel(leaf="Lait entier", size="1 L"), 6)))
add("des crèmes dessert au chocolat", A, q(sel(leaf="Crème dessert chocolat")))
add("de la mousse au chocolat", A, q(sel(leaf="Mousse au chocolat")))
add("yaourts danone nature par huit", A, q(sel(leaf="Yaourt nature", brand="Danone", size="8 x 125 g", nolabel="Bio")))
# --- Brands said as they sound (speech recogniser spellings)
add("ajoute des yaourts danon", A, q(sel(brand="Danone", cat="Yaourts")))
add("de la confiture bonne mamen", A, q(sel(brand="Bonne Maman", cat="Confitures")))
add("du jambon erta", A, q(sel(brand="Herta", cat="Jambon")))
add("du jambon fleuri michon", A, q(sel(brand="Fleury Michon", cat="Jambon")))
add("des petits beurre lu", A, q(sel(brand="LU")))
add("du café lavaza", A, q(sel(brand="Lavazza", leaf="Café moulu")))
add("des spaghettis barila", A, q(sel(brand="Barilla", leaf="Spaghetti")))
add("du riz oncle bens", A, q(sel(brand="Uncle Ben's")))
add("des coquillettes lustucru", A, q(sel(brand="Lustucru", leaf="Coquillettes")))
add("une tablette de milca", A, q(sel(brand="Milka", size="100 g")))
add("du chocolat cote dor", A, q(sel(brand="Côte d'Or")))
add("un pack de cronenbourg", A, q(sel(brand="Kronenbourg", cat="Bière blonde", size=("6 x 25 cl", "12 x 25 cl"))))
add("de l'eau cristalline", A, q(sel(brand="Cristaline")))
add("un pack d'evianne", A, q(sel(brand="Evian", size=("6 x 1,5 L", "6 x 0,5 L"))))
add("du perier", A, q(sel(brand="Perrier")))
add("des couches pampeurs", A, q(sel(brand="Pampers")))
add("des croquettes ouiskas", A, q(sel(brand="Whiskas")))
add("du thon petit navir", A, q(sel(brand="Petit Navire")))
add("de la mayonnaise amorra", A, q(sel(brand="Amora", leaf="Mayonnaise")))
add("du pain de mie harris", A, q(sel(brand="Harrys", leaf="Pain de mie", name="nature")))
add("de la lessive arielle", A, q(sel(brand="Ariel")))
add("du dentifrice colgat", A, q(sel(brand="Colgate")))
add("du gel douche dove", A, q(sel(brand="Dove")))
add("des frites mac cain", A, q(sel(brand="McCain")))
add("une pizza bouitoni royale", A, q(sel(brand="Buitoni", leaf="Pizza royale")))
add("du saumon fumé labeiri", A, q(sel(brand="Labeyrie")))
add("des steaks hachés charral", A, q(sel(brand="Charal")))
add("du café carte noir en capsules", A, q(sel(brand="Carte Noire", cat="Capsules")))
add("ajoute du nutela", A, q(sel(brand="Nutella")))
add("du coca cola", A, q(sel(brand="Coca-Cola", leaf="Cola")))
# --- Épicerie salée / sucrée
add("un paquet de fusilli", A, q(sel(leaf="Fusilli")))
add("des tagliatelles", A, q(sel(leaf="Tagliatelles")))
add("du riz pour risotto", A, q(sel(leaf="Riz pour risotto")))
add("un kilo de semoule", A, q(sel(leaf="Semoule", size="1 kg")))
add("des lentilles vertes bio", A, q(sel(leaf="Lentilles vertes", label="Bio")))
add("deux boîtes de pois chiches", A, q(sel(leaf="Pois chiches"), 2))
add("de la farine", A, q(sel(leaf="Farine de blé")))
add("une bouteille d'huile de tournesol", A, q(sel(leaf="Huile de tournesol")))
add("du vinaigre balsamique", A, q(sel(leaf="Vinaigre balsamique")))
add("un pot de mayonnaise", A, q(sel(leaf="Mayonnaise")))
add("de la pulpe de tomates", A, q(sel(name="Pulpe de tomates")))
add("du concentré de tomates", A, q(sel(name="concentré de tomates")))
add("deux boîtes de sardines", A, q(sel(leaf="Sardines"), 2))
add("du maïs", A, q(sel(leaf="Maïs")))
add("des petits pois", A, q(sel(leaf="Petits pois")))
add("des haricots verts", A, q(sel(leaf="Haricots verts")))
add("des cubes de bouillon de volaille", A, q(sel(leaf="Bouillon de volaille")))
add("de la soupe de légumes", A, q(sel(leaf="Soupe de légumes")))
add("un paquet de chips", A, q(sel(leaf="Chips")))
add("des cacahuètes", A, q(sel(leaf="Cacahuètes")))
add("du sel", A, q(sel(leaf="Sel")))
add("du poivre", A, q(sel(leaf="Poivre")))
add("du café en grains", A, q(sel(leaf="Café en grains")))
add("du thé vert", A, q(sel(leaf="Thé vert")))
add("une tablette de chocolat noir", A, q(sel(leaf="Chocolat noir")))
add("du miel", A, q(sel(cat="Miels")))
add("de la confiture d'abricots", A, q(sel(leaf="Confiture d'abricots")))
add("du sucre en poudre", A, q(sel(leaf="Sucre en poudre")))
add("des corn flakes", A, q(sel(leaf="Corn flakes")))
add("du muesli", A, q(sel(leaf="Muesli")))
add("des madeleines", A, q(sel(leaf="Madeleines")))
add("des biscuits fourrés au chocolat", A, q(sel(leaf="Biscuits fourrés")))
add("des compotes de pommes", A, q(sel(leaf="Compote de pommes")))
# --- Boissons
add("une bouteille de jus de pomme", A, q(sel(leaf="Jus de pomme")))
add("du jus d'orange tropicana", A, q(sel(brand="Tropicana")))
add("de la limonade", A, q(sel(leaf="Limonade")))
add("du thé glacé à la pêche", A, q(sel(leaf="Thé glacé")))
add("du sirop de grenadine", A, q(sel(leaf="Sirop de grenadine")))
add("des bières sans alcool", A, q(sel(leaf="Bière sans alcool")))
add("deux bouteilles de rosé", A, q(sel(leaf="Vin rosé"), 2))
add("une bouteille de vin blanc", A, q(sel(leaf="Vin blanc")))
add("une bouteille de champagne", A, q(sel(leaf="Champagne brut")))
add("trois bouteilles de côtes du rhône", A, q(sel(name="Côtes du Rhône"), 3))
add("un pack de pepsi", A, q(sel(brand="Pepsi", leaf="Cola", size="6 x 33 cl")))
add("une bouteille de deux litres de coca", A, q(sel(brand="Coca-Cola", leaf="Cola", size="2 L")))
# --- Hygiène et entretien
add("un paquet d'essuie-tout", A, q(sel(leaf="Essuie-tout")))
add("des pastilles pour le lave-vaisselle", A, q(sel(leaf="Tablettes lave-vaisselle")))
add("du shampooing", A, q(sel(leaf="Shampooing")))
add("du gel douche", A, q(sel(leaf="Gel douche")))
add("du dentifrice", A, q(sel(leaf="Dentifrice")))
add("ajoute du sopalin", A, q(sel(brand="Sopalin")))
# --- Boucherie, charcuterie, poissonnerie
add("des blancs de poulet", A, q(sel(leaf="Blanc de poulet")))
add("un poulet entier", A, q(sel(leaf="Poulet entier")))
add("quatre steaks hachés", A, q(sel(leaf="Steaks hachés", size="4 x 100 g")))
add("huit saucisses de strasbourg", A, q(sel(leaf="Saucisses de Strasbourg", size="8 x 50 g")))
add("du jambon cru", A, q(sel(leaf="Jambon cru")))
add("des lardons nature", A, q(sel(leaf="Lardons nature")))
add("du saumon fumé", A, q(sel(cat="Saumon fumé")))
add("des crevettes", A, q(sel(cat="Crevettes")))
# --- Fruits et légumes
add("trois courgettes", A, wr(sel(leaf="Courgettes"), 400, 1200))
add("un kilo de carottes bio", A, w(sel(leaf="Carottes", label="Bio"), 1000))
add("une livre de tomates", A, w(sel(leaf="Tomates"), 500))
add("un demi kilo de poireaux", A, w(sel(leaf="Poireaux"), 500))
add("750 grammes d'oignons", A, w(sel(leaf="Oignons"), 750))
add("1,2 kg de pommes gala", A, w(sel(name="Pommes Gala"), 1200))
add("une salade", A, q(sel(leaf="Salades")))
add("deux concombres", A, q(sel(leaf="Concombres"), 2))
add("une barquette de fraises", A, q(sel(leaf="Fraises")))
add("des tomates cerises", A, q(sel(leaf="Tomates cerises")))
add("une tête d'ail", A, q(sel(leaf="Ail")))
add("des champignons de paris", A, q(sel(leaf="Champignons")))
add("un sac de pommes de terre de 5 kilos", A, q(sel(leaf="Pommes de terre", size="5 kg")))
add("quatre citrons bio", A, q(sel(leaf="Citrons", label="Bio"), 4))
add("des oranges", A, wr(sel(leaf="Oranges"), 200, 3000))
# --- Surgelés, pains, bébé, animaux
add("des épinards surgelés", A, q(sel(leaf="Épinards")))
add("des poissons panés", A, q(sel(cat="Poissons panés")))
add("de la glace à la vanille", A, q(sel(leaf="Glace vanille")))
add("une pizza royale", A, q(sel(leaf="Pizza royale")))
add("six croissants", A, q(sel(leaf="Croissants")))
add("une brioche", A, q(sel(cat="Brioches")))
add("trois baguettes", A, q(sel(leaf="Baguette"), 3))
add("des couches huggies", A, q(sel(brand="Huggies")))
add("des croquettes pour le chat purina", A, q(sel(brand="Purina One")))
# --- Quantity idioms
add("deux fois le pack de lait lactel", A, q(sel(brand="Lactel", leaf="Lait demi-écrémé", size="6 x 1 L", nolabel="Bio"), 2))
add("un kilo deux cents de bananes", A, w(sel(leaf="Bananes"), 1200))
add("2 kg de pommes golden", A, w(sel(name="Pommes Golden"), 2000))
add("ajoute un litre et demi de coca", A, q(sel(brand="Coca-Cola", leaf="Cola", size="1,5 L")))
add("vingt-quatre rouleaux de papier toilette", A, q(sel(leaf="Papier toilette", size="24 pièces")))
add("3 paquets de penne", A, q(sel(leaf="Penne"), 3))
add("une douzaine d'oeufs plein air", A, q(sel(leaf="Œufs plein air", size="12 pièces")))
add("le grand pot de nutella", A, q(sel(brand="Nutella", size="1 kg")))
add("le petit pot de nutella", A, q(sel(brand="Nutella", size="400 g")))
# --- French lists without articles, multi-item
add("lait oeufs pain", A, q(MILK), q(EGGS), q(BREAD))
add("beurre farine sucre", A, q(sel(cat="Beurres")), q(sel(leaf="Farine de blé")), q(sel(leaf="Sucre en poudre")))
add("ajoute des pâtes du riz et de l'huile d'olive", A, q(sel(cat="Pâtes >")), q(sel(cat="Riz >")), q(sel(leaf="Huile d'olive")))
add("mets deux baguettes ainsi qu'un camembert", A, q(sel(leaf="Baguette"), 2), q(sel(leaf="Camembert")))
add("du jambon, du fromage râpé, et des lardons", A, q(sel(leaf="Jambon blanc")), q(sel(leaf="Emmental râpé")), q(sel(leaf="Lardons fumés")))
add("un kilo de tomates et deux concombres", A, w(sel(leaf="Tomates"), 1000), q(sel(leaf="Concombres"), 2))
# --- Politeness, fillers
add("est-ce que tu pourrais m'ajouter du beurre demi-sel s'il te plaît", A, q(sel(leaf="Beurre demi-sel")))
add("euh ben mets-moi deux paquets de coquillettes", A, q(sel(leaf="Coquillettes"), 2))
add("alors je voudrais euh du ketchup merci", A, q(sel(leaf="Ketchup")))
add("tu peux me rajouter du papier toilette stp", A, q(LOO))
# --- Implicit requests
add("y a plus de café", A, q(COFFEE))
add("on n'a plus de PQ", A, q(LOO))
add("je n'ai plus de dentifrice", A, q(sel(leaf="Dentifrice")))
add("il me faut de la lessive", A, q(sel(leaf="Lessive liquide")))
add("on est à court de liquide vaisselle", A, q(sel(leaf="Liquide vaisselle")))
# --- Other intents, French
add("enlève le jambon", "remove_from_cart", q(sel(leaf="Jambon blanc")))
add("retire les croissants", "remove_from_cart", q(sel(leaf="Croissants")))
add("finalement pas de chips", "remove_from_cart", q(sel(leaf="Chips")))
add("mets-en deux", "set_quantity")
add("plutôt quatre", "set_quantity")
add("c'est combien le camembert", "product_info", q(sel(leaf="Camembert")))
add("vous avez des fraises", "product_info", q(sel(leaf="Fraises")))
add("le saumon fumé est en promo", "product_info", q(sel(cat="Saumon fumé")))
add("recommande la même chose que la dernière fois", "reorder", customer="cust-karim")
add("je veux payer", "checkout")
add("on peut finaliser la commande", "checkout")
add("livrez-moi jeudi entre 18 heures et 20 heures", "book_slot")
add("je viens chercher mes courses demain à 17 heures", "book_slot")
add("où en est ma commande", "order_status")
add("quand est-ce que ma livraison arrive", "order_status")
add("annule ma commande", "cancel_order")
add("reviens en arrière", "undo")
add("qu'est-ce que tu sais faire", "help")
add("comment ça marche", "help")
add("d'accord vas-y", "confirm")
add("oui c'est parfait", "confirm")
add("non c'est pas ça", "deny")
add("merci au revoir", "goodbye")
add("raconte-moi une blague", "other")
add("montre-moi mon panier", "view_cart")
add("vide mon panier", "clear_cart")
# --- English
en("add a pack of six eggs", A, q(sel(cat="Œufs", size="6 pièces")))
en("two pints of semi-skimmed", A, alt(q(sel(leaf="Lait demi-écrémé", size="1 L")), q(sel(leaf="Lait demi-écrémé", size="0,5 L"), 2)))
en("we're out of loo roll", A, q(LOO))
en("we've run out of toilet paper", A, q(LOO))
en("add some kitchen roll", A, q(sel(leaf="Essuie-tout")))
en("I need washing up liquid", A, q(sel(leaf="Liquide vaisselle")))
en("add dishwasher tablets", A, q(sel(leaf="Tablettes lave-vaisselle")))
en("some laundry detergent please", A, q(sel(leaf="Lessive liquide")))
en("add toothpaste", A, q(sel(leaf="Dentifrice")))
en("a bottle of shampoo", A, q(sel(leaf="Shampooing")))
en("add shower gel", A, q(sel(leaf="Gel douche")))
en("a pack of nappies", A, q(sel(cat="Couches")))
en("cat food", A, q(sel(leaf="Croquettes")))
en("add a packet of crisps", A, q(sel(leaf="Chips")))
en("frozen chips", A, q(sel(cat="Frites")))
en("add some ham", A, q(sel(leaf="Jambon blanc")))
en("chicken breasts", A, q(sel(leaf="Blanc de poulet")))
en("add smoked salmon", A, q(sel(cat="Saumon fumé")))
en("a bag of prawns", A, q(sel(cat="Crevettes")))
en("two tins of tuna", A, q(sel(leaf="Thon", size="140 g"), 2))
en("a tin of sweetcorn", A, q(sel(leaf="Maïs", size="285 g")))
en("add chickpeas", A, q(sel(leaf="Pois chiches")))
en("some plain flour", A, q(sel(leaf="Farine de blé")))
en("a bag of caster sugar", A, q(sel(leaf="Sucre en poudre")))
en("add some honey", A, q(sel(cat="Miels")))
en("strawberry jam", A, q(sel(leaf="Confiture de fraises")))
en("add cornflakes", A, q(sel(leaf="Corn flakes")))
en("a bar of dark chocolate", A, q(sel(leaf="Chocolat noir")))
en("add ground coffee", A, q(COFFEE))
en("coffee pods", A, q(sel(cat="Capsules")))
en("green tea", A, q(sel(leaf="Thé vert")))
en("add mayo", A, q(sel(leaf="Mayonnaise")))
en("a bottle of olive oil", A, q(sel(leaf="Huile d'olive")))
en("balsamic vinegar", A, q(sel(leaf="Vinaigre balsamique")))
en("a jar of pasta sauce", A, q(sel(leaf="Sauce tomate")))
en("add some sausages", A, q(sel(leaf="Saucisses de Strasbourg")))
en("add double cream", A, q(sel(cat="Crème fraîche épaisse")))
en("grated cheese", A, q(sel(leaf="Emmental râpé")))
en("add goat's cheese", A, q(sel(leaf="Bûche de chèvre")))
en("greek yoghurt", A, q(sel(leaf="Yaourt à la grecque")))
en("four strawberry yoghurts", A, q(sel(leaf="Yaourt aux fruits", size="4 x 125 g")))
en("add whole milk", A, q(sel(leaf="Lait entier")))
en("a bottle of still water", A, q(sel(leaf="Eau minérale plate", size="1,5 L")))
en("add apple juice", A, q(sel(leaf="Jus de pomme")))
en("a bottle of red wine", A, q(sel(leaf="Vin rouge")))
en("add a bottle of champagne", A, q(sel(leaf="Champagne brut")))
en("six cans of diet coke", A, q(sel(leaf="Cola sans sucres", brand="Coca-Cola", size="6 x 33 cl")))
en("alcohol free beer", A, q(sel(leaf="Bière sans alcool")))
en("add lemonade", A, q(sel(leaf="Limonade")))
en("add a loaf of sliced bread", A, q(sel(leaf="Pain de mie", name="nature")))
en("wholemeal bread", A, q(sel(leaf="Pain de mie", name="complet")))
en("add six croissants", A, q(sel(leaf="Croissants")))
en("a bag of basmati rice", A, q(sel(leaf="Riz basmati")))
en("add stock cubes", A, q(sel(leaf="Bouillon de volaille")))
en("add salt and pepper", A, q(sel(leaf="Sel")), q(sel(leaf="Poivre")))
en("fish fingers", A, q(sel(cat="Poissons panés")))
en("vanilla ice cream", A, q(sel(leaf="Glace vanille")))
en("frozen spinach", A, q(sel(leaf="Épinards")))
en("a kilo of onions", A, w(sel(leaf="Oignons"), 1000))
en("half a kilo of mushrooms", A, q(sel(leaf="Champignons", size="500 g")))
en("a pound of leeks", A, w(sel(leaf="Poireaux"), 454))
en("three lemons", A, q(sel(leaf="Citrons"), 3))
en("two zucchini", A, wr(sel(leaf="Courgettes"), 250, 900))
en("a lettuce and a cucumber", A, q(sel(leaf="Salades")), q(sel(leaf="Concombres")))
en("add milk eggs and bread", A, q(MILK), q(EGGS), q(BREAD))
en("could you please add some mozzarella", A, q(sel(leaf="Mozzarella")))
en("I'd like two packs of minced beef", A, q(sel(leaf="Steaks hachés"), 2))
en("take the crisps out", "remove_from_cart", q(sel(leaf="Chips")))
en("remove the bananas", "remove_from_cart", q(sel(leaf="Bananes")))
en("make it three", "set_quantity")
en("how much is the parmesan", "product_info", q(sel(leaf="Parmesan")))
en("do you have goat's cheese", "product_info", q(sel(leaf="Bûche de chèvre")))
en("order the same as last time", "reorder", customer="cust-emma")
en("I'm ready to pay", "checkout")
en("book a delivery slot for saturday morning", "book_slot")
en("where is my order", "order_status")
en("cancel my order", "cancel_order")
en("undo that", "undo")
en("what can you do", "help")
en("yes please", "confirm")
en("yeah go ahead", "confirm")
en("no thanks", "deny")
en("bye", "goodbye")
en("what time is it", "other")
en("empty my basket", "clear_cart")
en("show me my basket", "view_cart")

if __name__ == "__main__":
    with open(os.path.join(HERE, "probes.jsonl"), "w", encoding="utf-8") as f:
        for i, p in enumerate(PROBES, 1):
            f.write(json.dumps({"id": f"probe{i:03d}", **p}, ensure_ascii=False) + "\n")
    print(len(PROBES), "probes")
