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
        "segurando/agarrando/apertando o peito",
        "mao no peito",
        "peito ... mandibula/queixo/braco esquerdo ... doi/dor",
        "cinzento/cinzenta/palido/palida ... peito",
        "cinzento/cinzenta/palido/palida ... falta de ar",
        "suando frio ... peito/falta",
    ],
    Category.BREATHING: [
        "nao consigo/consegue respirar",
        "nao respira",
        "nao esta respirando",
        "mal consigo/consegue respirar",
        "dificuldade/falta ... respirar/ar",
        "sufocando/sufoco/asfixia*",
        "engasgad*/engasgando",
        "engasg* ... nao consegue/consigo/pode ... tossir/falar/respirar/chorar",
        "nao consegue/consigo tossir ... falar/respirar",
        "entalad*/presa/preso ... garganta ... nao consegue/consigo/pode ... respirar/falar/tossir",
        f"{_CHILD}/miudo/miuda ... algo/moeda/brinquedo/pedaco/bala/osso/comida ... entalad*/presa/preso",
        "labios/rosto/dedos ... roxo*/azul*/azulad*",
        "ar nao entra",
    ],
    Category.STROKE: [
        "rosto/boca/cara ... caido/torta/torto/paralisad*/dormente",
        "fala ... enrolada/arrastada/estranha/embolada",
        "enrolando/enrolada/arrastando/arrastada/embolando ... fala/palavras",
        "nao consigo/consegue falar",
        "nao consigo/consegue mexer ... braco/perna/lado",
        "um lado ... dormente/paralisad*/fraco",
        "derrame/avc",
        "pior dor de cabeca ... vida",
        "dor de cabeca ... subita/repentina/explosiva",
        "perdi ... visao/vista",
        "confus*/repente/subito ... dificuldade/custa/problemas ... falar/palavras",
        "dificuldade/custa/problemas ... falar/palavras ... confus*/repente",
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
        "jorr*/esguich* ... sangue",
        "sangue ... jorr*/esguich*/jato*",
        "nao para/pára ... mesmo/apesar ... apert*/pressao",
        "encharcad* ... toalha/pano/gaze/curativo/sangue",
    ],
    Category.ANAPHYLAXIS: [
        "anafila*",
        "garganta ... fechando/fecha/inchada/inchando",
        "lingua/labios ... inchad*/inchando/incham",
        "rosto/cara/olhos ... inchou/inchad*/inchando ... respir*/ar",
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
        "nao quero mais acordar",
        "nao quero acordar ... amanha/nunca/mais",
        "nunca mais acordar",
        "corda ... pescoco/pronta",
        "carta*/mensage*/bilhete* de despedida",
        "pensando/vou/quero/vontade ... tomar/engolir ... todos/todas ... remedios/comprimidos/pilulas",
        "nao aguento mais ... remedios/comprimidos/morrer/despedida/plano",
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
        "tomei/tomou/engoli/engoliu 10/12/15/16/20/24/25/30/40/50/60/100 comprimidos/remedios/pilulas/capsulas",
        f"{_CHILD}/miudo/miuda ... engoliu/comeu/bebeu/mordeu/mastigou ... comprimido*/remedio*/pilula*/capsula*/"
        "lixivia/sanitaria/cloro/detergente/pastilha*/pilha/bateria/ima",
        "engoli/engoliu/comeu/bebeu/bebi ... lixivia/produto* de limpeza",
        "tomei/tomou/engoli/engoliu ... cartela/caixa/blister ... inteira/inteiro/toda/todo",
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
        "eletrocut*=",  # as written: "eletrocardiograma" is two letters off
        "choque eletrico",
        f"{_CHILD}/miudo/miuda ... escald*",
        "agua/oleo fervendo/fervente/quente ... todo/toda/barriga/bracos/pernas/peito/costas/rosto/bebe/crianca",
        "queim*/fervendo/fervente ... pele ... solta*/descola*/saindo/caindo",
        "pele ... solta*/descola*/caindo ... queim*/fervendo/fervente",
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


_DRUG = (
    "comprimidos/pilulas/capsulas/paracetamol/tylenol/ibuprofeno/aspirina/dipirona/brufen/benuron/"
    "rivotril/clonazepam/diazepam/tramadol"
)
_NUMBER = "10/12/14/15/16/18/20/24/25/30/40/50/60/100/vinte/trinta/quarenta/cinquenta"

# Kinds of emergency said in everyday words (a second blind set's misses, as kinds).
for _category, _phrases in {
    Category.BREATHING: [
        "bombinha/inalador/bomba ... nao ... funciona/resolve/adianta/faz",
        "crise de asma ... nao consegue/consigo ... falar/respirar",
        "labios/rosto ... cinzento*/cinza/arroxead*",
        "engasg* ... agarrando/segurando ... garganta/pescoco",
    ],
    Category.ANAPHYLAXIS: [
        "garganta ... apertada/aperta/fechada/fecha",
        "lingua ... grossa/inchada/enorme",
        "picad*/abelha/vespa/amendoim/camarao/marisco/alergi* ... nao consegue/consigo ... engolir/respirar",
        "picad*/abelha/vespa/amendoim/camarao/marisco ... inchad* ... engolir/respirar/garganta",
    ],
    Category.SELF_HARM: [
        "comprimidos/remedios/laminas/corda ... preparad*/alinhad*/prontos=/prontas=",
        "cortei/abri ... pulsos/veias",
        "desaparecer para sempre ... como/quando/plano",
        "tirar a vida",
        "tirar minha vida",
    ],
    Category.POISONING: [
        f"tomei/tomou/engoli/engoliu ... {_NUMBER} ... {_DRUG}",
        "bebeu/bebi/engoliu/tomou ... desentupidor/soda/amoniaco/lixivia",
        "menino/menina/crianca/filho/filha/bebe ... bebeu/engoliu ... desentupidor/soda/lixivia",
    ],
    Category.SEIZURE: [
        "tremer/tremendo/treme ... toda/todo/inteira/inteiro",
        "espuma ... boca",
        "ataque ... tremer/tremendo/treme/babar*/espuma",
    ],
    Category.CHILD_UNRESPONSIVE: [
        "semana*/mes/meses ... molinh*/mole/roxo/roxa/azulad*",
        f"{_CHILD} ... mole/molinh* ... mama/come/labios",
    ],
    Category.CHEST_PAIN: [
        "peito ... braco esquerdo ... suor/suando/suada/suado",
    ],
    Category.STROKE: [
        "metade/lado ... corpo ... dormente/paralisad*/fraco",
        "dor de cabeca ... repente/pior/subita ... vendo/vejo/visao duplo/dupla/turva",
    ],
    Category.BLEEDING: [
        "sangr* ... como louco/jorra/esguicha/sem controle",
    ],
    Category.BURN: [
        "toda/todo ... mao/braco/perna/costas/rosto ... bolhas",
        "cheia/cheio/coberta/coberto de bolhas",
    ],
    Category.MENINGITIS: [
        "febre ... pescoco/nuca ... duro/dura/rigid*/travad*/luz",
        "manch* ... roxa*/violeta*",
        "manch* ... nao somem/desaparecem",
    ],
}.items():
    RED_FLAGS[_category] += _phrases

NEGATIONS = frozenset(["nao", "sem", "nunca", "jamais", "nem", "nenhum", "nenhuma", "nega"])
BREAKS = frozenset(["e", "mas", "porem", "agora", "embora"])
LONG_AGO = [
    "quando tinha",
    "quando era bebe/pequeno/pequena",
    "ano passado",
    "ha anos/meses",
    "ha ... ano/anos/meses",
    "quando era",
    "em crianca",
    "era muscular/ansiedade/refluxo",
    "acabou sendo",
]
IN_GENERAL = [
    "como ... usa/usar/uso/aplica/aplicar/injeta ... epipen/adrenalina/caneta",
    "por precaucao/via das duvidas",
    "aperto/pressiono/carrego/toco ... costela/costelas",
    "carregar/carregando/levantar ... caixas/moveis/peso",
    "sintomas/sinais/causas/risco/riscos/tratamento/prevencao de/do/da",
    "o que causa/provoca",
    "como ... prevenir/evitar/reconhecer/identificar",
    "diferenca entre",
    "primeiros socorros",
    "o que significa",
    "como ... tratad*/diagnosticad*",
    "intoxicacao alimentar",
    "como ... fazer/faz/feito ... teste",
]
FICTION_OR_TEACHING = [
    "trabalho/redacao/ensaio/artigo/tese sobre",
    "no/na jornal/noticiario/noticia/noticias/telejornal",
    "vi/li/ouvi ... noticia*/jornal/reportagem/artigo",
    "na/no/em/numa/num novela/filme/serie/seriado/livro/documentario",
    "filme/livro/documentario/novela sobre",
    "personage*",
    # Not "para a aula": on the way to class, a real emergency can start.
    "para/pra meu/minha curso/prova/treinamento",
    "curso/aula/treinamento/prova de primeiros socorros/enfermagem/medicina",
]

# "em 2019", "em marco": a year before this one, or a month other than this one, is long past
# (chat.safety.check builds those phrases from today's date).
YEAR_OR_MONTH_WORDS = "em"
MONTHS = "janeiro/fevereiro/marco/abril/maio/junho/julho/agosto/setembro/outubro/novembro/dezembro"
# Something happening now: a film or a lesson mentioned in the same question no longer clears it.
URGENT = [
    "voltou/volta/regressou",
    "agora/ja/socorro/ajuda/ajudem/urgente/depressa",
    "que/o que eu faco",
]
# The symptom has passed: resting helped, the object came out ("went away after a few minutes of rest").
# It clears the whole question, unless the question also says something is happening now (URGENT).
RESOLVED = [
    "passou/passa/passa-se ... descanso/repouso/minuto/minutos",
    "cuspiu/expeliu/tossiu ... fora",
    "como se nada",
    "ja esta bem",
    "a recuperar/recuperando/recuperou bem",
    "ja esta em casa",
]
