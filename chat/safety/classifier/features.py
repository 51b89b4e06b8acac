"""A question as hashed features: its words, its word pairs and the pieces of its words.

Pieces of words (three to five letters) carry a red flag through typos, compounds and endings
("Brustschmerzn", "respirar"/"respiro"); word pairs carry what a word alone can't ("no chest",
"last year"). Each feature is hashed to one of BUCKETS rows, with CRC-32 so that the same text
gives the same features in every process (Python's own hash is salted).
"""

import zlib
from itertools import pairwise

from chat.safety.patterns import LANGUAGES
from chat.safety.text import clauses

# Every language's negations: a word a few places after one ("no chest pain", "sin dolor") is also read as
# denied, a feature of its own, so that the model can tell "chest pain" from "no chest pain".
NEGATIONS = frozenset().union(*(language.NEGATIONS for language in LANGUAGES.values()), {"nicht", "never", "ne"})
NEGATION_REACH = 3

BUCKETS = 1 << 18
PIECES = (3, 4, 5)


def feature_names(text: str) -> list[str]:
    """Every feature of the text, by name, repeated as often as it occurs."""
    names = []
    for words in clauses(text):
        names += [f"w {word}" for word in words]
        names += [f"p {first} {second}" for first, second in pairwise(words)]
        names += [f"n {word}" for word in _denied(words)]
        for word in words:
            marked = f"<{word}>"
            names += [f"c {marked[at : at + size]}" for size in PIECES for at in range(len(marked) - size + 1)]
    return names


def _denied(words: list[str]) -> list[str]:
    denied, reach = [], 0
    for word in words:
        if word in NEGATIONS:
            reach = NEGATION_REACH
        elif reach:
            denied.append(word)
            reach -= 1
    return denied


def feature_buckets(text: str) -> list[int]:
    """The rows of the text's features in the model's weights."""
    return [zlib.crc32(name.encode()) % BUCKETS for name in feature_names(text)]
