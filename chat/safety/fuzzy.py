"""Whether a written word is a pattern's word, allowing for a typo.

Words of 5 letters or more may be one edit off (a letter missing, extra, wrong, or two swapped),
words of 9 or more two: "breathe" matches "breath" and "braethe"; in a word of 4 letters only two
neighbours may be swapped ("pian" for "pain"), and shorter words must be exact.
A pattern word ending in "*" is a stem: "bleed*" matches "bleeding" and "bleeds".
"""

from functools import lru_cache

SWAP_ONLY_LENGTH = 4


def allowed_edits(length: int, *, same_start: bool = True) -> int:
    """Edits a word of this length may be off by; a second one only where the first three letters agree
    ("brustschmerz" for "brustchmerz", but "blutdruck", blood pressure, is not "brustdruck")."""
    if length >= 9:
        return 2 if same_start else 1
    if length >= 5:
        return 1
    return 0


def edit_distance(a: str, b: str, *, limit: int) -> int:
    """Optimal string alignment distance (a swap of neighbours is one edit), or limit + 1 once past it."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, 1):
            cost = char_a != char_b
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def is_swap(word: str, pattern_word: str) -> bool:
    """ "pian" for "pain": in short words only two neighbours may be swapped."""
    return (
        len(word) == len(pattern_word)
        and sorted(word) == sorted(pattern_word)
        and edit_distance(word, pattern_word, limit=1) <= 1
    )


@lru_cache(maxsize=200_000)
def word_matches(word: str, pattern_word: str) -> bool:
    if pattern_word.endswith("*"):
        stem = pattern_word[:-1]
        if word.startswith(stem):
            return True
        if len(stem) == SWAP_ONLY_LENGTH:
            return is_swap(word[:SWAP_ONLY_LENGTH], stem)
        limit = allowed_edits(len(stem), same_start=word[:3] == stem[:3])
        # The stem against the word's start, a letter shorter or longer for a missing or extra one.
        return limit > 0 and any(
            edit_distance(word[:length], stem, limit=limit) <= limit
            for length in range(len(stem) - limit, len(stem) + limit + 1)
            if 0 < length <= len(word)
        )
    if word == pattern_word:
        return True
    if len(pattern_word) == SWAP_ONLY_LENGTH:
        return is_swap(word, pattern_word)
    limit = allowed_edits(len(pattern_word), same_start=word[:3] == pattern_word[:3])
    return limit > 0 and edit_distance(word, pattern_word, limit=limit) <= limit
