"""Spanish (accents optional: the text is compared without them)."""

from chat.safety.categories import Category

_CHILD = "bebe/nino/nina/hijo/hija/recien/lactante/pequeno/pequena"

RED_FLAGS = {
    Category.CHEST_PAIN: [
        "dolor/presion/opresion/peso/ardor ... pecho/toracico/toracica",
        "pecho ... duele/aprieta/oprime/quema",
        "duele/aprieta/oprime ... pecho",
        "teniendo/creo/parece/dando ... infarto",
        "teniendo/creo/parece/dando ... ataque al/cardiaco",
        "infarto ... ahora/ya",
        "dolor ... brazo izquierdo/mandibula",
    ],
    Category.BREATHING: [
        "no puedo/puede respirar",
        "no respira",
        "dificultad/cuesta ... respirar",
        "falta/falta ... aire ... mucho/mucha/repente/reposo/grave/no puedo",
        "mucha/muchisima/gran/grave falta/dificultad ... aire/respirar",
        "me ahogo/asfixio",
        "ahogando/asfixiando",
        "labios/cara/dedos ... azul*/morad*",
        "no me entra aire",
    ],
    Category.STROKE: [
        "cara/boca ... caida/torcida/paralizada/dormida",
        "habla/hablar ... arrastrando/arrastra/enredada/trabada/rara",
        "no puedo/puede hablar",
        "no puedo/puede mover ... brazo/pierna/lado",
        "un lado ... dormido/entumecido/paralizado/debil",
        "derrame/ictus",
        "peor dolor de cabeza ... vida",
        "dolor de cabeza ... repentino/subito/explosivo",
        "perdi/perdido ... vision/vista",
    ],
    Category.BLEEDING: [
        "sangrado/hemorragia ... abundante/fuerte/grave/mucho/muchisimo/masivo/masiva",
        "sangrado/hemorragia/sangra/sangrando ... no para/cesa/se detiene",
        "sangra/sangrando ... mucho/muchisimo/abundante",
        "sangra/sangrando ... sin parar",
        "no para/deja de sangrar",
        "mucha/mucho sangre",
        "vomit* sangre",
        "tos* sangre",
        "charco de sangre",
    ],
    Category.ANAPHYLAXIS: [
        "anafila*",
        "garganta ... cierra/cerrando/hinchada/hinchando",
        "cierra/cerrando/hincha/hinchando ... garganta",
        "lengua/labios ... hinch*",
        "hinch* ... labios/lengua",
        "reaccion alergica ... grave/fuerte/respirar/garganta",
        "use/usar/puse/poner/inyect*/necesito ... epipen/adrenalina",
    ],
    Category.SELF_HARM: [
        "suicid*",
        "matarme/quitarme/suicidarme",
        "quitarme la vida",
        "acabar con ... vida",
        "quiero/querer morir/morirme",
        "ganas de morir/morirme",
        "hacerme/hago dano/cortes",
        "autolesion*/autolesionarme",
        "cortarme ... brazos/venas/munecas",
        "no quiero vivir/seguir",
        "mejor muerto/muerta",
    ],
    Category.POISONING: [
        "sobredosis",
        "tome/tomo/trague/trago/bebio/bebi/comio ... demasiadas/todas pastillas/pildoras",
        "tome/tomo/trague/trago/bebio/bebi/comio ... lejia/cloro/veneno/detergente/pila/pilas/raticida/"
        "insecticida/pastillas",
        "envenen*",
        "intoxicado/intoxicada",
        "intoxicacion ... medicamentos/pastillas/lejia/quimico/producto/monoxido/gas",
        "monoxido de carbono",
    ],
    Category.UNCONSCIOUS: [
        "inconsciente",
        "no responde/reacciona",
        "no se despierta",
        "no puedo despertar*",
        "desmayo/desmayado/desmayada ... no despierta/responde",
        "sin pulso",
    ],
    Category.SEIZURE: [
        "convulsi*/convulsionando",
        "ataque epilep*",
        "crisis epilep*/convulsiva",
    ],
    Category.BURN: [
        "quemadura grave/grande/profunda/extensa/tercer/quimica/seria",
        "quemado/quemada ... todo/grave/gravemente",
        "electrocut*",
        "descarga electrica",
    ],
    Category.PREGNANCY_BLEEDING: [
        "embarazada ... sangrado/sangrando/sangrar/hemorragia",
        "embarazada ... dolor fuerte/intenso",
        "sangrado/sangrando/sangrar/hemorragia ... embarazada/embarazo",
        "ectopico",
        "aborto ... sangr*/dolor",
    ],
    Category.CHILD_UNRESPONSIVE: [
        f"{_CHILD} ... no respira/responde/reacciona/despierta",
        f"{_CHILD} ... flacido/flacida/morado/morada/azul/inerte",
        f"{_CHILD} ... dejo de respirar",
    ],
    Category.MENINGITIS: [
        "rigidez/rigido/rigida ... cuello/nuca ... fiebre/manchas/luz",
        "cuello/nuca rigido/rigida ... fiebre/manchas/luz",
        "fiebre ... rigidez/rigido/rigida ... cuello/nuca",
        "manchas/sarpullido/erupcion ... no desaparece*/no se va/moradas",
        "prueba del vaso",
    ],
}

NEGATIONS = frozenset(["no", "sin", "nunca", "jamas", "ni", "ningun", "ninguna", "ninguno", "niega"])
BREAKS = frozenset(["y", "pero", "aunque", "ahora", "sino"])
LONG_AGO = [
    "ano pasado",
    "hace anos/meses/ano",
    "hace ... anos/meses",
    "de nino/nina/pequeno/pequena/joven",
    "cuando era",
    "era muscular/ansiedad/reflujo",
    "resulto",
]
IN_GENERAL = [
    "sintomas/signos/senales/causas/riesgo/riesgos/tratamiento/prevencion de/del",
    "que causa/provoca",
    "como ... prevenir/evitar/reconocer/identificar",
    "diferencia entre",
    "primeros auxilios",
    "que significa",
    "como se trata/diagnostica",
    "intoxicacion alimentaria",
]
