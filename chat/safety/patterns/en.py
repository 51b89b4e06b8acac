"""English."""

from chat.safety.categories import Category

_CHILD = "baby/infant/newborn/toddler/child/son/daughter/kid/kids"

RED_FLAGS = {
    Category.CHEST_PAIN: [
        "chest pain*/hurt*/tight*/pressure/ache*/aching/squeez*/crushing/heavy/heaviness/discomfort",
        "pain*/pressure/tightness/crushing/squeezing/heaviness ... chest",
        "crushing/squeezing/elephant ... chest",
        "having heart attack",
        "think ... heart attack",
        "this heart attack",
        "pain* ... left arm/jaw",
        "clutch*/clutching/grabbing/gripping ... chest/heart",
        "chest ... jaw/left arm ... hurt*/pain*/ache*/aching",
        "looks/look/looking/turned/gone grey/gray/ashen/clammy ... chest/breath*/sweat*",
        "chest/breath* ... looks/look/looking/turned/gone grey/gray/ashen/clammy",
    ],
    Category.BREATHING: [
        "cant breathe/breath/breathing",
        "not breathing",
        "stopped breathing",
        "looks/look/turning/turned/went/gone blue",
        "trouble/difficulty/hard/struggling/struggle/unable breath*",
        "sudden*/severe*/very/extremely/really/badly short/shortness of breath",
        "short/shortness of breath ... rest/sudden*/severe*/worse/worsening/lips/chest/talk",
        "gasping",
        "choking",
        "lips/face/fingers ... blue",
        "turning blue",
        "cant catch ... breath",
        "choked/choke/chokes ... cant/not/wont ... cough*/breath*/speak/talk/cry",
        "cant cough/speak/talk ... choke*/choking/stuck",
        "stuck in ... throat/windpipe/airway ... cant/not/struggling ... breath*/speak/talk/cough*/cry",
        f"{_CHILD} ... something/coin/toy/piece/bead/marble/object/food/bone ... stuck",
        "cant get air",
        "barely/hardly ... breathe/breath/breathing",
        "breathing difficult*/laboured/labored",
    ],
    Category.STROKE: [
        "face droop*/drooping/dropping/numb/fallen",
        "droop* ... face/mouth/side",
        "slurred/slurring speech/words",
        "speech slurred",
        "cant speak/talk properly/clearly/suddenly/anymore/straight",
        "sudden* cant speak/talk",
        "cant move ... arm/leg/side",
        "one side ... numb/weak/paralys*",
        "numb*/weak* ... one/left/right side",
        "having stroke",
        "think ... stroke",
        "worst headache ... life",
        "sudden/sudden* severe/worst headache",
        "thunderclap headache",
        "sudden* ... cant see",
        "sudden* ... lost/loss/losing ... vision/sight",
        "sudden*/confused ... trouble/difficulty/struggling/struggles/problems/cant ... speak*/talk*/words",
        "trouble/difficulty/struggling/problems/cant ... speak*/talk*/words ... sudden*/confused",
        "talking/speaking gibberish/nonsense",
        "words/speech ... jumbled/garbled/muddled",
    ],
    Category.BLEEDING: [
        "bleeding heavily/badly/lot/profusely/wont/doesnt",
        "bleed* ... wont/doesnt/cant/not stop/stopping",
        "wont/doesnt/cant/not/never stop/stopping ... bleed*",
        "heavy/severe/uncontrolled/massive bleeding",
        "losing/lost/bleeding ... lot/lots/much blood",
        "pool of blood",
        "blood everywhere/spurting/pouring/gushing",
        "spurting/gushing/pouring blood",
        "blood ... spurt*/gush*/squirt*/pumping/pulsing/pours",
        "spurt*/gush*/squirt*/pumping/pulsing ... blood",
        "soaked/soaking/soaks through ... towel*/bandage*/cloth*/dressing*",
        "soaked/soaking/soaks ... blood",
        "bleed*/bleeding ... despite/even ... pressure/pressing/press",
        "blood ... coming/flowing/pouring/keeps ... despite/even ... pressure/pressing/press",
        "vomit* blood",
        "throw* up blood",
        "cough* blood",
        "blood in ... vomit/sick",
        "cut ... artery",
    ],
    Category.ANAPHYLAXIS: [
        "anaphylactic shock/reaction",
        "having/going/think ... anaphyla*",
        "anaphylaxis ... now/again/help",
        "throat ... closing/closes/tightening/swelling up",
        "face/lips/tongue/eyes ... swell*/swollen ... wheez*/breath*",
        "sting/stung/peanut*/nut/nuts/shellfish/shrimp/prawn*/allerg* ... swell*/swollen ... wheez*/breath*/throat",
        "tongue/lips ... swell*/swollen",
        "swell*/swollen tongue/lips",
        "use/used/using/inject*/gave/give ... epipen/epi/adrenaline/epinephrine",
        "allergic reaction ... breath*/swell*/throat/severe",
        "severe allergic",
        "hives ... breath*/throat",
    ],
    Category.SELF_HARM: [
        "suicid*",
        "kill/killing myself",
        "end/ending/take my/own life",
        "end it all",
        "want/wanna/wish die/dead",
        "better off dead",
        "better off without me",
        "pills/tablets/meds ... to die",
        "self harm*/injur*",
        "selfharm*",
        "harming/cutting myself",
        "cut*/burn*/hurt* myself ... cope/purpose/deliberately/again/relief/punish",
        "want/wanna/going/thinking/urge/urges/thoughts ... hurt*/harm*/cut*/kill* myself",
        "no reason/point ... live/living/alive",
        "dont want ... live/alive/wake",
        "jump off/from ... bridge/building/roof/balcony/cliff",
        "hang myself",
        "goodbye/farewell letter*/note*/message*",
        "never/not/dont ... wake up ... again/tomorrow/anymore/ever",
        "hope/wish ... never wake up",
        "sleep ... never wake up",
        "rope ... neck/ready/tonight/beam",
        "saved/saving/stockpil*/hoard*/hoarding up/my ... pills/tablets/meds/medication*",
        "thinking/going/want/gonna/plan*/about ... take/taking/swallow* ... all ... pills/tablets/meds/medication*",
        "all my/the pills/tablets/meds ... once/together",
        "cant go on ... pills/plan/rope/die/goodbye",
        "cant cope ... anymore ... pills/plan/rope/die/goodbye",
    ],
    Category.POISONING: [
        "overdosed/overdosing",
        "took/taken/had/having ... overdose/od",
        "took/taken/swallowed/ate/drank too many/much",
        "swallow*/drank/drunk/ate/eaten/ingest* ... bleach/poison/detergent/battery/batteries/antifreeze/"
        "pesticide/cleaner/chemical*/pod/pods/mushroom*/rat",
        "swallow*/took/taken/ate/drank ... bottle/pack/packet/box/strip ... pills/tablets/meds/medication*/medicine*/"
        "antidepressant*/paracetamol/tylenol/painkillers/sleeping/insulin",
        "been poisoned",
        "carbon monoxide",
        f"{_CHILD} ... swallow*/ate/eaten/drank/got/chewed/bit/bitten ... pill*/tablet*/meds/medicine*/capsule*/"
        "bleach/detergent/cleaner*/cleaning/dishwasher/laundry/pod/pods/battery/batteries/magnet*",
        "swallow*/ate/eaten/drank/drunk/chewed/bit/bitten ... dishwasher/laundry/cleaning ... tablet*/tab/tabs/"
        "pod*/product*/fluid/liquid",
        "swallowed ... whole/entire ... bottle/pack/packet/blister/strip/box/sheet",
        "took/taken ... whole/entire ... bottle/pack/packet/blister/strip/box/sheet ... pills/tablets/meds/medication*/"
        "medicine*/sleeping/painkillers/paracetamol/tylenol/ibuprofen/aspirin/antidepressant*/insulin/sedative*/"
        "benzo*/diazepam/valium/xanax/zolpidem/lorazepam/alprazolam/clonazepam/codeine/tramadol/oxycodone/opioid*",
        "1/2/3/4/5/6/one/two/three/four/five/six year/yr/years/month/months old ... swallow*/ate/eaten/drank/"
        "got/chewed/bit/bitten ... pill*/tablet*/meds/medicine*/capsule*/bleach/detergent/cleaner*/cleaning/"
        "dishwasher/laundry/pod/pods/battery/batteries/magnet*",
        "took/taken/swallowed 10/12/15/16/20/24/25/30/40/50/60/100 pills/tablets/capsules",
        "whole bottle/pack/packet of pills/tablets/paracetamol/tylenol/sleeping/medicine/medication/ibuprofen/aspirin",
    ],
    Category.UNCONSCIOUS: [
        "unconscious",
        "unresponsive",
        "not responding/responsive",
        "cant/wont wake him/her/them",
        "wont/doesnt wake up",
        "passed out ... wont/cant/still/not",
        "collapsed",
        "fainted ... wont/not/still",
        "no pulse",
    ],
    Category.SEIZURE: [
        "having/had/has ... seizure*/convuls*/fit",
        "seizing",
        "jerking/twitching ... whole body/uncontrollably/arms and legs",
        "convulsing",
        "seizure* ... wont/minutes/not stopping/still",
    ],
    Category.BURN: [
        "severe/bad/serious/third/deep/large/big/huge burn*",
        "burn* ... whole/large/chemical/acid/charred/white/leathery",
        "boiling/hot water/oil/fat ... baby/child/toddler/face/large/skin/peeling",
        "skin ... peeling/coming off ... burn*/boiling/scald*",
        "third/3rd degree",
        "scald* ... baby/child/badly/large",
        "boiling/scalding ... whole/entire/chest/belly/stomach/back/arms/legs",
        "boiling/scalding ... all over",
        "boiling/scalding ... over/onto/on herself/himself/themselves/myself",
        f"{_CHILD} ... pulled/spilled/knocked/tipped ... boiling/scalding/hot/kettle",
        f"{_CHILD} ... scalded/scalding",
        "burn*/scald*/boiling ... skin ... peeling/coming/falling/off",
        "electrocuted",
    ],
    Category.PREGNANCY_BLEEDING: [
        "pregnant ... bleeding/bleed*/cramping",
        "pregnant ... severe pain",
        "bleeding ... pregnant/pregnancy",
        "ectopic",
        "miscarr* ... bleeding/heavy/pain",
    ],
    Category.CHILD_UNRESPONSIVE: [
        f"{_CHILD} ... limp/floppy/blue/unresponsive/lifeless",
        f"{_CHILD} ... not breathing/responding",
        f"{_CHILD} ... wont/cant wake",
        f"{_CHILD} ... stopped breathing",
    ],
    Category.MENINGITIS: [
        "stiff neck ... fever/temperature/rash/light",
        "fever/temperature ... stiff neck",
        "rash ... doesnt/dont/wont/not fade*",
        "glass test",
        "purple/purplish rash/spots",
    ],
}


_DRUG = (
    "pills/tablets/capsules/tylenol/paracetamol/acetaminophen/panadol/ibuprofen/advil/motrin/aspirin/"
    "benadryl/xanax/valium/diazepam/tramadol/codeine/oxycodone/sleeping/antidepressant*"
)
_NUMBER = "10/12/14/15/16/18/20/24/25/30/32/35/40/45/50/60/70/80/90/100/dozen/twenty/thirty/forty/fifty"

# Kinds of emergency said in everyday words (a second blind set's misses, as kinds).
for _category, _phrases in {
    Category.BREATHING: [
        "inhaler/puffer/ventolin/salbutamol ... isnt/not/doesnt/wont/nothing ... work*/help*/doing",
        "asthma attack ... cant/barely/hardly ... speak/talk/breath*/words",
        "barely/hardly/cant ... get ... words out",
        "lips/face/fingers ... grey/gray/bluish",
        "gagging/choking ... cant/not/wont ... cough*/talk/speak/breath*/cry",
        "grabbing/clutching/holding ... throat",
    ],
    Category.ANAPHYLAXIS: [
        "throat ... tight/tighter/tightening/thick/closing",
        "tongue ... thick/swell*/swollen/huge",
        "sting/stung/bee/wasp/peanut*/nut/nuts/shellfish/allerg* ... cant swallow/breathe",
    ],
    Category.SELF_HARM: [
        "pills/tablets/meds/medication*/razor*/blade*/rope ... lined/laid/set/counted ... out/up/ready",
        "dont/cant see ... point ... anymore/living/going on",
    ],
    Category.POISONING: [
        f"took/taken/swallowed/had/ate ... {_NUMBER} ... {_DRUG}",
        "drank/swallowed/ate/got/into ... drain/oven/toilet ... cleaner/opener",
        "drank/swallowed/ate ... caustic/lye/ammonia",
    ],
    Category.SEIZURE: [
        "shaking/jerking/twitching/convulsing ... all over",
        "shaking/jerking/twitching/convulsing ... whole body",
        "foaming/frothing ... mouth",
    ],
    Category.CHILD_UNRESPONSIVE: [
        "week/weeks/month/months/mo old ... floppy/limp/bluish/blue/lifeless",
        f"{_CHILD} ... floppy/limp ... feed*/blue/bluish/lips",
    ],
    Category.CHEST_PAIN: [
        "chest ... left arm/jaw ... sweat*/clammy",
        "chest ... cold sweat*",
    ],
    Category.STROKE: [
        "sudden*/confused ... half/one side ... body/face ... numb*/weak*/dead",
        "half ... body ... numb*/weak*/dead/paralys*",
        "headache ... sudden*/worst/thunderclap ... double/blurred vision",
        "headache ... seeing double",
        "mouth/face ... drooping/droops/hanging ... slurr*",
    ],
    Category.BLEEDING: [
        "bleed*/blood ... spurt*/squirt*/pumping",
        "bleed*/bleeding like crazy/mad/hell",
    ],
    Category.BURN: [
        "whole/entire hand/arm/leg/back/chest/face ... blister*",
        "covered ... blisters",
    ],
    Category.MENINGITIS: [
        "fever/temperature ... cant bend/touch/move ... neck/chin",
        "chin ... chest ... cant/wont",
        "cant/unable ... chin ... chest",
        "fever/temperature ... purple/dark spots/rash/dots",
        "fever/temperature ... stiff/sore/hurt* neck ... light",
        "spots/rash ... purple/dark ... dont/doesnt/wont/not ... fade/go/disappear",
    ],
}.items():
    RED_FLAGS[_category] += _phrases

NEGATIONS = frozenset(
    [
        "no",
        "not",
        "without",
        "never",
        "denies",
        "denied",
        "dont",
        "doesnt",
        "didnt",
        "havent",
        "hasnt",
        "hadnt",
        "isnt",
        "arent",
        "wasnt",
        "nor",
        "zero",
    ]
)
BREAKS = frozenset(["and", "but", "now", "though", "although", "then", "yet"])
LONG_AGO = [
    "when was 1/2/3/4/5/6/7/8/9/10/baby/little/younger/small/toddler/infant",
    "last/past year/month/summer/winter/spring/autumn",
    "years/months ago",
    "year/month ago",
    "as child/kid/teenager",
    "when was child/kid/young/teenager",
    "used to",
    "was muscular/anxiety/reflux/heartburn",
    "turned out",
]
IN_GENERAL = [
    "how do/does/to/you/would/should ... use/inject/give ... epipen/epi/adrenaline/epinephrine/pen/injector",
    "just in case",
    "to be ready/prepared",
    "press*/pressing/push*/touch* ... rib/ribs",
    "rib/ribs ... press*/pressing/push*/touch*",
    "carrying/lifting/moving ... boxes/furniture/heavy",
    "signs/symptoms/causes/cause/risk/risks/prevention/treatment/definition/statistics/types/stages/history of",
    "what causes/cause",
    "what is/are ... difference",
    "how/ways ... prevent/recognise/recognize/spot/identify/avoid/reduce",
    "what/how ... first aid",
    "warning signs",
    "what does ... mean",
    "is it true",
    "how is/are ... treated/diagnosed/caused",
    "food poisoning",
    "how to/do/does/you ... do/perform/done ... glass/tumbler test",
]
FICTION_OR_TEACHING = [
    "essay/paper/thesis/report/presentation/article on/about",
    "in/on the news/newspaper/paper",
    "read/saw/heard ... news/newspaper/article/report",
    "in/on/from movie/film/series/show/novel/book/documentary/cartoon/anime/sitcom/drama",
    "homework/quiz/exam/essay/assignment/school/course question/questions/project",
    "movie/film/book/novel/documentary about",
    "tv/television show/series/drama/programme/program",
    "grey/greys anatomy",
    "the/a/one/main character/characters",
    # Not "training" or "class": a workout, and "glass" one typo away.
    "for/asking my/our course/lesson/lecture/homework/quiz/essay/assignment/presentation",
    "first aid/cpr course/training/class/exam/certificate",
]

# "in 2019", "in march": a year before this one, or a month other than this one, is long past
# (chat.safety.check builds those phrases from today's date).
YEAR_OR_MONTH_WORDS = "in"
MONTHS = "january/february/march/april/may/june/july/august/september/october/november/december"
# Something happening now: a film or a lesson mentioned in the same question no longer clears it.
URGENT = [
    "came/comes/coming back",
    "now/just/help/urgent/hurry/currently/asap/emergency",
    "what do/should i do",
]
# The symptom has passed: resting helped, the object came out ("went away after a few minutes of rest").
# It clears the whole question, unless the question also says something is happening now (URGENT).
RESOLVED = [
    "went/gone/goes/go away ... rest/resting/minute/minutes/itself/own",
    "settled/passed ... rest/resting/minute/minutes",
    "spat/coughed/threw ... it out/up ... fine/playing/ok/okay",
    "playing/running around ... like nothing",
]
