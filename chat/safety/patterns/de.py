"""German (umlauts optional, "ß" read as "ss"; compounds by their stems: "Brustschmerz*")."""

from chat.safety.categories import Category

_CHILD = "baby/saugling/kind/kleinkind/sohn/tochter/neugeborene*"

RED_FLAGS = {
    Category.CHEST_PAIN: [
        "brustschmerz*/brustdruck/brustenge/engegefuhl*/druckgefuhl*",
        "schmerz*/druck/enge/stechen/brennen ... brust",
        "brust ... tut weh/schmerzt/druckt/eng",
        "herzinfarkt ... glaube/habe/gerade/jetzt/bekomme",
        "glaube ... herzinfarkt",
        "schmerz* ... linken arm/kiefer",
    ],
    Category.BREATHING: [
        "kann/kriege/bekomme ... nicht/keine/kaum ... atmen/luft",
        "keine luft",
        "atemnot",
        "atmet nicht/kaum",
        "schwer ... atmen",
        "ersticke*/erstickt",
        "lippen/gesicht/finger ... blau",
    ],
    Category.STROKE: [
        "gesicht/mund ... hangt/schief/gelahmt/taub",
        "hangende*/schiefe* gesicht*/mundwinkel",
        "sprache ... verwaschen/undeutlich/lallend",
        "verwaschene/lallende sprache",
        "kann nicht ... sprechen/reden",
        "kann ... arm/bein ... nicht/kaum bewegen",
        "eine/einer seite ... taub/gelahmt/schwach/lahmung",
        "halbseitig*",
        "schlaganfall",
        "schlimmsten kopfschmerzen",
        "plotzlich* ... kopfschmerz*/sehe nicht*/blind",
        "vernichtungskopfschmerz*",
    ],
    Category.BLEEDING: [
        "blutet/blutung/blute ... stark/aufhoren/stillen",
        "blutet/blutung/blute ... hort/hoert nicht auf",
        "blutet/blutung/blute ... nicht ... stoppen/stillen/aufhoren",
        "starke/schwere/massive blutung",
        "viel blut",
        "blut erbrechen/husten",
        "erbreche/erbricht/erbrochen/huste/hustet ... blut",
        "blutlache",
    ],
    Category.ANAPHYLAXIS: [
        "anaphyla*",
        "hals/rachen ... schwillt/zu/eng/geschwollen",
        "zunge/lippen ... schwillt/schwellen/geschwollen",
        "allergische* reaktion/schock ... schwer/atmen/hals/luft",
        "allergischer schock",
        "gespritzt/spritzen/benutzt/gegeben/brauche ... adrenalin*/epipen/notfallset",
        "adrenalin*/epipen ... gespritzt/spritzen/benutzt/gegeben",
    ],
    Category.SELF_HARM: [
        "suizid*",
        "selbstmord*",
        "umbringen",
        "mich ... toten",
        "will/mochte/wurde ... sterben",
        "nicht mehr leben",
        "leben beenden",
        "selbstverletz*",
        "mich ... ritzen/verletzen",
        "ritze mich",
        "lebensmude",
        "um zu sterben",
    ],
    Category.POISONING: [
        "uberdosis",
        "zu viele ... tabletten/pillen/medikamente",
        "alle ... tabletten/pillen",
        "geschluckt/getrunken/gegessen ... bleiche/gift/reiniger/batterie/spulmittel/waschmittel/chlor/"
        "rattengift/pflanzenschutzmittel/tabletten",
        "bleiche/gift/reiniger/batterie/waschmittel/rattengift ... geschluckt/getrunken/gegessen",
        "vergift*",
        "kohlenmonoxid",
    ],
    Category.UNCONSCIOUS: [
        "bewusstlos*",
        "reagiert nicht",
        "wacht nicht ... auf",
        "nicht wach ... bekommen/werden",
        "ohnmachtig ... nicht/wach",
        "kein puls",
        "zusammengebrochen",
    ],
    Category.SEIZURE: [
        "krampfanfall/krampfanfalle",
        "anfall ... krampft/zuckt/epilep*",
        "epileptische*",
        "krampft/zuckt ... ganze korper/unkontrolliert",
    ],
    Category.BURN: [
        "schwere/grossflachige/tiefe/starke verbrennung*",
        "verbrennung* ... dritten grades/grossflachig/schwer",
        "verbruht ... stark/baby/kind/grossflachig",
        "stromschlag",
        "verat*",
    ],
    Category.PREGNANCY_BLEEDING: [
        "schwanger ... blute/blutung*/blutet",
        "schwanger ... starke/heftige schmerzen",
        "blutung*/blute ... schwanger*/schwangerschaft",
        "eileiterschwangerschaft",
        "fehlgeburt ... blut*/schmerz*",
    ],
    Category.CHILD_UNRESPONSIVE: [
        f"{_CHILD} ... atmet nicht/kaum",
        f"{_CHILD} ... schlaff/blau/leblos/reagiert nicht",
        f"{_CHILD} ... wacht nicht",
        f"{_CHILD} ... aufgehort zu atmen",
    ],
    Category.MENINGITIS: [
        "steifer/steifen nacken ... fieber/ausschlag/licht",
        "nackensteif* ... fieber/ausschlag/licht",
        "nacken ... steif ... fieber/ausschlag/licht",
        "fieber ... nacken/nackensteif*",
        "ausschlag/flecken ... verschwind*/verblass* nicht",
        "ausschlag/flecken ... nicht verschwind*/verblass*/wegdruck*",
        "lila/violette* ausschlag/flecken",
        "glastest",
    ],
}

NEGATIONS = frozenset(["kein", "keine", "keinen", "keiner", "keinem", "keinerlei", "ohne", "nie", "niemals", "weder"])
BREAKS = frozenset(["und", "aber", "jetzt", "doch", "sondern"])
LONG_AGO = [
    "letztes/letzten jahr/monat",
    "vor jahren/monaten",
    "vor ... jahren/monaten",
    "als kind/jugendlicher",
    "fruher",
    "war muskular/muskulär/angst/reflux",
    "stellte sich",
]
IN_GENERAL = [
    "symptome/anzeichen/ursachen/risiko/risiken/behandlung/vorbeugung von/fur/eines/einer/bei",
    "was verursacht",
    "wie ... vorbeugen/erkennen/verhindern/vermeiden",
    "unterschied zwischen",
    "erste hilfe",
    "was bedeutet",
]
