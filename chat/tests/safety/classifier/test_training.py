import numpy as np

from chat.safety.categories import Category
from chat.safety.classifier.model import NONE
from chat.safety.classifier.training import Example, Settings, train

EXAMPLES = [
    Example("I can't breathe", str(Category.BREATHING)),
    Example("my baby can't breathe and is blue", str(Category.CHILD_UNRESPONSIVE)),
    Example("crushing chest pain right now", str(Category.CHEST_PAIN)),
    Example("chest pain and sweating, help", str(Category.CHEST_PAIN)),
    Example("what does my cholesterol mean", NONE),
    Example("no chest pain, only heartburn", NONE),
    Example("can you summarise my report", NONE),
    Example("thanks, that helps", NONE),
]


def test_it_learns_to_tell_emergencies_from_everyday_questions():
    model = train(EXAMPLES, Settings(threshold=0.5))
    assert model.flags("sudden chest pain right now") == Category.CHEST_PAIN
    assert model.flags("what does my cholesterol mean") is None
    assert model.threshold == 0.5


def test_a_text_of_words_it_never_saw_is_no_emergency():
    # The emergency score's bias is held at the prior, so no evidence means no emergency.
    model = train(EXAMPLES)
    assert model.read("zzz qqq").emergency < 0.05


def test_training_is_deterministic():
    first, second = train(EXAMPLES), train(EXAMPLES)
    assert np.array_equal(first.buckets, second.buckets)
    assert np.array_equal(first.weights, second.weights)
