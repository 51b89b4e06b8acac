from chat.safety.classifier.features import BUCKETS, feature_buckets, feature_names


def test_words_pairs_and_pieces_of_words():
    names = feature_names("Chest pain")
    assert "w chest" in names and "w pain" in names
    assert "p chest pain" in names
    assert {"c <ch", "c che", "c ches", "c pain>"} <= set(names)


def test_accents_and_case_do_not_matter():
    assert feature_names("NÃO CONSIGO RESPIRAR") == feature_names("nao consigo respirar")


def test_words_after_a_negation_are_also_read_as_denied():
    names = feature_names("no chest pain at all, but I feel sick")
    assert {"n chest", "n pain", "n at"} <= set(names)
    # Three words at most, and never past the end of its clause.
    assert "n all" not in names and "n sick" not in names
    assert "n respirar" in feature_names("sin dolor, no respirar")


def test_word_pairs_stay_within_a_clause():
    assert "p pain but" not in feature_names("chest pain. but fine now")


def test_buckets_are_the_same_in_every_process():
    # CRC-32, not Python's salted hash: a number written down once holds for ever.
    buckets = feature_buckets("help")
    assert buckets[0] == 209006  # "w help"
    assert all(0 <= bucket < BUCKETS for bucket in buckets)


def test_an_empty_text_has_no_features():
    assert feature_buckets("") == [] and feature_buckets("?!") == []
