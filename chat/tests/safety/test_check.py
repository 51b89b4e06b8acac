"""safety_check: the patterns first, then the classifier, and whom to call."""

from dataclasses import dataclass

import pytest

from chat.safety import EmergencyContacts, check, safety_check
from chat.safety.categories import Category
from chat.safety.check import red_flag_categories
from chat.safety.rules import pattern_categories


@dataclass(frozen=True)
class _Classifier:
    """Says the same of every text (the real one is tested in chat/tests/safety/classifier/)."""

    category: Category | None

    def flags(self, text: str) -> Category | None:
        return self.category


@pytest.fixture
def classifier_says(monkeypatch):
    def says(category: Category | None) -> None:
        monkeypatch.setattr(check, "classifier", lambda: _Classifier(category))
        monkeypatch.setattr(check, "_remembered", check.OrderedDict())

    return says


def test_what_the_patterns_find_stands_whatever_the_classifier_says(classifier_says):
    classifier_says(None)
    assert red_flag_categories("I'm thinking about suicide") == [Category.SELF_HARM]


def test_the_classifier_adds_what_the_patterns_miss(classifier_says):
    classifier_says(Category.STROKE)
    assert red_flag_categories("grandpa looks odd and talks funny") == [Category.STROKE]
    classifier_says(None)
    assert red_flag_categories("grandpa looks odd and talks funny") == []


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # From blind_3, written by someone who saw neither: the patterns miss them, the shipped classifier doesn't.
        (
            "my best friend just texted me goodbye and said shes sorry for everything, now shes not picking up "
            "her phone. what do i do",
            Category.SELF_HARM,
        ),
        ("oma liegt im bad auf dem boden und ich krieg sie nicht wach", Category.UNCONSCIOUS),
        ("o bebe puxou a chaleira e a agua a ferver caiu-lhe no peito, tem bolhas enormes", Category.BURN),
    ],
)
def test_the_shipped_check_knows_red_flags_the_patterns_miss(text, category):
    assert pattern_categories(text) == []
    assert red_flag_categories(text) == [category]


@pytest.mark.parametrize(
    "text",
    [
        "hello",
        "thanks!",
        "und jetzt?",
        "y ahora que hago?",
        "And T4?",
        "What does an HbA1c of 6.1% mean?",
        "can you summarize my blood test from March",
        "Meine Cholesterinwerte sind gestiegen, was kann ich essen?",
        "¿me puedes explicar el informe de la resonancia?",
    ],
)
def test_everyday_questions_are_no_emergency(text):
    assert red_flag_categories(text) == []


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


def test_the_result_is_remembered_by_digest_not_by_text():
    red_flag_categories("I can't breathe")
    assert all(isinstance(key, bytes) and len(key) == 32 for key in check._remembered)
