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
        "se agarra/agarro/agarraba/aprieta/apreto/toca el pecho",
        "agarrandose/apretandose/llevandose/tocandose ... pecho",
        "pecho ... mandibula/brazo izquierdo ... duele/dolor",
        "gris/palido/palida/sudoroso/sudorosa ... falta ... aire",
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
        "apenas ... respirar/respira/respiro",
        "atragantando/atragantada/atragantado",
        "atragant* ... no puede/puedo/consigue ... toser/hablar/respirar/llorar",
        "no puede/puedo toser ... hablar/respirar",
        "atorad*/atascad*/trabad*/atravesad* ... garganta ... no puede/puedo ... respirar/hablar/toser",
        f"{_CHILD} ... algo/moneda/juguete/pieza/trozo/comida/hueso/caramelo ... atorad*/atascad*/trabad*/atravesad*",
    ],
    Category.STROKE: [
        "cara/boca ... caida/torcida/paralizada/dormida",
        "habla/hablar ... arrastrando/arrastra/enredada/trabada/rara",
        "no puedo/puede hablar",
        "no puedo/puede mover ... brazo/pierna/lado",
        "un lado ... dormido/entumecido/paralizado/debil",
        "medio cuerpo ... dormido/durmio/entumecido/paralizado/debil",
        "dormido/durmio/entumecido/paralizado ... medio cuerpo",
        "derrame/ictus",
        "peor dolor de cabeza ... vida",
        "dolor de cabeza ... repentino/subito/explosivo",
        "perdi/perdido ... vision/vista",
        "confundid*/confusa/confuso/repente/subito ... dificultad/cuesta/problemas/mal ... hablar/palabras",
        "dificultad/cuesta/problemas ... hablar/palabras ... confundid*/confusa/confuso/repente",
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
        "chorro*/borbotones ... sangre",
        "sangre ... chorro*/borbotones/brota/salta",
        "no para/deja ... aunque/pesar ... apriet*/aprieto/presion/presiono",
        "empapad* ... toalla/venda/gasa/trapo/sangre",
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
        "no quiero/quisiera ... despertar* ... manana/mas/nunca",
        "ya no quiero despertar*",
        "ojala ... no/nunca despertar*",
        "dormir* ... no/nunca/jamas despertar*",
        "despertar* nunca mas",
        "soga/cuerda ... cuello/preparada/lista",
        "carta*/mensaje*/nota* de despedida",
        "pensando/voy/quiero/ganas ... tomarme/tragarme/tomar ... todas/todo ... pastillas/pildoras/medicinas/"
        "medicamentos",
        "no aguanto/puedo mas ... pastillas/morir/despedida/plan",
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
        "tome/tomo/trague/trago 10/12/15/16/20/24/25/30/40/50/60/100 pastillas/pildoras/comprimidos/capsulas",
        f"{_CHILD} ... trago/comio/bebio/mordio/mastico ... pastillas/pildoras/medicamentos/medicinas/capsulas/"
        "lejia/cloro/detergente/lavavajillas/limpieza/amoniaco/pila/pilas/iman*",
        "trago/comio/bebio/tome/trague/bebi ... producto* ... limpieza/lavavajillas/lavadora",
        "tome/tomo/trague/trago ... blister/caja/tira/envase ... entero/entera/completo/completa",
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
        "encima ... hirviendo/hirviente",
        "hirviendo/hirviente ... encima",
        f"{_CHILD} ... escald*",
        "hirviendo/hirviente ... todo/toda/pecho/espalda/brazos/piernas/barriga/cara/bebe/nino",
        "quemad*/quemo/queme/hirviendo/hirviente ... piel ... cayendo/cae/desprend*/despeg*/levant*/caida",
        "piel ... cayendo/desprend*/despeg* ... quemad*/quemo/hirviendo/hirviente",
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


_DRUG = (
    "pastillas/pildoras/comprimidos/capsulas/paracetamol/ibuprofeno/aspirina/gelocatil/nolotil/metamizol/"
    "tylenol/diazepam/valium/alprazolam/tramadol/clonazepam"
)
_NUMBER = "10/12/14/15/16/18/20/24/25/30/40/50/60/100/veinte/treinta/cuarenta/cincuenta"

# Kinds of emergency said in everyday words (a second blind set's misses, as kinds).
for _category, _phrases in {
    Category.BREATHING: [
        "inhalador/ventolin/bomba/puff ... no ... funciona/sirve/hace",
        "crisis/ataque de asma ... no puede/puedo ... hablar/respirar",
        "labios/cara ... gris*/azulad*/amoratad*",
        "arcadas/atragant* ... no puede/puedo ... toser/hablar/respirar",
        "agarrandose/tocandose ... cuello/garganta",
    ],
    Category.ANAPHYLAXIS: [
        "garganta ... aprieta/apretada/cerrada/cierra",
        "lengua ... gorda/hinchada/grande",
        "picad*/pico/avispa/abeja/mani/cacahuete/marisco/alergi* ... no puede/puedo tragar/respirar",
        "picad*/avispa/abeja/mani/cacahuete/marisco ... hinchad* ... tragar/respirar/garganta",
    ],
    Category.SELF_HARM: [
        "quiero ... quitarme/matarme",
        "no aguanto/puedo mas ... vida/quitarme/matarme/desaparecer/morir",
        "desaparecer para siempre ... como/cuando/plan/hacerlo/pensado",
        "pastillas/cuchillas/cuerda ... preparad*/alinead*/listas/contad*",
        "cortado/abierto/abrirme/cortarme ... venas/munecas",
    ],
    Category.POISONING: [
        f"tome/tomo/trague/trago/tomado/tragado ... {_NUMBER} ... {_DRUG}",
        "bebio/bebi/trago/tomo/bebido ... desatascador/desatascos/sosa/caustic*/amoniaco/salfuman",
        "desatascador/sosa/salfuman ... bebio/trago/tomo/bebido",
    ],
    Category.SEIZURE: [
        "temblando/sacudiendo ... todo/entero/entera",
        "espuma ... boca",
        "ataque ... temblando/tiembla/sacude/sacudiendo/espuma",
    ],
    Category.CHILD_UNRESPONSIVE: [
        "semana/semanas/mes/meses ... flojo/floja/flacid*/morad*/azulad*",
        f"{_CHILD} ... flojo/floja ... labios/come/toma/morad*",
    ],
    Category.CHEST_PAIN: [
        "doliendo ... pecho",
        "pecho ... apretaran/apretando/aprietan/estrujando",
        "baja/irradia/corre/sube ... brazo izquierdo/mandibula",
        "pecho/brazo izquierdo ... sudando/sudor frio",
    ],
    Category.STROKE: [
        "mitad/medio/lado ... cuerpo ... dormid*/durmio/entumecid*/paralizad*/debil",
        "dormid*/durmio/entumecid*/paralizad* ... mitad ... cuerpo/cara",
        "dolor de cabeza ... repente/golpe/peor ... veo/vision/vista doble/borrosa/borroso",
    ],
    Category.BLEEDING: [
        "sangr* ... como loco/loca",
        "sangr* ... a chorros",
    ],
    Category.BURN: [
        "toda/todo ... mano/brazo/pierna/espalda/cara ... ampollas",
        "llena/lleno/cubierta/cubierto de ampollas",
    ],
    Category.MENINGITIS: [
        "fiebre ... no puede/puedo ... doblar/mover/bajar ... cuello",
        "fiebre ... cuello ... duro/rigido/tieso",
        "fiebre ... cuello/nuca ... luz",
        "fiebre ... manch*/puntitos ... morad*/violeta*",
        "manch*/puntitos/puntos ... morad*/violeta*/rojo oscuro",
        "manch* ... no se quitan/van/borran",
    ],
}.items():
    RED_FLAGS[_category] += _phrases

NEGATIONS = frozenset(["no", "sin", "nunca", "jamas", "ni", "ningun", "ninguna", "ninguno", "niega"])
BREAKS = frozenset(["y", "pero", "aunque", "ahora", "sino"])
LONG_AGO = [
    "cuando tenia",
    "cuando era bebe/pequeno/pequena",
    "ano pasado",
    "hace anos/meses/ano",
    "hace ... anos/meses",
    "de nino/nina/pequeno/pequena/joven",
    "cuando era",
    "era muscular/ansiedad/reflujo",
    "resulto",
]
IN_GENERAL = [
    "como se/hay/puedo ... usa/usar/utiliza/pone/poner/inyecta ... epipen/adrenalina/autoinyector/boligrafo",
    "por si acaso",
    "al/cuando ... apret*/presion*/toc* ... costilla*",
    "cargar/cargando/levantar/levantando ... cajas/muebles/peso",
    "sintomas/signos/senales/causas/riesgo/riesgos/tratamiento/prevencion de/del",
    "que causa/provoca",
    "como ... prevenir/evitar/reconocer/identificar",
    "diferencia entre",
    "primeros auxilios",
    "que significa",
    "como se trata/diagnostica",
    "intoxicacion alimentaria",
    "como se hace/hacer/realiza ... prueba",
]
FICTION_OR_TEACHING = [
    "ensayo/trabajo/redaccion/exposicion/tesis/articulo sobre",
    "en las/el noticias/noticiero/telediario/periodico/diario",
    "vi/lei/oi/escuche ... noticia*/periodico/telediario/articulo",
    "en novela/telenovela/pelicula/serie/documental/culebron/libro",
    "pelicula/libro/documental/novela sobre",
    "personaje*",
    "para/pregunto mi/un/una curso/clase/tarea/taller/asignatura",
    "curso/clase/taller de primeros auxilios/socorrismo",
]

# "en 2019", "en marzo": a year before this one, or a month other than this one, is long past
# (chat.safety.check builds those phrases from today's date).
YEAR_OR_MONTH_WORDS = "en"
MONTHS = "enero/febrero/marzo/abril/mayo/junio/julio/agosto/septiembre/setiembre/octubre/noviembre/diciembre"
# Something happening now: a film or a lesson mentioned in the same question no longer clears it.
URGENT = [
    "volvio/vuelve/regreso/regresa",
    "ahora/ya/ayuda/ayudenme/ayudame/urgente/auxilio/socorro",
    "que hago",
]
# The symptom has passed: resting helped, the object came out ("went away after a few minutes of rest").
# It clears the whole question, unless the question also says something is happening now (URGENT).
RESOLVED = [
    "se me/le pasa/paso",
    "ya ... escupio/expulso/saco/vomito",
    "como si nada",
    "ya esta bien",
    "ya paso",
]
