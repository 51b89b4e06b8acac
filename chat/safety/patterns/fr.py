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
    ],
    Category.BREATHING: [
        "peux/peut/arrive/arrivons pas/plus respirer",
        "respire/respirer pas/plus/mal",
        "difficulte*/difficile/mal/peine ... respirer/respiratoire*",
        "etouffe/etouffer/etouffement",
        "suffoque/suffoquer",
        "manque d air",
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
    ],
    Category.BLEEDING: [
        "saigne/saignement/saigner/hemorragie ... beaucoup/abondant*/grave/important/fort/enorm*",
        "saigne/saignement/saigner/hemorragie ... arrete pas/plus",
        "arrive pas ... arreter ... saignement",
        "beaucoup de sang",
        "mare de sang",
        "vomi*/crache* ... sang",
        "sang partout",
    ],
    Category.ANAPHYLAXIS: [
        "anaphyla*",
        "gorge ... gonfle*/ferme/serre/enfle*",
        "langue/levres ... gonfle*/enfle*",
        "reaction allergique ... grave/forte/respir*/gorge",
        "choc allergique",
        "utilis*/injecte*/pique*/faire/fait ... adrenaline/epipen/stylo",
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
        "me couper/blesser/mutiler",
        "plus envie de vivre",
        "veux plus vivre",
        "mieux mort/morte",
    ],
    Category.POISONING: [
        "surdose/overdose",
        "pris/avale/bu/mange ... trop de/tous/toutes ... medicaments/comprimes/cachets/pilules",
        "avale/bu/mange/ingere ... javel/poison/lessive/pile/piles/detergent/menager/raticide/pesticide",
        "empoisonn*/intoxiqu*/intoxication",
        "monoxyde de carbone",
        "avale/bu/mange ... produit ... menager/nettoyant/lave/chimique/vaisselle/entretien",
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
        "crise d epilepsie/epileptique/convulsive",
        "crise epileptique",
    ],
    Category.BURN: [
        "brulure grave/grave/profonde/etendue/importante/troisieme/chimique/serieuse",
        "brulure* ... troisieme degre",
        "gravement brule*",
        "electrocut*/electrise*",
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

NEGATIONS = frozenset(["pas", "sans", "aucun", "aucune", "jamais", "ni", "nie"])
BREAKS = frozenset(["et", "mais", "maintenant", "puis"])
LONG_AGO = [
    "annee derniere",
    "an dernier/passe",
    "il y a ... ans/mois",
    "quand etais/j etais",
    "enfant/jeune ... etais",
    "etait musculaire/anxiete/reflux",
    "s est avere",
]
IN_GENERAL = [
    "symptomes/signes/causes/risque/risques/traitement/prevention d/de/du/des",
    "qu est ce qui cause/provoque",
    "comment ... prevenir/eviter/reconnaitre",
    "difference entre",
    "premiers secours",
    "que veut dire",
    "comment ... traite/soigne/diagnostique",
    "intoxication alimentaire",
]
