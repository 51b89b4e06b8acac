import numpy as np
import pytest

from chat.safety.categories import Category
from chat.safety.classifier.model import COLUMNS, classifier, classifier_load
from chat.safety.classifier.training import Example, train


def test_the_shipped_weights_load_with_a_column_per_category():
    model = classifier()
    assert model.weights.shape == (len(model.buckets), len(COLUMNS))
    assert COLUMNS[1:] == tuple(str(category) for category in Category)
    assert np.all(np.diff(model.buckets) > 0)
    assert 0 < model.threshold < 1


def test_a_reading_is_a_probability_and_a_category():
    reading = classifier().read("my husband collapsed and is not breathing")
    assert 0.5 <= reading.emergency <= 1
    assert reading.category in Category
    assert classifier().read("").emergency < 0.05


def test_save_and_load_keep_what_it_says(tmp_path):
    model = train([Example("I can't breathe", "breathing"), Example("my cholesterol report", "none")])
    path = tmp_path / "weights.npz"
    model.save(path)
    loaded = classifier_load(path)
    for text in ("I can't breathe", "cholesterol", "hello"):
        assert loaded.read(text).emergency == pytest.approx(model.read(text).emergency, abs=1e-3)
    assert loaded.threshold == pytest.approx(model.threshold)


def test_weights_for_other_categories_are_refused(tmp_path):
    path = tmp_path / "weights.npz"
    np.savez(path, buckets=[], weights=[], bias=[], threshold=0.5, columns=np.array(["emergency", "stroke"]))
    with pytest.raises(ValueError, match="train_safety_classifier"):
        classifier_load(path)


def test_a_few_words_are_left_to_the_patterns():
    model = train([Example("and now help", "breathing"), Example("my cholesterol report", "none")])
    assert model.read("and now help").emergency > model.threshold
    assert model.flags("and now help") is None
    assert model.flags("and now help me") == Category.BREATHING
