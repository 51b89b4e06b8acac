"""Red-flag phrases compiled once, and found in a question's clauses.

A phrase is words in order, separated by spaces; "a/b" means either word; "pain*" any word
starting so; "word=" that word with no typo allowed (a letter off, it is another common word);
and a word may come up to two words after the one before it ("pain in my chest"), or up to eight
after "..." ("pregnant ... bleeding").
"""

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from chat.safety.fuzzy import SWAP_ONLY_LENGTH, allowed_edits, word_matches
from chat.safety.lexicon import languages_writing
from chat.safety.text import plain

NEAR = 2
FAR = 8
# A word ending so is matched only as written, never as a typo: German "schlaff=" (limp) is not "schläft" (sleeps).
AS_WRITTEN = "="


@dataclass(frozen=True)
class Step:
    words: tuple[str, ...]
    # How many other words may come before this one, after the previous step's.
    gap: int


@dataclass(frozen=True)
class Phrase:
    steps: tuple[Step, ...]
    text: str
    # The patterns' language ("de"): a word common in another language is no typo of this phrase's words.
    language: str


@dataclass(frozen=True)
class Found:
    # Where each of the phrase's words was found, in order.
    positions: tuple[int, ...]

    @property
    def start(self) -> int:
        return self.positions[0]

    @property
    def end(self) -> int:
        return self.positions[-1]


def compile_phrase(text: str, language: str) -> Phrase:
    steps, gap = [], 0
    for part in plain(text).replace("'", "").split():
        if part == "...":
            gap = FAR
            continue
        steps.append(Step(words=tuple(part.split("/")), gap=gap))
        gap = NEAR
    if not steps:
        raise ValueError(f"An empty red-flag phrase: {text!r}")
    return Phrase(steps=tuple(steps), text=text, language=language)


class Vocabulary:
    """Every word the phrases use, so that each word of a question is compared with them once.

    Words are indexed by their first letter, as a typo rarely touches it, and by their first two,
    to look up a swap of those. Only words of about the token's length are compared.
    """

    def __init__(self, phrases: Iterable[Phrase]):
        # The languages whose phrases use each word: a word common in another language is no typo of it.
        languages_of: dict[str, set[str]] = defaultdict(set)
        for phrase in phrases:
            for step in phrase.steps:
                for word in step.words:
                    languages_of[word].add(phrase.language)
        self.languages_of = {word: frozenset(languages) for word, languages in languages_of.items()}
        # Each word with the shortest and the longest token it may match (a stem: any token at most 3 letters
        # shorter), its letters as bits, and how many of them a typo may leave out.
        self.by_start: dict[str, list[_Entry]] = defaultdict(list)
        self.by_first_two: dict[str, list[_Entry]] = defaultdict(list)
        for word in sorted(self.languages_of):
            entry = _entry(word)
            self.by_start[word[0]].append(entry)
            self.by_first_two[word[:2]].append(entry)
        self.matches = lru_cache(maxsize=50_000)(self._matches)

    def _matches(self, token: str) -> frozenset[str]:
        length, letters = len(token), _letters(token)
        candidates = [*self.by_start.get(token[0], ()), *self.by_first_two.get(token[1::-1], ())]
        return frozenset(
            word
            for word, shortest, longest, its_letters, missing in candidates
            if shortest <= length <= longest
            # A cheap first look: a word one typo away lacks at most one of the pattern word's letters.
            and (its_letters & ~letters).bit_count() <= missing
            and self._reads_as(token, word)
        )

    def _reads_as(self, token: str, word: str) -> bool:
        """Whether the token is the pattern word: as written, or with a typo where one is allowed."""
        if _as_written(token, word):
            return True
        if word.endswith(AS_WRITTEN) or not word_matches(token, word):
            return False
        # A letter off, but spelled right in a language the word's phrases are not in: another word.
        writing = languages_writing(token)
        return not writing or not writing.isdisjoint(self.languages_of[word])


_Entry = tuple[str, int, int, int, int]


def _as_written(token: str, word: str) -> bool:
    """The pattern word itself, or a word its stem begins ("bleed*": "bleeding"): no typo in it."""
    word = word.removesuffix(AS_WRITTEN)
    return token.startswith(word[:-1]) if word.endswith("*") else token == word


def _letters(text: str) -> int:
    bits = 0
    for char in text:
        bits |= 1 << (ord(char) & 63)
    return bits


def _entry(word: str) -> _Entry:
    core = word.removesuffix(AS_WRITTEN).rstrip("*")
    # At most as many of the word's letters may be missing as edits are allowed (chat.safety.fuzzy).
    missing = allowed_edits(len(core)) if len(core) > SWAP_ONLY_LENGTH else 0
    if word.removesuffix(AS_WRITTEN).endswith("*"):
        return word, len(core) - 2, 1 << 30, _letters(core), missing
    return word, len(core) - 2, len(core) + 2, _letters(core), missing


def possible(phrase: Phrase, words: frozenset[str]) -> bool:
    """Whether each of the phrase's words is among `words` (those a clause matches): a cheap first look."""
    return all(not words.isdisjoint(step.words) for step in phrase.steps)


def find(phrase: Phrase, matched: list[frozenset[str]]) -> Iterator[Found]:
    """Where the phrase occurs, given the phrase words each token of a clause matches."""
    first = phrase.steps[0].words
    for start, words in enumerate(matched):
        if words.isdisjoint(first):
            continue
        positions = [start]
        for step in phrase.steps[1:]:
            window = range(positions[-1] + 1, min(positions[-1] + step.gap + 2, len(matched)))
            position = next((i for i in window if not matched[i].isdisjoint(step.words)), -1)
            if position < 0:
                break
            positions.append(position)
        else:
            yield Found(positions=tuple(positions))


def occurs_in(phrases: Iterable[Phrase], matched: list[frozenset[str]]) -> bool:
    words = frozenset().union(*matched)
    return any(possible(phrase, words) and next(find(phrase, matched), None) is not None for phrase in phrases)
