"""The red-flag check: every category in every language, negation, typos, and the questions that only look alike."""

import pytest

from chat.safety import EmergencyContacts, safety_check
from chat.safety.categories import Category
from chat.safety.check import red_flag_categories

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
    assert category in red_flag_categories(text)


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
    assert red_flag_categories(text) == []


def test_a_negation_reaches_only_its_part_of_the_question():
    assert red_flag_categories("no chest pain but I can't breathe") == [Category.BREATHING]
    assert red_flag_categories("no fever and now trouble breathing") == [Category.BREATHING]
    assert red_flag_categories("sin fiebre, pero no puedo respirar") == [Category.BREATHING]


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
    assert red_flag_categories(text) == []


def test_something_long_past_does_not_hide_what_happens_now():
    assert Category.STROKE in red_flag_categories("I had a stroke years ago and now my face is drooping")


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
    assert red_flag_categories(text) == []


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
    assert red_flag_categories(text) == []


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
    assert category in red_flag_categories(text)


def test_short_words_do_not_match_by_accident():
    # "pain" allows only a swap of neighbours: "rain" is no typo of it.
    assert red_flag_categories("rain on my chest") == []


def test_the_result_says_whom_to_call():
    result = safety_check("I think I'm having a heart attack", contacts=EmergencyContacts("911", "988"))
    assert result.as_dict() == {
        "level": "emergency",
        "categories": ["chest_pain"],
        "message": "This may be an emergency. Call 911 now, or go to the nearest emergency department.",
        "emergency_number": "911",
    }


def test_self_harm_adds_the_crisis_line():
    contacts = EmergencyContacts("911", "988 (Suicide & Crisis Lifeline)")
    result = safety_check("I've been thinking about ending my life", contacts=contacts)
    assert result.self_harm
    assert result.crisis_line == "988 (Suicide & Crisis Lifeline)"
    assert "988 (Suicide & Crisis Lifeline)" in result.message
    assert result.as_dict()["crisis_line"] == "988 (Suicide & Crisis Lifeline)"


def test_no_red_flag_is_level_none():
    assert safety_check("What does an HbA1c of 6.1% mean?", contacts=EmergencyContacts("112", "")).as_dict() == {
        "level": "none",
        "categories": [],
        "message": "",
        "emergency_number": "",
    }


def test_it_is_fast_on_the_longest_question():
    import time

    text = "I have had a mild cough and some tiredness for a few days, nothing else. " * 270  # ~20,000 characters
    started = time.perf_counter()
    assert red_flag_categories(text) == []
    assert time.perf_counter() - started < 2.0
