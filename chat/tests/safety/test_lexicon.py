"""The common words of the check's five languages, as the check reads them."""

from chat.safety.lexicon import languages_writing


def test_a_common_word_is_known_in_its_languages_without_accents():
    assert "de" in languages_writing("wann")
    assert "en" not in languages_writing("wann")
    assert "de" in languages_writing("vertragt")  # "verträgt"
    assert {"en", "fr"} <= languages_writing("question")


def test_a_typo_is_common_nowhere():
    assert languages_writing("brethe") == frozenset()
    assert languages_writing("brustschmerzn") == frozenset()
