"""Phrase words found in a question: a typo allowed, unless it is another language's word or marked "="."""

from chat.safety.matching import Vocabulary, compile_phrase


def _vocabulary(**phrases_by_language: list[str]) -> Vocabulary:
    return Vocabulary(
        [compile_phrase(phrase, language) for language, phrases in phrases_by_language.items() for phrase in phrases]
    )


def test_a_word_a_letter_off_matches():
    vocabulary = _vocabulary(en=["wanna die"])
    assert vocabulary.matches("wnana") == {"wanna"}


def test_a_word_common_in_another_language_is_taken_as_written():
    # "wann" is German for "when": no misspelt English "wanna".
    assert _vocabulary(en=["wanna die"]).matches("wann") == frozenset()
    # In the language of the pattern word, it may still be its typo or another form of it.
    assert _vocabulary(de=["wanna"]).matches("wann") == {"wanna"}


def test_a_word_marked_as_written_allows_no_typo():
    vocabulary = _vocabulary(de=["kind ... schlaff=", "eletrocut*="])
    assert vocabulary.matches("schlaff") == {"schlaff="}
    assert vocabulary.matches("schlaft") == frozenset()
    assert vocabulary.matches("eletrocutado") == {"eletrocut*="}
    assert vocabulary.matches("eletrocardiograma") == frozenset()
