"""The training questions: enough, in every language and category, and none of the evaluation's."""

from collections import Counter

from chat.safety.categories import Category
from chat.safety.classifier.examples import training_load
from chat.safety.evaluation.measure import everyday_load, questions_load


def test_every_language_and_category_is_well_covered():
    questions = training_load()
    assert len(questions) >= 5000
    assert {question.language for question in questions} == {"en", "es", "fr", "de", "pt"}
    red_flags = Counter((question.language, question.category) for question in questions if question.red_flag)
    for language in ("en", "es", "fr", "de", "pt"):
        for category in Category:
            assert red_flags[(language, str(category))] >= 20, (language, category)


def test_categories_are_known_and_red_flags_have_one():
    known = {str(category) for category in Category}
    for question in training_load():
        assert question.category in known or (question.category is None and not question.red_flag)


def test_no_evaluation_question_is_trained_on():
    evaluated = {question.text for question in [*questions_load(), *everyday_load()]}
    assert not evaluated & {question.text for question in training_load()}


def test_every_question_is_there_once():
    texts = [question.text for question in training_load()]
    assert len(texts) == len(set(texts))
