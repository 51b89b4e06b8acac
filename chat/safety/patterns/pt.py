"""Portuguese (accents optional: "não" is read as "nao")."""

from chat.safety.categories import Category

_CHILD = "bebe/crianca/filho/filha/recem/nenem/menino/menina"

RED_FLAGS = {
    Category.CHEST_PAIN: [
        "dor/pressao/aperto/peso/queimacao ... peito/toracica",
        "peito ... doi/aperta/apertado/queima",
        "doi ... peito",
        "tendo/acho/parece/dando ... infarto",
        "tendo/acho/parece/dando ... ataque cardiaco",
        "infarto ... agora/ja",
        "dor ... braco esquerdo/mandibula/queixo",
    ],
    Category.BREATHING: [
        "nao consigo/consegue respirar",
        "nao respira/esta respirando",
        "dificuldade/falta ... respirar/ar",
        "sufocando/sufoco/asfixia*",
        "engasgad*/engasgando",
        "labios/rosto/dedos ... roxo*/azul*/azulad*",
        "ar nao entra",
    ],
    Category.STROKE: [
        "rosto/boca/cara ... caido/torta/torto/paralisad*/dormente",
        "fala ... enrolada/arrastada/estranha/embolada",
        "nao consigo/consegue falar",
        "nao consigo/consegue mexer ... braco/perna/lado",
        "um lado ... dormente/paralisad*/fraco",
        "derrame/avc",
        "pior dor de cabeca ... vida",
        "dor de cabeca ... subita/repentina/explosiva",
        "perdi ... visao/vista",
    ],
    Category.BLEEDING: [
        "sangramento/hemorragia ... forte/intenso/grave/muito",
        "sangramento/hemorragia/sangrando/sangra ... nao para",
        "sangrando ... muito",
        "sangrando ... sem parar",
        "nao para de sangrar",
        "muito sangue",
        "vomit* sangue",
        "tossindo/tosse ... sangue",
        "poca de sangue",
    ],
    Category.ANAPHYLAXIS: [
        "anafila*",
        "garganta ... fechando/fecha/inchada/inchando",
        "lingua/labios ... inchad*/inchando/incham",
        "reacao alergica ... grave/forte/respirar/garganta",
        "choque anafilatico",
        "usei/usar/apliquei/aplicar/injetei/preciso ... epipen/adrenalina/caneta",
    ],
    Category.SELF_HARM: [
        "suicid*",
        "me matar",
        "tirar ... minha vida/propria vida",
        "acabar com ... vida",
        "quero/queria/vontade ... morrer",
        "me machucar/cortar/ferir",
        "automutil*/autolesao",
        "nao quero mais viver",
        "melhor morto/morta",
    ],
    Category.POISONING: [
        "overdose/superdosagem/sobredose",
        "tomei/tomou/engoli/engoliu/bebi/bebeu/comeu ... muitos/muitas/todos/todas/cartela ... comprimidos/remedios/"
        "pilulas",
        "tomei/tomou/engoli/engoliu/bebi/bebeu/comeu ... sanitaria/veneno/detergente/pilha/bateria/chumbinho/"
        "raticida/cloro/soda",
        "envenen*",
        "intoxica* ... remedio*/comprimido*/produto/sanitaria/monoxido/gas",
        "monoxido de carbono",
    ],
    Category.UNCONSCIOUS: [
        "inconsciente",
        "desacordad*",
        "nao responde/reage",
        "nao acorda",
        "nao consigo acordar ... ele/ela",
        "desmaiou/desmaiado/desmaiada ... nao acorda/responde",
        "sem pulso",
    ],
    Category.SEIZURE: [
        "convuls*",
        "crise epilep*/convulsiva",
        "ataque epilep*",
    ],
    Category.BURN: [
        "queimadura grave/grande/profunda/extensa/terceiro/quimica/seria",
        "queimou ... todo/gravemente",
        "eletrocut*",
        "choque eletrico",
    ],
    Category.PREGNANCY_BLEEDING: [
        "gravida ... sangrando/sangramento/sangrei/sangra/hemorragia",
        "gravida ... dor forte/intensa",
        "sangrando/sangramento/sangrei/sangra ... gravida/gravidez/gestacao",
        "ectopica",
        "aborto ... sangr*/dor",
    ],
    Category.CHILD_UNRESPONSIVE: [
        f"{_CHILD} ... nao respira/responde/reage/acorda",
        f"{_CHILD} ... molinh*/mole/roxo/roxa/azul*/inerte",
        f"{_CHILD} ... parou de respirar",
    ],
    Category.MENINGITIS: [
        "rigidez ... nuca/pescoco ... febre/manchas/luz",
        "pescoco/nuca rigid*/duro ... febre/manchas/luz",
        "febre ... rigidez/rigid* ... nuca/pescoco",
        "manchas/erupcao ... nao somem/desaparecem/roxas",
        "teste do copo",
    ],
}

NEGATIONS = frozenset(["nao", "sem", "nunca", "jamais", "nem", "nenhum", "nenhuma", "nega"])
BREAKS = frozenset(["e", "mas", "porem", "agora", "embora"])
LONG_AGO = [
    "ano passado",
    "ha anos/meses",
    "ha ... anos/meses",
    "quando era",
    "em crianca",
    "era muscular/ansiedade/refluxo",
    "acabou sendo",
]
IN_GENERAL = [
    "sintomas/sinais/causas/risco/riscos/tratamento/prevencao de/do/da",
    "o que causa/provoca",
    "como ... prevenir/evitar/reconhecer/identificar",
    "diferenca entre",
    "primeiros socorros",
    "o que significa",
    "como ... tratad*/diagnosticad*",
    "intoxicacao alimentar",
]
