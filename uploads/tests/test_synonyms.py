"""A person's everyday words find the clinical ones of their reports, at less weight than the words they typed."""

import numpy as np
import pytest

from uploads.retrieval.index import IndexedPassage, OwnerIndex
from uploads.retrieval.synonyms import EXPANSION_WEIGHT, LAY_TERMS, expansions
from uploads.retrieval.tokens import plain_words, words


@pytest.mark.parametrize(
    ("question", "clinical"),
    [
        ("How is my blood sugar?", {"glucose", "hba1c"}),
        ("How are my kidneys doing?", {"renal", "creatinine", "egfr"}),
        ("Were my liver enzymes normal?", {"alt", "aminotransferase", "phosphatase"}),
        ("What did my thyroid test show?", {"tsh", "t4"}),
        ("Is my cholesterol too high?", {"ldl", "hdl", "lipid"}),
        ("Was my blood count ok?", {"fbc", "hemoglobin", "platelet"}),
        ("Is my iron low?", {"ferritin"}),
        ("Do I have gallstones?", {"cholelithiasis", "gallbladder"}),
        ("What did the heart monitor show?", {"holter", "ecg"}),
        ("Are my lungs clear?", {"chest", "pulmonary"}),
        ("Which water pills am I on?", {"diuretic", "furosemide"}),
        ("When was my last flu jab?", {"influenza", "vaccine"}),
        ("Which antibiotics did I have?", {"amoxicillin", "doxycycline"}),
        ("What happened when I left hospital?", {"discharge"}),
    ],
)
def test_a_lay_word_brings_its_clinical_ones(question, clinical):
    assert clinical <= set(expansions(question))


def test_they_come_as_words_gives_them_so_that_they_meet_the_passages():
    # British spellings made American, and long words with their prefix token, as in the index.
    assert {"hemoglobin", "hemog…"} <= set(expansions("Was I anaemic?"))
    assert "creat…" in expansions("my kidneys")


def test_a_phrase_matches_only_its_words_in_order():
    assert "diuretic" in expansions("Am I on a water pill?")
    assert "diuretic" not in expansions("A pill with water")
    assert "holter" not in expansions("heart")


def test_nothing_is_added_without_a_lay_word_or_twice():
    assert expansions("Was my ferritin low in March?") == []
    added = expansions("blood sugar, sugar and kidney renal")
    assert len(added) == len(set(added))
    assert "renal" not in added


def test_every_entry_has_words_that_count_and_is_not_its_own_synonym():
    for lay, clinical in LAY_TERMS.items():
        assert plain_words(lay), lay
        assert clinical and all(words(term) for term in clinical), lay
        assert not set(plain_words(lay)) >= {word for term in clinical for word in plain_words(term)}, lay


def _index(*texts):
    return OwnerIndex(
        [IndexedPassage(passage_id=n, upload_id="u", page=n, text=text) for n, text in enumerate(texts, 1)]
    )


def test_a_lay_question_finds_the_page_in_clinical_words():
    index = _index("RENAL PROFILE: creatinine 98 umol/L, eGFR 56", "LIPID PROFILE: LDL 4.3 mmol/L")
    scores = index.scores("How are my kidneys?")
    assert scores[0] > 0 and scores[1] == 0


def test_an_added_word_counts_expansion_weight_of_a_typed_one():
    index = _index("Glucose 5.1 mmol/L", "Sodium 139 mmol/L")
    np.testing.assert_allclose(index.scores("sugar"), EXPANSION_WEIGHT * index.scores("glucose"), rtol=1e-6)


def test_the_word_the_person_typed_still_comes_first():
    # "iron" also looks for ferritin, but the page that says iron outranks the one that only says ferritin.
    index = _index("Ferritin 6 ug/L, low", "Serum iron 5 umol/L, low")
    scores = index.scores("How low was my iron?")
    assert scores[1] > scores[0] > 0
