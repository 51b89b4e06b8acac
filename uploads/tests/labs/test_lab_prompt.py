"""Lab results in the prompt: compact lines for the tests a question names, nothing for other questions."""

import pytest

from uploads.labs.prompt import analytes_named, lab_results_prompt_text

pytestmark = pytest.mark.django_db


def test_a_question_about_a_test_gets_its_whole_series_in_compact_lines(alice, alices_labs):
    text = lab_results_prompt_text(user_id=alice.pk, question="Is my HbA1c getting better?")
    assert text.splitlines()[1:] == ["HbA1c 6.1 % (4.0-5.6) high, 2026-03-01", "HbA1c 5.9 % (4.0-5.6) high, 2026-06-10"]


def test_everyday_words_find_the_tests(alice, alices_labs):
    assert analytes_named("how is my blood sugar?") >= {"hba1c", "glucose"}
    assert "HbA1c 5.9" in lab_results_prompt_text(user_id=alice.pk, question="How is my blood sugar?")


def test_a_general_question_gets_each_tests_latest_result(alice, alices_labs):
    lines = lab_results_prompt_text(user_id=alice.pk, question="Summarise my blood tests").splitlines()[1:]
    assert lines == [
        "TSH 2.1 mIU/L (0.4-4.0), 2026-03-01",
        "Haemoglobin 12.6 g/dL (12.0-16.0), 2026-06-10",
        "HbA1c 5.9 % (4.0-5.6) high, 2026-06-10",
    ]


def test_other_questions_and_other_people_get_nothing(alice, bob, alices_labs):
    assert lab_results_prompt_text(user_id=alice.pk, question="I have a headache") == ""
    assert lab_results_prompt_text(user_id=bob.pk, question="Is my HbA1c high?") == ""
