"""French (accents optional; "n'arrive" is read as "n arrive")."""

from chat.safety.categories import Category

_CHILD = "bebe/nourrisson/enfant/fils/fille/petit/petite"

RED_FLAGS = {
    Category.CHEST_PAIN: [
        "douleur*/mal/oppression/serrement/pression/poids/brulure ... poitrine/thoracique*/thorax",
        "poitrine ... serre/ecrase/brule/oppresse",
        "serre/ecrase ... poitrine",
        "crise cardiaque ... en train/crois/pense/maintenant",
        "infarctus ... en train/crois/pense/maintenant",
        "en train/crois/pense ... infarctus",
        "en train/crois/pense ... crise cardiaque",
        "douleur ... bras gauche/machoire",
        "se tient/tenait/agrippe/serre ... poitrine",
        "poitrine ... machoire/bras gauche ... mal/douleur",
        "gris/grise/livide/moite ... poitrine/essouffl*/respir*",
        "sueurs froides ... poitrine/essouffl*/respir*",
    ],
    Category.BREATHING: [
        "peux/peut/arrive/arrivons pas/plus respirer",
        "respire/respirer pas/plus/mal",
        "respire ... a peine",
        "difficulte*/difficile/mal/peine ... respirer/respiratoire*",
        "etouffe/etouffer/etouffement",
        "suffoque/suffoquer",
        "manque d air",
        "peut/arrive/peux pas/plus tousser/parler ... avale*/coince*/bloque*/etouff*",
        "avale*/coince*/bloque*/etouff* ... peut/arrive/peux pas/plus ... tousser/parler/respirer",
        "fausse route ... peut/arrive/peux pas/plus ... tousser/parler/respirer",
        "coince*/bloque* ... gorge/trachee ... peut/arrive/peux pas/plus ... respirer/parler/tousser",
        f"{_CHILD} ... quelque/truc/piece/bonbon/jouet/morceau/aliment/os ... coince*/bloque*",
        "levres/visage/doigts ... bleu*/bleuatre*",
    ],
    Category.STROKE: [
        "visage/bouche ... tombe/paralyse*/affaisse*/engourdi*/deforme*",
        "parle/parler/parole ... difficile/mal/pateuse/bizarre/plus/pas",
        "peux/peut plus/pas parler",
        "arrive pas/plus ... parler",
        "peux/peut plus/pas bouger ... bras/jambe/cote",
        "un cote ... engourdi*/paralyse*/faible",
        "avc",
        "pire mal de tete ... vie",
        "mal de tete ... soudain/brutal/violent/explosif",
        "perdu ... vue/vision",
        "confus*/soudain*/brusquement ... mal/difficulte*/peine ... parler/articuler/mots",
        "mal/difficulte*/peine ... parler/articuler/mots ... confus*/soudain*/brusquement",
        "melange*/confond*/cherche ... mots ... confus*/perdu*/soudain*/brusquement/depuis",
        "confus*/soudain*/brusquement ... melange*/confond*/cherche ... mots",
    ],
    Category.BLEEDING: [
        "saigne/saignement/saigner/hemorragie ... beaucoup/abondant*/grave/important/fort/enorm*",
        "saigne/saignement/saigner/hemorragie ... arrete pas/plus",
        "arrive pas ... arreter ... saignement",
        "beaucoup de sang",
        "mare de sang",
        "vomi*/crache* ... sang",
        "sang partout",
        "sang ... gicle*/jaillit/jaillir/pisse/flots",
        "gicle*/jaillit/jaillir/pisse ... sang",
        "arrete/arrete pas/plus ... malgre/meme ... appui*/compress*/press*/serre",
        "trempe*/imbibe* ... serviette/bandage/pansement/compresse/torchon/sang",
    ],
    Category.ANAPHYLAXIS: [
        "anaphyla*",
        "gorge ... gonfle*/ferme/serre/enfle*",
        "langue/levres ... gonfle*/enfle*",
        "reaction allergique ... grave/forte/respir*/gorge",
        "choc allergique",
        "utilis*/injecte*/faire/fait ... adrenaline/epipen",
        "utilis*/injecte* ... stylo",
        "fait/faire ... piqure/injection ... adrenaline",
    ],
    Category.SELF_HARM: [
        "suicid*",
        "me tuer",
        "en finir",
        "mettre fin ... vie/jours",
        "veux/voudrais/envie ... mourir",
        "me faire/fais du mal",
        "scarifi*",
        "automutil*",
        "envie/veux/voudrais/besoin/pense/tente ... me couper/blesser/mutiler/scarifier",
        "me mutiler",
        "veux/voudrais/voudrait plus ... me reveiller",
        "plus jamais ... reveiller",
        "endormir/dormir ... jamais/plus ... reveiller",
        "corde ... cou/prete",
        "lettre*/mot*/message* d adieu",
        "pense/vais/veux/envie ... prendre/avaler ... tous/toutes ... medicaments/comprimes/cachets/pilules",
        "peux/tiens plus ... medicaments/comprimes/cachets/mourir/adieu/plan",
        "plus envie de vivre",
        "veux plus vivre",
        "mieux mort/morte",
    ],
    Category.POISONING: [
        "surdose/overdose",
        "pris/avale/bu/mange ... trop de/tous/toutes ... medicaments/comprimes/cachets/pilules",
        "trop pris/avale ... paracetamol/doliprane/medicament*/comprime*/cachet*/pilule*/somnifere*",
        "pris/avale 10/12/15/16/20/24/25/30/40/50/60/100 comprimes/cachets/pilules/gelules",
        "avale/bu/mange/ingere ... javel/poison/lessive/pile/piles/detergent/menager/raticide/pesticide",
        "empoisonn*/intoxiqu*/intoxication",
        "monoxyde de carbone",
        "avale/bu/mange ... produit ... menager/nettoyant/lave/chimique/vaisselle/entretien",
        f"{_CHILD} ... avale/mange/bu/mache/mordu/croque ... cachets/comprimes/medicaments/pilules/gelules/"
        "pastille*/capsule*/javel/lessive/detergent/pile/piles/aimant*",
        "avale/mange/bu ... pastille*/capsule*/tablette* ... lave/lessive",
        "pris/avale ... plaquette/boite/tube ... entiere/complete",
        "pris/avale ... toute* ... plaquette/boite",
    ],
    Category.UNCONSCIOUS: [
        "inconscient*",
        "reagit/repond pas/plus",
        "se reveille pas/plus",
        "arrive pas ... reveiller",
        "evanoui* ... reveille pas/repond pas",
        "sans connaissance",
        "pas de pouls",
    ],
    Category.SEIZURE: [
        "convuls*",
        "secousses/spasmes ... tout le corps/partout/bras et jambes",
        "crise ... tremble/secoue ... partout/minutes",
        "crise d epilepsie/epileptique/convulsive",
        "crise epileptique",
    ],
    Category.BURN: [
        "brulure grave/grave/profonde/etendue/importante/troisieme/chimique/serieuse",
        "brulure* ... troisieme degre",
        "gravement brule*",
        "electrocut*/electrise*",
        f"{_CHILD} ... ebouillant*",
        "eau/huile bouillante ... tout/toute/ventre/bras/jambes/dos/visage/poitrine/bebe/enfant",
        "brul*/ebouillant* ... peau ... decolle*/part/arrache*/tombe*/pele",
        "peau ... decolle*/arrache*/tombe* ... brul*/bouillant*",
    ],
    Category.PREGNANCY_BLEEDING: [
        "enceinte ... saigne*/saignement*/hemorragie",
        "enceinte ... douleur* fort*/violent*/intense*",
        "saigne*/saignement* ... enceinte/grossesse",
        "extra uterine/ectopique",
        "fausse couche ... saign*/douleur",
    ],
    Category.CHILD_UNRESPONSIVE: [
        f"{_CHILD} ... respire pas/plus",
        f"{_CHILD} ... mou/molle/bleu/bleue/inerte",
        f"{_CHILD} ... reagit/repond/reveille pas/plus",
        f"{_CHILD} ... arrete de respirer",
    ],
    Category.MENINGITIS: [
        "nuque raide ... fievre/taches/lumiere",
        "raideur ... nuque/cou ... fievre/taches/lumiere",
        "fievre ... nuque raide",
        "fievre ... raideur ... nuque/cou",
        "taches/eruption/boutons ... disparaissent pas/violet*/pourpre*",
        "test du verre",
    ],
}


_DRUG = (
    "comprimes/cachets/pilules/gelules/doliprane/dafalgan/efferalgan/paracetamol/ibuprofene/advil/nurofen/"
    "aspirine/lexomil/xanax/stilnox/tramadol/somniferes"
)
_NUMBER = "10/12/14/15/16/18/20/24/25/30/40/50/60/100/vingt/trente/quarante/cinquante"

# Kinds of emergency said in everyday words (a second blind set's misses, as kinds).
for _category, _phrases in {
    Category.BREATHING: [
        "pompe/ventoline/inhalateur ... marche/fonctionne/fait ... pas/plus/rien",
        "crise d asthme ... capable/peut/arrive ... parler/respirer",
        "plus/pus/pas capable de parler/respirer",
        "devient/devenu/devenue/vire bleu/bleue/gris/grise/violet*",
        "levres/visage ... gris/grise/grises/violet*",
        "hoquette/haut ... peut/arrive pas/plus ... tousser/parler/respirer",
        "se tient/attrape/agrippe ... gorge",
    ],
    Category.ANAPHYLAXIS: [
        "gorge ... serree/resserre/ferme/bloque",
        "langue ... epaisse/gonfle*/enorme",
        "pique*/piqure/guepe/abeille/arachide*/cacahuete*/crevette*/allerg* ... peut/arrive pas/plus avaler/respirer",
    ],
    Category.SELF_HARM: [
        "ouvert/ouvrir/taillade*/coupe* ... poignets/veines",
        "medicaments/comprimes/cachets/lames/corde ... prepare*/aligne*/prets/pretes/comptes",
        "disparaitre pour toujours ... comment/quand/plan",
    ],
    Category.POISONING: [
        f"pris/avale ... {_NUMBER} ... {_DRUG}",
        "bu/avale/mange ... destop/deboucheur/soude/caustique/ammoniaque",
    ],
    Category.SEIZURE: [
        "tremble/secoue ... tout/partout/entier/entiere",
        "ecume/mousse ... bouche",
        "crise ... tremble/secoue/bave/ecume",
    ],
    Category.CHILD_UNRESPONSIVE: [
        "semaine*/mois ... mou/molle/bleu*/bleuatre*",
        f"{_CHILD} ... mou/molle ... boit/mange/levres",
    ],
    Category.CHEST_PAIN: [
        "poitrine ... bras gauche/machoire ... sueur*/transpire",
    ],
    Category.STROKE: [
        "moitie/cote ... corps ... engourdi*/paralyse*/endormi*/faible",
        "coup de massue/tonnerre",
        "mal de tete ... coup/soudain*/brutal*/pire ... vois/vision/vue double/trouble",
    ],
    Category.BLEEDING: [
        "saigne/sang ... comme un fou/folle",
        "saigne/sang ... a flots",
    ],
    Category.BURN: [
        "toute/tout ... main/bras/jambe/dos/visage ... cloques",
        "couvert/couverte* de cloques",
    ],
    Category.MENINGITIS: [
        "fievre ... nuque/cou ... lumiere/raide/bloque*/plier",
        "fievre ... taches ... violet*/pourpre*/effacent",
        "taches ... effacent pas/plus",
        "petites taches violet*/pourpre*/rouges foncees",
    ],
}.items():
    RED_FLAGS[_category] += _phrases

NEGATIONS = frozenset(["pas", "sans", "aucun", "aucune", "jamais", "ni", "nie"])
BREAKS = frozenset(["et", "mais", "maintenant", "puis"])
LONG_AGO = [
    "quand avait/etait",
    "quand il/elle/j avait/etait",
    "annee derniere",
    "an dernier/passe",
    "il y a ... an/ans/mois",
    "quand etais/j etais",
    "enfant/jeune ... etais",
    "etait musculaire/anxiete/reflux",
    "s est avere",
]
IN_GENERAL = [
    "comment ... utilise*/injecte*/sert/servir ... stylo/adrenaline/epipen",
    "au cas ou",
    "appuie/appuyant/touche/presse ... cote/cotes",
    "porte/portant/soulev* ... cartons/meubles/lourd",
    "symptomes/signes/causes/risque/risques/traitement/prevention d/de/du/des",
    "qu est ce qui cause/provoque",
    "comment ... prevenir/eviter/reconnaitre",
    "difference entre",
    "premiers secours",
    "que veut dire",
    "comment ... traite/soigne/diagnostique",
    "intoxication alimentaire",
    "a quoi ... reconnai*",
    "comment ... faire/fait/realise ... test",
]
FICTION_OR_TEACHING = [
    "expose/memoire/dissertation/article/these sur",
    "aux/les infos/informations/actualites",
    "lu/vu/entendu ... journal/infos/article/reportage",
    # Not "à la télé": "il a regardé la télé" has "a" (has) before "la télé".
    "dans film/serie/roman/feuilleton/telefilm/documentaire/livre",
    "film/roman/livre/documentaire sur",
    "personnage*",
    "pour mon/ma/un/notre cours/formation/devoir*/expose",
    "formation/cours ... secourisme/secouriste/premiers secours",
]

# "en 2019", "en mars": a year before this one, or a month other than this one, is long past
# (chat.safety.check builds those phrases from today's date).
YEAR_OR_MONTH_WORDS = "en"
MONTHS = "janvier/fevrier/mars/avril/mai/juin/juillet/aout/septembre/octobre/novembre/decembre"
# Something happening now: a film or a lesson mentioned in the same question no longer clears it.
URGENT = [
    "revenu/revenue/revient/reprend/recommence",
    "maintenant/aidez/aide/urgent/secours/immediatement",
    "tout de suite",
    "que/quest ce que je fais/faire",
]
# The symptom has passed: resting helped, the object came out ("went away after a few minutes of rest").
# It clears the whole question, unless the question also says something is happening now (URGENT).
RESOLVED = [
    "passe/passee/disparu/disparait ... repos/reposant/minute/minutes",
    "recrache*",
    "comme si de rien",
    "va bien maintenant",
]
