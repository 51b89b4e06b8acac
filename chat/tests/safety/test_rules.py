"""The red-flag patterns: every category in every language, negation, typos, and the questions that only look alike."""

import pytest

from chat.safety.categories import Category
from chat.safety.lexicon import languages_writing
from chat.safety.rules import pattern_categories

# One emergency per category and language, in words people use.
EMERGENCIES = {
    Category.CHEST_PAIN: {
        "en": "I have crushing chest pain spreading to my left arm",
        "es": "tengo un dolor muy fuerte en el pecho",
        "fr": "j'ai une forte douleur dans la poitrine",
        "de": "ich habe seit einer Stunde starke Brustschmerzen",
        "pt": "estou com uma dor forte no peito",
    },
    Category.BREATHING: {
        "en": "my wife can't breathe",
        "es": "no puedo respirar",
        "fr": "je n'arrive plus à respirer",
        "de": "ich bekomme keine Luft mehr",
        "pt": "não consigo respirar",
    },
    Category.STROKE: {
        "en": "his face is drooping and his speech is slurred",
        "es": "tiene la cara torcida y habla arrastrando las palabras",
        "fr": "son visage est paralysé d'un côté",
        "de": "ihr Gesicht hängt auf einer Seite, ich glaube es ist ein Schlaganfall",
        "pt": "a boca ficou torta e a fala está enrolada",
    },
    Category.BLEEDING: {
        "en": "the cut on his leg is bleeding heavily and won't stop",
        "es": "me corté y no para de sangrar",
        "fr": "il saigne beaucoup de la tête",
        "de": "die Wunde blutet stark",
        "pt": "não para de sangrar",
    },
    Category.ANAPHYLAXIS: {
        "en": "after the peanut my throat is closing up",
        "es": "se me hinchan los labios y la lengua",
        "fr": "ma gorge gonfle après une piqûre",
        "de": "nach der Erdnuss schwillt mein Hals zu",
        "pt": "minha garganta está fechando depois do camarão",
    },
    Category.SELF_HARM: {
        "en": "I want to kill myself",
        "es": "estoy pensando en suicidarme",
        "fr": "j'ai envie de mourir",
        "de": "ich will nicht mehr leben",
        "pt": "quero morrer",
    },
    Category.POISONING: {
        "en": "my son swallowed bleach",
        "es": "me tomé demasiadas pastillas",
        "fr": "mon fils a avalé de la lessive",
        "de": "ich habe zu viele Tabletten genommen",
        "pt": "meu filho engoliu água sanitária",
    },
    Category.UNCONSCIOUS: {
        "en": "my grandfather is unconscious",
        "es": "mi padre está inconsciente",
        "fr": "ma mère est inconsciente",
        "de": "mein Vater ist bewusstlos",
        "pt": "minha avó está inconsciente",
    },
    Category.SEIZURE: {
        "en": "my daughter is having a seizure",
        "es": "mi hijo tiene convulsiones",
        "fr": "mon fils fait des convulsions",
        "de": "mein Sohn hat einen Krampfanfall",
        "pt": "meu pai está tendo uma convulsão",
    },
    Category.BURN: {
        "en": "a severe burn from boiling oil on his arm",
        "es": "tengo una quemadura grave en la mano",
        "fr": "une brûlure profonde au bras",
        "de": "schwere Verbrennung am Bein",
        "pt": "queimadura grave no braço",
    },
    Category.PREGNANCY_BLEEDING: {
        "en": "I'm 9 weeks pregnant and bleeding",
        "es": "estoy embarazada y tengo un sangrado",
        "fr": "je suis enceinte et je saigne",
        "de": "ich bin schwanger und blute",
        "pt": "estou grávida e sangrando",
    },
    Category.CHILD_UNRESPONSIVE: {
        "en": "my baby is limp and floppy",
        "es": "mi bebé no respira",
        "fr": "mon bébé ne respire plus",
        "de": "mein Baby atmet nicht",
        "pt": "meu bebê não respira",
    },
    Category.MENINGITIS: {
        "en": "fever and a stiff neck, and light hurts",
        "es": "fiebre y rigidez en la nuca",
        "fr": "fièvre et nuque raide",
        "de": "Fieber und ein steifer Nacken",
        "pt": "febre e rigidez na nuca",
    },
}

CASES = [(category, language, text) for category, texts in EMERGENCIES.items() for language, text in texts.items()]


def test_every_category_has_a_case_in_every_language():
    assert set(EMERGENCIES) == set(Category)
    assert all(set(texts) == {"en", "es", "fr", "de", "pt"} for texts in EMERGENCIES.values())


@pytest.mark.parametrize(("category", "language", "text"), CASES, ids=[f"{c}-{lang}" for c, lang, _ in CASES])
def test_it_recognises_each_emergency_in_each_language(category, language, text):
    assert category in pattern_categories(text)


@pytest.mark.parametrize(
    "text",
    [
        "no chest pain",
        "I don't have any chest pain, just a cough",
        "sin dolor de pecho",
        "no tengo dolor en el pecho",
        "pas de douleur thoracique",
        "keine Brustschmerzen",
        "sem dor no peito",
        "não tenho dificuldade para respirar",
        "stiff neck from sleeping badly, no fever",
        "nuque raide mais pas de fièvre",
    ],
)
def test_a_denied_symptom_is_no_emergency(text):
    assert pattern_categories(text) == []


def test_a_negation_reaches_only_its_part_of_the_question():
    assert pattern_categories("no chest pain but I can't breathe") == [Category.BREATHING]
    assert pattern_categories("no fever and now trouble breathing") == [Category.BREATHING]
    assert pattern_categories("sin fiebre, pero no puedo respirar") == [Category.BREATHING]


@pytest.mark.parametrize(
    "text",
    [
        "my chest pain last year was muscular",
        "I had a heart attack five years ago, what should I eat?",
        "mi dolor de pecho el año pasado era muscular",
        "ma douleur à la poitrine l'année dernière était musculaire",
        "meine Brustschmerzen letztes Jahr waren muskulär",
    ],
)
def test_something_long_past_is_no_emergency(text):
    assert pattern_categories(text) == []


def test_something_long_past_does_not_hide_what_happens_now():
    assert Category.STROKE in pattern_categories("I had a stroke years ago and now my face is drooping")


@pytest.mark.parametrize(
    "text",
    [
        "What causes chest pain in young people?",
        "What are the warning signs of a stroke?",
        "¿Cuáles son los síntomas de un infarto?",
        "quels sont les symptômes d'un AVC ?",
        "Was sind die Symptome eines Schlaganfalls?",
        "quais são os sintomas de um AVC?",
        "I had food poisoning last week",
    ],
)
def test_a_question_in_general_is_no_emergency(text):
    assert pattern_categories(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "I get short of breath climbing stairs",
        "sore throat and swollen glands",
        "this headache is killing me",
        "my arm goes numb when I sleep on it",
        "small paper cut on my finger",
        "I'm pregnant, which blood tests do I need?",
        "estoy embarazada, ¿qué análisis de sangre necesito?",
        "Should I carry an EpiPen for my peanut allergy?",
    ],
)
def test_everyday_look_alikes_are_no_emergency(text):
    assert pattern_categories(text) == []


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("chset pian since an hour", Category.CHEST_PAIN),
        ("cant brethe", Category.BREATHING),
        ("no pueod respirar", Category.BREATHING),
        ("DOR NO PEITO", Category.CHEST_PAIN),
        ("dolor de pecho", Category.CHEST_PAIN),
        ("nao consigo respirar", Category.BREATHING),
        ("Brustschmerzn", Category.CHEST_PAIN),
        ("i want to kill myslef", Category.SELF_HARM),
        ("my bbay is limp", Category.CHILD_UNRESPONSIVE),
    ],
)
def test_typos_and_missing_accents_still_match(text, category):
    assert category in pattern_categories(text)


def test_short_words_do_not_match_by_accident():
    # "pain" allows only a swap of neighbours: "rain" is no typo of it.
    assert pattern_categories("rain on my chest") == []


@pytest.mark.parametrize(
    "text",
    [
        # German "wann" (when) is no misspelt "wanna", so this is no "wanna ... die".
        "Wann nehme ich die Tablette?",
        "Wann ist die beste Zeit für die Impfung?",
        # German "elektrische" is no misspelt French "électrisé".
        "Elektrische oder normale Zahnbürste?",
        # Nor, within German, "verträgt", "verstehe" or "Veränderungen" a misspelt "verätzt",
        # or "schläft" (sleeps) a misspelt "schlaff" (limp).
        "Verträgt sich ein Glas Wein mit Cetirizin?",
        "Ich verstehe die Werte nicht",
        "Degenerative Veränderungen der HWS, klingt schlimm?",
        "Unsere Tochter (9 Monate) schläft nachts nicht durch, ist das normal?",
        # Nor Portuguese "eletrocardiograma" a misspelt "eletrocutado", or "pronto" the pills made "prontos".
        'Resultado do eletrocardiograma diz "ritmo sinusal", isso é normal?',
        'Você falou "dose única", é só um comprimido mesmo e pronto?',
    ],
)
def test_a_word_spelled_right_is_no_typo_of_another(text):
    assert pattern_categories(text) == []


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("meine Haut ist verätzt", Category.BURN),
        ("mein Baby ist ganz schlaff und trinkt nicht", Category.CHILD_UNRESPONSIVE),
        ("i wanna die", Category.SELF_HARM),
    ],
)
def test_the_words_they_resemble_still_match(text, category):
    assert category in pattern_categories(text)


def test_it_is_fast_on_the_longest_question():
    import time

    text = "I have had a mild cough and some tiredness for a few days, nothing else. " * 270  # ~20,000 characters
    languages_writing("cough")  # the common words of five languages load once a process (about a second)
    started = time.perf_counter()
    assert pattern_categories(text) == []
    assert time.perf_counter() - started < 2.0


# Kinds of emergency first missed on an independent set (blind_1), in phrasings written for these tests.
INDIRECT_EMERGENCIES = {
    Category.SELF_HARM: [
        "I hope I just don't wake up tomorrow",
        "I've written goodbye notes to my kids",
        "I'm thinking of swallowing all my sleeping pills tonight",
        "I can't go on, I've got the pills ready",
        "ojalá no despertar mañana, ya escribí una carta de despedida",
        "quiero tomarme todas las pastillas de mi madre",
        "j'ai écrit une lettre d'adieu à mes parents",
        "je voudrais ne plus me réveiller",
        "ich möchte morgen nicht mehr aufwachen",
        "ich habe einen Abschiedsbrief an meine Frau geschrieben",
        "não quero mais acordar",
        "estou pensando em tomar todos os comprimidos da caixa",
    ],
    Category.BREATHING: [
        "my toddler choked on a grape and can't cough",
        "mi hija se está atragantando con una moneda",
        "se atragantó con carne y no puede respirar",
        "mon fils s'est étouffé avec une cacahuète, il n'arrive plus à tousser",
        "er hat sich an einem Bonbon verschluckt und kann nicht husten",
        "bei meiner Tochter steckt etwas im Hals",
        "minha filha engasgou com uma uva e não consegue respirar",
        "after eating shrimp my throat feels tight and I can barely breathe",
        "depois do amendoim o rosto inchou e ele não respira direito",
    ],
    Category.BLEEDING: [
        "blood is squirting out of his wrist",
        "the towel is soaked through with blood",
        "the blood keeps coming even with pressure on it",
        "la sangre le sale a borbotones del muslo",
        "le sang gicle de sa main",
        "das Blut spritzt aus der Wunde am Arm",
        "o sangue está a esguichar do braço",
    ],
    Category.BURN: [
        "he spilled boiling water all over his chest",
        "the burn is blistering and the skin is coming off",
        "se echó agua hirviendo en toda la espalda",
        "la peau se décolle après la brûlure à l'huile",
        "mon bébé s'est renversé de l'eau bouillante sur le ventre",
        "die Haut löst sich nach der Verbrühung ab",
        "derramou água fervendo nas pernas e na barriga",
        "a pele está a soltar-se depois da queimadura",
    ],
    Category.POISONING: [
        "my 3 year old swallowed some of grandma's tablets",
        "my son ate a laundry pod",
        "mi niño se comió una pastilla del lavavajillas",
        "ma fille a avalé des comprimés de mamie",
        "mon petit a mangé une capsule de lessive",
        "mein Sohn hat Tabletten von Oma geschluckt",
        "mein Kind hat Putzmittel getrunken",
        "meu filho comeu uns comprimidos da avó",
        "a miúda bebeu lixívia",
        "I took a whole strip of my diazepam",
        "me tomé una caja entera de clonazepam",
        "j'ai pris une boîte entière de somnifères",
        "ich habe eine ganze Packung Schlaftabletten geschluckt",
        "tomei uma caixa inteira de calmantes",
        "j'ai trop pris de paracétamol, genre 20 comprimés",
        "tomei 30 comprimidos de paracetamol",
    ],
    Category.STROKE: [
        "my husband is suddenly confused and having trouble speaking",
        "mi padre está confundido de repente y le cuesta hablar",
        "il est confus et a du mal à articuler",
        "mein Vater ist plötzlich verwirrt und hat Probleme beim Sprechen",
        "minha mãe ficou confusa de repente e com dificuldade para falar",
        "se le durmió medio cuerpo de golpe",
    ],
    Category.CHEST_PAIN: [
        "she is clutching her chest and her left arm hurts",
        "se agarra el pecho y le duele la mandíbula",
        "il se tient la poitrine, il est gris et transpire",
        "er greift sich an die Brust und ist ganz grau",
        "ele está segurando o peito e suando muito",
    ],
}
INDIRECT = [(category, text) for category, texts in INDIRECT_EMERGENCIES.items() for text in texts]


@pytest.mark.parametrize(("category", "text"), INDIRECT, ids=[text[:40] for _, text in INDIRECT])
def test_it_recognises_emergencies_said_indirectly(category, text):
    assert category in pattern_categories(text)


@pytest.mark.parametrize(
    "text",
    [
        "no fever or stiff neck, just a runny nose",
        "no chest pain, dizziness or shortness of breath",
        "sin fiebre ni dolor de pecho",
        "pas de fièvre ni de douleur thoracique",
        "kein Fieber oder Brustschmerzen",
        "sem febre nem dor no peito",
    ],
)
def test_a_negation_reaches_every_item_of_a_list(text):
    assert pattern_categories(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "in the movie the hero had a heart attack, is CPR really like that?",
        "a film about suicide, how to talk to teens",
        "en la película el protagonista se desmaya y no respira, ¿pasa de verdad?",
        "dans la série, le patient fait un AVC",
        "im Film hatte jemand einen Herzinfarkt, geht das so schnell?",
        "no filme o personagem teve um infarto",
        "for my first aid course: what do you do if someone can't breathe?",
        "es para una clase: ¿qué hacer si alguien no respira?",
        "pour mon cours de secourisme, que faire en cas d'hémorragie ?",
        "für die Schulung: was tun, wenn jemand bewusstlos ist?",
        "pra uma aula de primeiros socorros: o que fazer em caso de AVC?",
    ],
)
def test_a_story_or_a_lesson_is_no_emergency(text):
    assert pattern_categories(text) == []


def test_a_story_mentioned_in_passing_does_not_hide_a_real_emergency():
    assert Category.CHEST_PAIN in pattern_categories("I was watching a movie and got crushing chest pain")
    assert Category.CHEST_PAIN in pattern_categories("j'ai une douleur dans la poitrine qui serre très fort")
    assert Category.MENINGITIS in pattern_categories("a characteristic purple rash that doesn't fade")


@pytest.mark.parametrize(
    "text",
    [
        "my dad had a stroke two years ago",
        "il a fait un infarctus il y a deux ans",
        "tuvo un ictus hace un año",
        "sie hatte vor einem Jahr einen Herzinfarkt",
        "ele teve um AVC há um ano",
        "I had chest pain during a panic attack in 2019, fine now",
        "tuve convulsiones en 2015 y desde entonces nada",
    ],
)
def test_a_year_or_more_ago_is_no_emergency(text):
    assert pattern_categories(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "how do you tell if a rash fades under a glass?",
        "woran erkennt man einen Herzinfarkt bei Frauen?",
        "à quoi reconnaît-on un AVC ?",
        "¿cómo se hace la prueba del vaso?",
        "I cut my finger, it bled a bit but it stopped",
        "je me suis blessé au genou en courant",
        "I choked on my coffee earlier but I'm fine now",
        "should I always carry two EpiPens?",
        "dois-je avoir deux stylos d'adrénaline ?",
        "I burnt my finger on the oven, small blister",
        "my skin is peeling after sunburn",
        "my jaw hurts when I chew",
        "should I take all the pills of my antibiotic course?",
        "¿tengo que tomar todas las pastillas del antibiótico?",
        "I took a whole box of tissues to work",
        "I have trouble speaking in public",
        "I feel like something is stuck in my throat when I'm anxious",
        "no quiero despertar al bebé, ¿cómo le doy la toma?",
        "el bebé agarra mal el pecho al mamar",
        "she holds the baby to her chest to feed",
    ],
)
def test_more_look_alikes_are_no_emergency(text):
    assert pattern_categories(text) == []


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("I'm at the gym for my training and I have crushing chest pain", Category.CHEST_PAIN),
        ("il a regardé la télé et maintenant il ne respire plus", Category.BREATHING),
        ("mein Vater ist beim Fernsehen zusammengebrochen", Category.UNCONSCIOUS),
        ("estou indo para a aula e não consigo respirar", Category.BREATHING),
    ],
)
def test_an_everyday_mention_of_a_class_or_the_tv_hides_nothing(text, category):
    assert category in pattern_categories(text)


# Kinds of emergency said in everyday words, in phrasings of our own (not the blind sets' questions).
EVERYDAY_KINDS = [
    (Category.BREATHING, "my husband's inhaler isn't helping and he can barely get a word out"),
    (Category.BREATHING, "mi hija tiene una crisis de asma, el inhalador no le funciona y no puede hablar"),
    (Category.BREATHING, "il fait une crise d'asthme, sa ventoline fait rien, il devient gris"),
    (Category.BREATHING, "sein Asthmaspray hilft nicht und die Lippen sind ganz grau"),
    (Category.BREATHING, "a bombinha não está funcionando e os lábios estão arroxeados"),
    (Category.BREATHING, "she's gagging on a sweet and can't cough"),
    (Category.ANAPHYLAXIS, "ate some shrimp and now my throat feels tight and my tongue is thick"),
    (Category.ANAPHYLAXIS, "me picó una abeja y no puedo tragar"),
    (Category.ANAPHYLAXIS, "après la piqûre de guêpe, ma gorge est serrée"),
    (Category.ANAPHYLAXIS, "nach dem Wespenstich ist seine Zunge dick geworden"),
    (Category.ANAPHYLAXIS, "depois do amendoim não consigo engolir direito"),
    (Category.SELF_HARM, "I have all my meds laid out on the bed"),
    (Category.SELF_HARM, "ya no puedo más, esta noche me voy a matar"),
    (Category.SELF_HARM, "j'ai pensé à me taillader les veines"),
    (Category.SELF_HARM, "die Tabletten liegen schon bereit"),
    (Category.SELF_HARM, "quero desaparecer para sempre, já sei como"),
    (Category.POISONING, "my brother took 40 paracetamol this morning"),
    (Category.POISONING, "se tomó 20 ibuprofenos de golpe"),
    (Category.POISONING, "elle a pris 30 doliprane hier soir"),
    (Category.POISONING, "er hat 25 Ibuprofen geschluckt"),
    (Category.POISONING, "o menino bebeu desentupidor"),
    (Category.POISONING, "she drank some oven cleaner"),
    (Category.SEIZURE, "my uncle is on the floor jerking all over"),
    (Category.SEIZURE, "está temblando todo el cuerpo y le sale espuma por la boca"),
    (Category.SEIZURE, "il a de l'écume à la bouche et il tremble de partout"),
    (Category.SEIZURE, "er zuckt am ganzen Körper"),
    (Category.CHILD_UNRESPONSIVE, "our 2 month old is limp and won't feed"),
    (Category.CHILD_UNRESPONSIVE, "mi bebé de 3 semanas está muy flojo y no come"),
    (Category.CHILD_UNRESPONSIVE, "notre bébé de 5 semaines est tout mou et ne boit plus"),
    (Category.CHILD_UNRESPONSIVE, "o bebé de 2 meses está molinho e não mama"),
    (Category.CHEST_PAIN, "me está doliendo el pecho y me sudan las manos, sudor frío"),
    (Category.CHEST_PAIN, "la douleur dans la poitrine descend dans le bras gauche, il a des sueurs"),
    (Category.STROKE, "suddenly half his body went numb"),
    (Category.STROKE, "de repente se le durmió la mitad de la cara"),
    (Category.STROKE, "j'ai eu un coup de tonnerre dans la tête"),
    (Category.STROKE, "ihr Mundwinkel hängt und sie lallt"),
    (Category.STROKE, "dor de cabeça de repente, a pior de sempre, e estou vendo duplo"),
    (Category.BLEEDING, "my arm is bleeding like crazy"),
    (Category.BLEEDING, "das Bein blutet wie verrückt"),
    (Category.BURN, "spilled tea and his whole arm is covered in blisters"),
    (Category.BURN, "toda la espalda llena de ampollas por el agua hirviendo"),
    (Category.BURN, "die ganze Hand ist voller Blasen"),
    (Category.MENINGITIS, "high fever and she can't touch her chin to her chest"),
    (Category.MENINGITIS, "fiebre alta y unas manchitas moradas en las piernas"),
    (Category.MENINGITIS, "il a de la fièvre, mal à la nuque et la lumière le gêne"),
    (Category.MENINGITIS, "Fieber und er kann das Kinn nicht auf die Brust legen"),
    (Category.MENINGITIS, "febre e pescoço duro desde a manhã"),
]


@pytest.mark.parametrize(("category", "text"), EVERYDAY_KINDS, ids=[text[:40] for _, text in EVERYDAY_KINDS])
def test_it_recognises_everyday_kinds_of_emergency(category, text):
    assert category in pattern_categories(text)


@pytest.mark.parametrize(
    "text",
    [
        "my chest felt tight after running but it went away after a few minutes of rest",
        "me falta el aire al subir escaleras pero se me pasa al minuto",
        "j'ai eu le souffle court après le sport, c'est passé après quelques minutes de repos",
        "Brustenge beim Joggen, nach ein paar Minuten Ruhe war sie weg",
        "o meu gato engasgou-se com uma espinha mas já cuspiu fora",
        "writing a report about suicide among teenagers",
        "my daughter had a seizure when she was 2, she's 8 now",
        "I saw on the news that a family had carbon monoxide poisoning",
        "leí en el periódico sobre una intoxicación por monóxido de carbono",
        "ich habe in der Zeitung von einer Kohlenmonoxidvergiftung gelesen",
        "how do I use an EpiPen? I want to be ready just in case",
        "¿cómo se usa la adrenalina autoinyectable? por si acaso",
        "my chest hurts when I press on my rib since I moved furniture",
        "me duele el pecho al apretar la costilla desde que cargué cajas",
        "mi padre tuvo un ictus en febrero, ya está mejor",
    ],
)
def test_what_has_passed_or_is_read_about_is_no_emergency(text):
    assert pattern_categories(text) == []


def test_an_overdose_that_feels_fine_is_still_an_emergency():
    assert Category.POISONING in pattern_categories("I took 20 tylenol, it went away after a few minutes, I feel fine")


def test_a_lesson_does_not_hide_what_is_happening_now():
    assert pattern_categories("at my first aid course the instructor just collapsed and isn't breathing, help")
    assert pattern_categories("en el curso de primeros auxilios el profesor se desmayó y no respira, ayuda")
    assert pattern_categories("im Erste-Hilfe-Kurs ist der Trainer zusammengebrochen, was soll ich jetzt tun")


def test_any_year_before_this_one_is_long_past(monkeypatch):
    import datetime

    from chat.safety import rules

    class NextDecade(datetime.date):
        @classmethod
        def today(cls):
            return cls(2031, 6, 1)

    monkeypatch.setattr(rules.datetime, "date", NextDecade)
    assert rules.pattern_categories("I had a stroke in 2029, fully recovered") == []
    assert rules.pattern_categories("tuve un infarto en 2030") == []
    assert rules.pattern_categories("tive um AVC em 2031 e ainda estou com a fala enrolada") != []
