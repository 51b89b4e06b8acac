"""The red-flag check against its labelled questions: the targets of issue 17, and `manage.py bench_safety`."""

import json
from collections import Counter

import pytest
from django.core.management import call_command

from chat.safety.evaluation.measure import (
    EverydayQuestion,
    Question,
    Score,
    everyday_flagged,
    everyday_load,
    questions_load,
    red_flags_measure,
)

LANGUAGES = {"en", "es", "fr", "de", "pt"}


def test_the_set_is_large_balanced_and_in_five_languages():
    questions = questions_load()
    assert len(questions) >= 200
    assert {question.language for question in questions} == LANGUAGES
    red_flags = sum(question.red_flag for question in questions)
    assert 0.45 <= red_flags / len(questions) <= 0.55
    per_language = Counter(question.language for question in questions)
    assert min(per_language.values()) >= 40
    assert len({question.text for question in questions}) == len(questions)


def test_it_meets_the_targets_overall_and_in_every_language():
    overall, by_language = red_flags_measure(questions_load())
    assert overall.recall >= 0.98, overall.missed
    assert overall.precision >= 0.9, overall.false_alarms
    for language, score in by_language.items():
        assert score.recall >= 0.98, (language, score.missed)
        assert score.precision >= 0.9, (language, score.false_alarms)


def test_the_everyday_set_is_large_and_in_five_languages():
    questions = everyday_load()
    assert len(questions) >= 1000
    assert {question.language for question in questions} == LANGUAGES
    assert {question.split for question in questions} == {"everyday_1", "everyday_2"}
    assert len({question.text for question in questions}) == len(questions)
    assert not {question.text for question in questions} & {question.text for question in questions_load()}


def test_few_everyday_questions_show_the_panel():
    # 1.4 % when written (README); a guard against a change that makes the panel common.
    questions = everyday_load()
    assert len(everyday_flagged(questions)) / len(questions) < 0.03


def test_everyday_flagged_lists_the_questions_found():
    rows = [EverydayQuestion("en", "everyday_1", text) for text in ("a", "b")]
    assert everyday_flagged(rows, finds=lambda text: ["x"] if text == "b" else []) == ["b"]


def test_a_score_counts_misses_and_false_alarms():
    score = Score()
    score.add(Question(language="en", split="held_out", red_flag=True, text="a"), flagged=True)
    score.add(Question(language="en", split="held_out", red_flag=True, text="b"), flagged=False)
    score.add(Question(language="en", split="held_out", red_flag=False, text="c"), flagged=True)
    score.add(Question(language="en", split="held_out", red_flag=False, text="d"), flagged=False)
    assert (score.recall, score.precision) == (0.5, 0.5)
    assert (score.missed, score.false_alarms) == (["b"], ["c"])


@pytest.mark.parametrize("with_json", [False, True])
def test_bench_safety_reports_recall_and_precision_per_language(tmp_path, capsys, with_json):
    path = tmp_path / "bench-safety.json"
    call_command("bench_safety", *(["--json", str(path)] if with_json else []))
    out = capsys.readouterr().out
    assert "recall" in out and "precision" in out and "patterns alone" in out
    for language in LANGUAGES:
        assert f"language {language}" in out
    if with_json:
        figures = json.loads(path.read_text())
        assert figures["overall"]["questions"] == len(questions_load())
        assert 0 <= figures["held out"]["recall"] <= 1
        assert figures["blind 1"]["questions"] == sum(q.split == "blind_1" for q in questions_load())
        assert 0 <= figures["patterns alone"]["blind 3"]["recall"] <= 1
        assert figures["everyday"]["all"]["questions"] == len(everyday_load())
        assert 0 <= figures["everyday"]["everyday 2"]["panel"] <= 1


def test_bench_safety_reports_every_split_but_development(tmp_path, capsys):
    path = tmp_path / "questions.jsonl"
    rows = [
        {"language": "en", "split": split, "red_flag": red_flag, "text": text}
        for split, red_flag, text in [
            ("development", True, "I can't breathe"),
            ("held_out", False, "what causes a cough?"),
            ("blind_2", True, "my baby is not breathing"),
        ]
    ]
    path.write_text("".join(json.dumps(row) + "\n" for row in rows))
    call_command("bench_safety", "--questions", str(path))
    out = capsys.readouterr().out
    assert "held out" in out and "blind 2" in out
    assert "development" not in out
    assert "everyday 1" in out and "everyday 2" in out
