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

from functools import cache

from wordfreq import get_frequency_dict

from chat.safety.text import plain

LANGUAGES = ("en", "es", "fr", "de", "pt")
# Once in a million words (Zipf 3): 30,000 to 40,000 words a language.
COMMON = 1e-6


@cache
def _common_words() -> dict[str, frozenset[str]]:
    languages_of: dict[str, set[str]] = {}
    for language in LANGUAGES:
        for word, frequency in get_frequency_dict(language).items():
            if frequency >= COMMON:
                languages_of.setdefault(plain(word), set()).add(language)
    # One frozenset per combination of languages, shared: some 170,000 words use about 30 of them.
    shared: dict[frozenset[str], frozenset[str]] = {}
    return {
        word: shared.setdefault(frozenset(languages), frozenset(languages)) for word, languages in languages_of.items()
    }


def languages_writing(word: str) -> frozenset[str]:
    """The languages in which the word (as the check reads it: lower case, no accents) is common."""
    return _common_words().get(word, frozenset())
