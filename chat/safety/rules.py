"""The hand-written patterns (patterns/): the red flags they find in a question, by clause.

Pure Python: the same text always gives the same result, in well under a millisecond for an
ordinary question (a word is compared with the patterns' words the first time it is seen; a
20,000-character text of new words takes about a second, once).
"""

import datetime
from dataclasses import dataclass
from functools import cache

from chat.safety.categories import Category
from chat.safety.matching import Phrase, Vocabulary, compile_phrase, find, occurs_in, possible
from chat.safety.negation import is_denied, part_of
from chat.safety.patterns import LANGUAGES
from chat.safety.text import clauses


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
    # A story or a lesson anywhere in the question ("in the film last night...", "for my first aid course").
    fiction_or_teaching: list[Phrase]
    # Something happening now ("help", "jetzt", "socorro"): a film or a lesson then clears nothing.
    urgent: list[Phrase]
    # It is over: "it went away after a few minutes of rest", "ya lo escupió" (the whole question).
    resolved: list[Phrase]
    # Every language's: any of them before a phrase denies it.
    negations: frozenset[str]
    vocabulary: Vocabulary


# The first year "in <year>" may name: earlier numbers are rather amounts ("in 1500 ml").
FIRST_YEAR = 1900


def _rules() -> _Rules:
    today = datetime.date.today()
    return _rules_on(today.year, today.month)


def _past_dates(language, year: int, month: int) -> list[str]:
    """ "in 2019", "en marzo": any year before this one, any month but this one (a past one, in a question about
    what happened), in the language's words."""
    # Whole decades as stems ("199*"), the years of this decade one by one.
    decades = [f"{decade // 10}*" for decade in range(FIRST_YEAR, year - year % 10, 10)]
    years = "/".join([*decades, *(str(past) for past in range(year - year % 10, year))])
    months = "/".join(name for number, name in enumerate(language.MONTHS.split("/"), 1) if number != month)
    return [f"{language.YEAR_OR_MONTH_WORDS} {years}", f"{language.YEAR_OR_MONTH_WORDS} {months}"]


def _compiled(phrases: list[str], language: str) -> list[Phrase]:
    return [compile_phrase(phrase, language) for phrase in phrases]


@cache
def _rules_on(year: int, month: int) -> _Rules:
    red_flags: list[_RedFlag] = []
    long_ago, in_general, fiction_or_teaching, urgent, resolved, negations = [], [], [], [], [], set()
    for code, language in LANGUAGES.items():
        grammar = _Grammar(negations=language.NEGATIONS, breaks=language.BREAKS)
        for category, phrases in language.RED_FLAGS.items():
            red_flags += [_RedFlag(category, phrase, grammar) for phrase in _compiled(phrases, code)]
        long_ago += _compiled([*language.LONG_AGO, *_past_dates(language, year, month)], code)
        urgent += _compiled(language.URGENT, code)
        resolved += _compiled(language.RESOLVED, code)
        in_general += _compiled(language.IN_GENERAL, code)
        fiction_or_teaching += _compiled(language.FICTION_OR_TEACHING, code)
        negations |= language.NEGATIONS
    by_first_word: dict[str, list[_RedFlag]] = {}
    for flag in red_flags:
        for word in flag.phrase.steps[0].words:
            by_first_word.setdefault(word, []).append(flag)
    every_phrase = [
        *long_ago,
        *in_general,
        *fiction_or_teaching,
        *urgent,
        *resolved,
        *(flag.phrase for flag in red_flags),
    ]
    return _Rules(
        by_first_word=by_first_word,
        long_ago=long_ago,
        in_general=in_general,
        fiction_or_teaching=fiction_or_teaching,
        urgent=urgent,
        resolved=resolved,
        negations=frozenset(negations),
        vocabulary=Vocabulary(every_phrase),
    )


def pattern_categories(text: str) -> list[Category]:
    """The categories the patterns find in the text, in the order of Category."""
    rules = _rules()
    found: set[Category] = set()
    every_clause = [(clause, [rules.vocabulary.matches(token) for token in clause]) for clause in clauses(text)]
    # A film, a novel or a first-aid course is about someone else's emergency, in the whole question,
    # unless the question also says it is happening now ("the instructor just collapsed, help").
    # And so is one that has passed ("it went away after a few minutes of rest"), on the same terms.
    # An overdose or a plan to die that "feels fine now" is not over: the recovery clears neither.
    clearing = [*rules.fiction_or_teaching, *rules.resolved]
    fiction = any(occurs_in(rules.fiction_or_teaching, matched) for _, matched in every_clause)
    over = not fiction and any(_has_passed(clause, matched, rules) for clause, matched in every_clause)
    if (fiction or over) and any(_urgent(matched, clearing, rules) for _, matched in every_clause):
        fiction = over = False
    if fiction:
        return []
    general = [*rules.in_general, *rules.fiction_or_teaching]
    for clause, matched in every_clause:
        words = frozenset().union(*matched)
        # "First aid" or "signs of" in a clause that also says "help!" is no question in general.
        if not words or (occurs_in(rules.in_general, matched) and not _urgent(matched, general, rules)):
            continue
        candidates = {id(flag): flag for word in words for flag in rules.by_first_word.get(word, ())}
        for flag in candidates.values():
            if flag.category not in found and possible(flag.phrase, words) and _describes(flag, clause, matched, rules):
                found.add(flag.category)
    if over:
        found &= {Category.POISONING, Category.SELF_HARM}
    return [category for category in Category if category in found]


def _has_passed(clause: list[str], matched: list[frozenset[str]], rules: _Rules) -> bool:
    """Whether the clause says the symptom has passed, not denied ("no se me pasa")."""
    words = frozenset().union(*matched)
    return any(
        not is_denied(where, clause, before=rules.negations, within=frozenset(), breaks=frozenset())
        for phrase in rules.resolved
        if possible(phrase, words)
        for where in find(phrase, matched)
    )


def _urgent(matched: list[frozenset[str]], clearing: list[Phrase], rules: _Rules) -> bool:
    """Whether the clause says it is happening now, in words other than the film's, the lesson's or the
    recovery's own ("primeiros socorros" is not "socorro!", "fine now" is not "now")."""
    words = frozenset().union(*matched)
    lesson = {
        position
        for phrase in clearing
        if possible(phrase, words)
        for where in find(phrase, matched)
        for position in where.positions
    }
    return any(
        lesson.isdisjoint(where.positions)
        for phrase in rules.urgent
        if possible(phrase, words)
        for where in find(phrase, matched)
    )


def _describes(flag: _RedFlag, clause: list[str], matched: list[frozenset[str]], rules: _Rules) -> bool:
    grammar = flag.grammar
    for where in find(flag.phrase, matched):
        if is_denied(where, clause, before=rules.negations, within=grammar.negations, breaks=grammar.breaks):
            continue
        start, end = part_of(where, clause, grammar.breaks)
        if not occurs_in(rules.long_ago, matched[start:end]):
            return True
    return False
