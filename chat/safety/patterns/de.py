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
        "greift/griff/fasst/fasste/halt sich ... brust/herz",
        "brust ... kiefer/linken arm ... weh/schmerz*",
        "grau/aschfahl/fahl/kaltschweissig ... brust/luft/atem*",
    ],
    Category.BREATHING: [
        "kann/kriege/bekomme ... nicht/keine/kaum ... atmen/luft",
        "keine luft",
        "atemnot",
        "atmet nicht/kaum",
        "schwer ... atmen",
        "ersticke*/erstickt",
        "verschluckt ... nicht/kaum ... husten/atmen/sprechen/reden/schreien",
        "kann nicht/kaum ... husten ... sprechen/atmen/verschluckt",
        "steckt/stecken/feststeckt ... hals/rachen/luftrohre ... kann/bekommt/kriegt ... nicht/kaum/keine ... "
        "atmen/luft/sprechen/husten",
        f"{_CHILD} ... steckt/stecken/feststeckt ... etwas/munze/spielzeug/stuck/bonbon/knochen ... hals/rachen",
        f"{_CHILD} ... etwas/munze/spielzeug/stuck/bonbon/knochen ... steckt/stecken/feststeckt ... hals/rachen",
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
        "spricht/redet ... undeutlich/verwaschen/lallend/unverstandlich/wirr* ... verwirrt/plotzlich",
        "plotzlich/verwirrt ... spricht/redet/sprechen ... undeutlich/verwaschen/lallend/unverstandlich/wirr*",
        "verwirrt/plotzlich ... schwierigkeiten/probleme/muhe/kaum ... sprechen/reden/worte",
        "schwierigkeiten/probleme/muhe ... sprechen/reden/worte ... verwirrt/plotzlich",
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
        "spritzt/sprudelt/schiesst/pulsiert/stromt ... blut",
        "blut ... spritzt/sprudelt/schiesst/pulsiert/stromt",
        "trotz ... druck/drucken/verband ... nicht/kein* ... auf/stoppen/stillen",
        "durchgeblutet/durchnasst/getrankt ... handtuch/verband/tuch/blut",
        "blutgetrankt*/blutdurchtrankt*",
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
        "nicht/nie mehr/wieder aufwachen",
        "abschiedsbrief*/abschiedsnachricht*/abschiedsbriefe",
        "strick ... hals/bereit",
        "denke/will/werde/mochte ... alle ... tabletten/pillen/medikamente ... nehmen/schlucken",
        "halte/kann ... nicht mehr ... tabletten/sterben/abschied/plan",
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
        "10/12/15/16/20/24/25/30/40/50/60/100 tabletten/pillen/kapseln ... genommen/geschluckt",
        "spulmaschinentab*/geschirrspultab*/waschmitteltab*/waschmittelkapsel*/spultab*/putzmittel/reinigungsmittel/"
        "spulmittel/waschmittel/abflussreiniger ... gegessen/geschluckt/getrunken/verschluckt/genommen",
        f"{_CHILD}/kleine/kleiner ... tabletten/pillen/medikamente/kapseln/tabs/batterie/magnet* ... "
        "gegessen/geschluckt/verschluckt/zerbissen/gekaut",
        "knopfbatterie*/knopfzelle*/magnete ... geschluckt/verschluckt/gegessen",
        "ganze/ganzen packung/schachtel/blister/streifen/dose ... genommen/geschluckt",
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
        f"{_CHILD}/mann/frau/vater/mutter/oma/opa ... krampft",
    ],
    Category.BURN: [
        "schwere/grossflachige/tiefe/starke verbrennung*",
        "verbrennung* ... dritten grades/grossflachig/schwer",
        "verbruht ... stark/baby/kind/grossflachig",
        "stromschlag",
        # Chemically burnt: as written, as "verträgt", "versteht" and "Veränderung" are a letter off a stem.
        "veratzt=/veratzte=/veratzten=/veratzung=/veratzungen=",
        f"{_CHILD} ... verbruh*",
        "kochend*/heisses/heisse/siedend* wasser/ol/fett ... ganzen/ganze/bauch/brust/rucken/arme/beine/gesicht",
        "verbrannt*/verbruh*/kochend*/siedend* ... haut ... lost/lose/schalt/ab/abgelost",
        "haut ... lost/lose/abgelost ... verbrannt*/verbruh*/kochend*",
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
        f"{_CHILD} ... schlaff=/blau/leblos/reagiert nicht",
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


_DRUG = (
    "tabletten/pillen/kapseln/paracetamol/ibuprofen/aspirin/ass/novalgin/tilidin/tramadol/diazepam/valium/"
    "schlaftabletten/antidepressiva"
)
_NUMBER = "10/12/14/15/16/18/20/24/25/30/40/50/60/100/zwanzig/dreissig/vierzig/funfzig"

# Kinds of emergency said in everyday words (a second blind set's misses, as kinds).
for _category, _phrases in {
    Category.BREATHING: [
        "spray/inhalator/asthmaspray/notfallspray ... hilft/wirkt/bringt ... nicht/nichts",
        "asthmaanfall ... kann/kaum ... sprechen/reden/atmen",
        "lippen/gesicht ... grau/blaulich/lila",
        "wurgt/wurgen ... nicht/kaum ... husten/sprechen/atmen",
        "greift/fasst/halt ... sich ... hals",
    ],
    Category.ANAPHYLAXIS: [
        "hals/kehle ... schnurt/eng/enger/dick",
        "zunge ... dick/geschwollen/schwillt",
        "stich/gestochen/wespe/biene/erdnuss*/nuss/allergi* ... kann nicht/kaum schlucken/atmen",
    ],
    Category.SELF_HARM: [
        "tabletten/pillen/klingen/strick ... bereit/aufgereiht/hingelegt/gezahlt",
        "pulsadern ... aufgeschnitten/aufschneiden/aufgeritzt",
        "fur immer verschwinden ... wie/wann/plan",
    ],
    Category.POISONING: [
        f"genommen/geschluckt/geschluckte/nahm/schluckte ... {_NUMBER} ... {_DRUG}",
        f"{_NUMBER} ... {_DRUG} ... genommen/geschluckt/eingenommen",
        "rohrreiniger/abflussreiniger/entkalker/lauge/saure/ammoniak/chlorreiniger/wcreiniger ... getrunken/"
        "geschluckt/erwischt/gegessen",
        "getrunken/geschluckt/trank ... rohrreiniger/abflussreiniger/entkalker/lauge/saure/ammoniak",
    ],
    Category.SEIZURE: [
        "zittert/zuckt/krampft ... ganzen korper/leib",
        "zittert/zuckt/krampft ... uberall",
        "schaum vor ... mund",
    ],
    Category.CHILD_UNRESPONSIVE: [
        "wochen/woche/monate/monat ... schlapp/schlaff=/blau/blaulich",
        f"{_CHILD} ... schlapp/schlaff= ... trinkt nicht/lippen/blau*",
    ],
    Category.CHEST_PAIN: [
        "brust ... linken arm ... schweiss*/kaltschweissig",
    ],
    Category.STROKE: [
        "mundwinkel ... hangt/hangen/runter/schief",
        "hangt ... mundwinkel",
        "lallt/lallen/nuschelt",
        "arm/bein ... ganz/plotzlich ... schlaff=/lahm/taub",
        "halbe/halben korper ... taub/gelahmt/schwach",
        "kopfschmerz* ... doppelt/doppelbilder",
    ],
    Category.BLEEDING: [
        "blutet ... wie verruckt/sau/blod",
        "blutet ... spritzt",
    ],
    Category.BURN: [
        "ganze/ganzen hand/arm/bein/rucken/gesicht ... blasen",
        "voller blasen/brandblasen",
    ],
    Category.MENINGITIS: [
        "kinn ... nicht ... brust",
        "fieber ... nacken ... steif/licht/weh",
        "fieber ... kinn/kopf ... nicht ... brust/beugen",
        "flecken/punkte ... lila/violett/dunkelrot ... nicht weg",
    ],
}.items():
    RED_FLAGS[_category] += _phrases

NEGATIONS = frozenset(["kein", "keine", "keinen", "keiner", "keinem", "keinerlei", "ohne", "nie", "niemals", "weder"])
BREAKS = frozenset(["und", "aber", "jetzt", "doch", "sondern"])
LONG_AGO = [
    "als ... klein/baby/jahr/jahre war",
    "als ... war ... jahr/jahre/monate alt",
    "letztes/letzten jahr/monat",
    "vor jahren/monaten",
    "vor ... jahr/jahren/monaten",
    "als kind/jugendlicher",
    "fruher",
    "war muskular/muskulär/angst/reflux",
    "stellte sich",
]
IN_GENERAL = [
    "wie ... benutzt/verwendet/spritzt/benutze/verwende/funktioniert ... adrenalin*/epipen/pen/notfallset",
    "fur den notfall/ernstfall",
    "auf ... rippe/rippen ... drucke/drucken/druckt/fasse",
    "kisten/mobel/schweres ... geschleppt/getragen/gehoben",
    "symptome/anzeichen/ursachen/risiko/risiken/behandlung/vorbeugung von/fur/eines/einer/bei",
    "was verursacht",
    "wie ... vorbeugen/erkennen/verhindern/vermeiden",
    "unterschied zwischen",
    "erste hilfe",
    "was bedeutet",
    "woran ... erkennt/erkenne/erkennen/merkt",
    "erkennt man",
    "wie ... macht/mache/funktioniert/geht ... glastest/test",
]
FICTION_OR_TEACHING = [
    "aufsatz/referat/hausarbeit/artikel/bericht uber",
    "in den nachrichten",
    "in der zeitung",
    "gelesen/gesehen/gehort ... nachrichten/zeitung/artikel/bericht",
    # Not "beim Fernsehen": while watching, a real emergency can start.
    "im/in film/tatort/krimi/serie/roman/buch/fernsehserie/doku",
    "im fernsehen",
    "film/buch/doku/roman uber",
    "tatort",
    "fur/frage einen/meinen/den/die/unseren kurs/schulung/prufung/hausaufgabe*/referat/unterricht/ausbildung",
    "erstehilfekurs*/erste hilfe kurs",
]

# "in 2019", "in marz": a year before this one, or a month other than this one, is long past
# (chat.safety.check builds those phrases from today's date).
YEAR_OR_MONTH_WORDS = "in/im/jahr/jahre"
MONTHS = "januar/februar/marz/april/mai/juni/juli/august/september/oktober/november/dezember"
# Something happening now: a film or a lesson mentioned in the same question no longer clears it.
URGENT = [
    "wieder da/zuruck/schlimmer",
    "jetzt/sofort/hilfe/helft/dringend/gerade",
    "was soll/mache ich",
]
# The symptom has passed: resting helped, the object came out ("went away after a few minutes of rest").
# It clears the whole question, unless the question also says something is happening now (URGENT).
RESOLVED = [
    "vergeht/verging/vergangen/weg ... ruhe/pause/minute/minuten/ausruhen",
    "ruhe/pause/ausruhen ... weg/vorbei/verschwunden",
    "ausgespuckt/ausgehustet",
    "als ware nichts",
    "wieder gut/normal/fit",
]
