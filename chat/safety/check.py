"""safety_check(text): the red flags in a question, before anything else is done with it.

Pure Python, no model and no database: the same text always gives the same result, in well
under a millisecond for an ordinary question (a word is compared with the patterns' words the
first time it is seen; a 20,000-character text of new words takes about a second, once).
"""

import hashlib
import threading
from collections import OrderedDict
from dataclasses import dataclass
from functools import cache

from chat.safety.categories import ADVICE, Category
from chat.safety.matching import Phrase, Vocabulary, compile_phrase, find, occurs_in, possible
from chat.safety.negation import is_denied, part_of
from chat.safety.numbers import EmergencyContacts
from chat.safety.patterns import LANGUAGES
from chat.safety.text import clauses

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


@dataclass(frozen=True)
class _Grammar:
    """A language's negations and "and"s: a phrase is read by its own language's ("no" is "in" in Portuguese)."""

    negations: frozenset[str]
    breaks: frozenset[str]


@dataclass(frozen=True)
class _RedFlag:
    category: Category
    phrase: Phrase
    grammar: _Grammar


@dataclass(frozen=True)
class _Rules:
    # Each red-flag phrase under each of its first words: a clause is tried only against phrases it could hold.
    by_first_word: dict[str, list[_RedFlag]]
    long_ago: list[Phrase]
    in_general: list[Phrase]
    # Every language's: any of them before a phrase denies it.
    negations: frozenset[str]
    vocabulary: Vocabulary


@cache
def _rules() -> _Rules:
    red_flags: list[_RedFlag] = []
    long_ago, in_general, negations = [], [], set()
    for language in LANGUAGES.values():
        grammar = _Grammar(negations=language.NEGATIONS, breaks=language.BREAKS)
        for category, phrases in language.RED_FLAGS.items():
            red_flags += [_RedFlag(category, compile_phrase(phrase), grammar) for phrase in phrases]
        long_ago += [compile_phrase(phrase) for phrase in language.LONG_AGO]
        in_general += [compile_phrase(phrase) for phrase in language.IN_GENERAL]
        negations |= language.NEGATIONS
    by_first_word: dict[str, list[_RedFlag]] = {}
    for flag in red_flags:
        for word in flag.phrase.steps[0].words:
            by_first_word.setdefault(word, []).append(flag)
    every_phrase = [*long_ago, *in_general, *(flag.phrase for flag in red_flags)]
    return _Rules(
        by_first_word=by_first_word,
        long_ago=long_ago,
        in_general=in_general,
        negations=frozenset(negations),
        vocabulary=Vocabulary(every_phrase),
    )


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
    rules = _rules()
    found: set[Category] = set()
    for clause in clauses(text):
        matched = [rules.vocabulary.matches(token) for token in clause]
        words = frozenset().union(*matched)
        if not words or occurs_in(rules.in_general, matched):
            continue
        candidates = {id(flag): flag for word in words for flag in rules.by_first_word.get(word, ())}
        for flag in candidates.values():
            if flag.category not in found and possible(flag.phrase, words) and _describes(flag, clause, matched, rules):
                found.add(flag.category)
    return [category for category in Category if category in found]


def _describes(flag: _RedFlag, clause: list[str], matched: list[frozenset[str]], rules: _Rules) -> bool:
    grammar = flag.grammar
    for where in find(flag.phrase, matched):
        if is_denied(where, clause, before=rules.negations, within=grammar.negations, breaks=grammar.breaks):
            continue
        start, end = part_of(where, clause, grammar.breaks)
        if not occurs_in(rules.long_ago, matched[start:end]):
            return True
    return False


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
