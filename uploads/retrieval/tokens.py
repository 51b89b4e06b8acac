"""Words as BM25 counts them: case-folded, British and American spellings made one, common words dropped.

The same function serves passages and questions, so whatever it merges matches both ways:
"Haemoglobin" and "hemoglobin" are one word, and "oedema" is "edema". Month names count as their
three-letter form, as lab reports print dates ("18-Mar-2024" answers "in March"), and a long word
also counts as its first PREFIX_CHARS letters, so word forms meet: "allergic" and "allergies",
"anaemic" and "anaemia".
"""

import calendar
import re

from bm25s.stopwords import STOPWORDS_EN

_WORD = re.compile(r"\w+")
_STOPWORDS = frozenset(STOPWORDS_EN) | {"my", "me", "i", "what", "how", "does", "did", "was", "has", "have"}
# British medical spellings to American: haem-/anaem- (ae → e), oedema/oestrogen (oe → e).
_SPELLINGS = (("ae", "e"), ("oe", "e"))
# "may" stays a word: as a month it is too rarely meant to outweigh the verb.
_MONTHS = {name: name[:3] for name in (month.casefold() for month in calendar.month_name[1:]) if name != "may"} | {
    "sept": "sep"
}
PREFIX_CHARS = 5


def words(text: str) -> list[str]:
    found = []
    for word, prefix in _normalised(text):
        found.append(word)
        if prefix:
            found.append(prefix)
    return found


def plain_words(text: str) -> list[str]:
    """The words of words(), in order, without their prefix tokens: what a phrase is matched against."""
    return [word for word, _prefix in _normalised(text)]


def _normalised(text: str) -> list[tuple[str, str | None]]:
    """Each counted word as (word, its prefix token or None)."""
    found = []
    for word in _WORD.findall(text.casefold()):
        if word in _STOPWORDS:
            continue
        for british, american in _SPELLINGS:
            word = word.replace(british, american)
        word = _MONTHS.get(word, word)
        found.append((_singular(word), word[:PREFIX_CHARS] + "…" if len(word) > PREFIX_CHARS else None))
    return found


def _singular(word: str) -> str:
    """ "results" → "result", "platelets" → "platelet"; short words and "-ss"/"-us"/"-is" stay as they are."""
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word
