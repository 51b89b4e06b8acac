"""Words spelled right in one of the check's languages: such a word is no typo of another language's word.

Every question is checked against every language's patterns, and a pattern word may be a letter
off for a typo (chat.safety.fuzzy). So German "wann" (when) read as a misspelt English "wanna",
and "Wann nehme ich die Tablette?" as "wanna ... die"; German "elektrische" (electric) as French
"électrisé". A word that is common in a language none of the pattern word's languages share is
taken as written. Within one language the allowance stays: it is also how the patterns reach
inflected forms ("sangrar" for "sangra").

The lists are wordfreq's (word frequencies from many sources, kept up to date by its authors): a
word seen at least once in a million words of a language is common there.
"""

import gzip
from functools import cache

import msgpack
from wordfreq import available_languages

from chat.safety.text import plain

LANGUAGES = ("en", "es", "fr", "de", "pt")
# Once in a million words (Zipf 3, -600 centibels): 30,000 to 40,000 words a language.
RAREST_CENTIBELS = 600


def _common_in(path: str) -> list[str]:
    """The common words of one of wordfreq's lists ("cBpack": gzipped msgpack, a header, then bucket i holding
    the words seen at -i centibels), read only as far as the rarest common word: wordfreq's own readers
    decode and cache the whole list, rare words and all (about 200 MB for the five)."""
    with gzip.open(path, "rb") as file:
        unpacker = msgpack.Unpacker(file, raw=False)
        buckets = unpacker.read_array_header() - 1
        header = unpacker.unpack()
        if header != {"format": "cB", "version": 1}:
            raise ValueError(f"Not a wordfreq list this code knows: {header!r}")
        return [word for _ in range(min(buckets, RAREST_CENTIBELS + 1)) for word in unpacker.unpack()]


@cache
def _common_words() -> dict[str, frozenset[str]]:
    files = available_languages()
    languages_of: dict[str, set[str]] = {}
    for language in LANGUAGES:
        for word in _common_in(files[language]):
            languages_of.setdefault(plain(word), set()).add(language)
    # One frozenset per combination of languages, shared: some 125,000 words use about 30 of them.
    shared: dict[frozenset[str], frozenset[str]] = {}
    return {
        word: shared.setdefault(frozenset(languages), frozenset(languages)) for word, languages in languages_of.items()
    }


def languages_writing(word: str) -> frozenset[str]:
    """The languages in which the word (as the check reads it: lower case, no accents) is common."""
    return _common_words().get(word, frozenset())
