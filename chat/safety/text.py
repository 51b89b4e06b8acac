"""Questions as plain tokens: lower case, accents optional, apostrophes gone, in clauses.

A negation or a "long ago" belongs to its clause: "no chest pain but I can't breathe" denies
the first, not the second.
"""

import re
import unicodedata

_CLAUSE_BREAK = re.compile(r"[.!?;:\n]+|,\s*(?:but|pero|mais|aber|mas|however)\b", re.IGNORECASE)
_TOKEN = re.compile(r"[a-z0-9]+")
# Ligatures and letters that NFKD does not take apart.
_LETTERS = str.maketrans({"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "’": "'", "‘": "'"})
# Contractions and spellings that mean one thing, made one token.
_SAME = [
    (re.compile(r"\bcan ?not\b|\bcan'?t\b|\bunable to\b"), "cant"),
    (re.compile(r"\b(\w+)n'?t\b"), r"\1nt"),
]


def plain(text: str) -> str:
    """Lower case without accents: "Não consigo" and "nao consigo" are the same text."""
    decomposed = unicodedata.normalize("NFKD", text.lower().translate(_LETTERS))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def tokens(text: str) -> list[str]:
    """The words of an already plain text, contractions joined: "can't" and "cannot" are both "cant"."""
    for pattern, replacement in _SAME:
        text = pattern.sub(replacement, text)
    return _TOKEN.findall(text.replace("'", " "))


def clauses(text: str) -> list[list[str]]:
    """The question's clauses, each as its tokens; empty clauses left out."""
    return [words for part in _CLAUSE_BREAK.split(plain(text)) if (words := tokens(part))]
