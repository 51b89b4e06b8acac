"""safety_check(text): the red flags in a question, before anything else is done with it.

Two readers, no language model and no database, so the same text always gives the same result:
- the hand-written patterns (rules.py), clause by clause, with negation, "long ago" and "in general";
- when they find nothing, a small linear classifier (classifier/) that reads the whole question and
  knows red flags in words the patterns never had.
The classifier only adds: what the patterns found stands (it was never worth the risk of letting a
model overrule "I'm thinking about suicide"), and they name the categories when they found any.
"""

import hashlib
import threading
from collections import OrderedDict
from dataclasses import dataclass

from chat.safety.categories import ADVICE, Category
from chat.safety.classifier.model import classifier
from chat.safety.numbers import EmergencyContacts
from chat.safety.rules import pattern_categories

EMERGENCY = "emergency"
NONE = "none"


@dataclass(frozen=True)
class SafetyResult:
    level: str
    categories: tuple[str, ...] = ()
    message: str = ""
    emergency_number: str = ""
    crisis_line: str = ""

    @property
    def is_emergency(self) -> bool:
        return self.level == EMERGENCY

    @property
    def self_harm(self) -> bool:
        return Category.SELF_HARM in self.categories

    @property
    def advice(self) -> list[str]:
        return [ADVICE[Category(category)] for category in self.categories]

    def as_dict(self) -> dict:
        return {
            "level": self.level,
            "categories": list(self.categories),
            "message": self.message,
            "emergency_number": self.emergency_number,
            **({"crisis_line": self.crisis_line} if self.self_harm else {}),
        }


# Questions whose result is remembered, by the SHA-256 of their text.
REMEMBERED = 4096
_remembered: OrderedDict[bytes, tuple[Category, ...]] = OrderedDict()
_remembered_lock = threading.Lock()


def red_flag_categories(text: str) -> list[Category]:
    """The categories of emergency the text describes, in the order of Category."""
    # Pages and the API check the same questions on every read: remembered by digest, never by text.
    digest = hashlib.sha256(text.encode()).digest()
    with _remembered_lock:
        if digest in _remembered:
            _remembered.move_to_end(digest)
            return list(_remembered[digest])
    categories = _red_flags_in(text)
    with _remembered_lock:
        _remembered[digest] = tuple(categories)
        while len(_remembered) > REMEMBERED:
            _remembered.popitem(last=False)
    return categories


def _red_flags_in(text: str) -> list[Category]:
    if found := pattern_categories(text):
        return found
    category = classifier().flags(text)
    return [category] if category else []


def safety_check(text: str, *, contacts: EmergencyContacts) -> SafetyResult:
    """The text's red flags, and whom to call about them: the person's contacts (chat.safety.numbers)."""
    categories = red_flag_categories(text)
    if not categories:
        return SafetyResult(level=NONE)
    number = contacts.emergency_number
    self_harm = Category.SELF_HARM in categories
    message = f"This may be an emergency. Call {number} now, or go to the nearest emergency department."
    if self_harm:
        message += f" If you are thinking about harming yourself, a crisis line: {contacts.crisis_line}."
    return SafetyResult(
        level=EMERGENCY,
        categories=tuple(str(category) for category in categories),
        message=message,
        emergency_number=number,
        crisis_line=contacts.crisis_line if self_harm else "",
    )
