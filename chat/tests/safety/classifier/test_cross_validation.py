import json

from django.core.management import call_command

from chat.safety.classifier.cross_validation import FOLDS, cross_validate, fold_of
from chat.safety.classifier.examples import TrainingQuestion, training_load
from chat.safety.classifier.model import classifier_load

SMALL = [
    TrainingQuestion("en", writer, red_flag, category, text)
    for writer in ("a", "b")
    for red_flag, category, text in [
        (True, "breathing", f"{writer}: I can't breathe at all"),
        (True, "chest_pain", f"{writer}: crushing chest pain now"),
        (True, "self_harm", f"{writer}: I want to kill myself tonight"),
        (False, "chest_pain", f"{writer}: no chest pain, just heartburn"),
        (False, None, f"{writer}: what does my LDL mean"),
        (False, None, f"{writer}: thanks"),
    ]
]


def test_every_question_is_read_once_by_a_model_that_never_saw_it():
    result = cross_validate(SMALL)
    assert sorted(reading.question.text for reading in result.readings) == sorted(q.text for q in SMALL)
    assert {fold_of(question) for question in SMALL} <= set(range(FOLDS))


def test_by_writer_holds_out_a_whole_writer():
    result = cross_validate(SMALL, by_writer=True)
    assert len(result.readings) == len(SMALL)


def test_everyday_questions_are_counted_apart():
    methods = cross_validate(SMALL).methods()
    flag_all = cross_validate(SMALL).score(lambda reading: True)
    assert flag_all.everyday_flagged == 1.0
    assert flag_all.score.questions == 8  # the red flags and their look-alikes, not the everyday questions
    assert {"patterns", "classifier 0.5", "check 0.5"} <= set(methods)


def test_the_command_trains_and_cross_validates(tmp_path, capsys):
    questions = tmp_path / "training.jsonl"
    questions.write_text("\n".join(json.dumps(question.__dict__) for question in SMALL))
    out = tmp_path / "weights.npz"
    call_command("train_safety_classifier", "--questions", str(questions), "--out", str(out), "--threshold", "0.4")
    assert classifier_load(out).threshold == 0.4
    call_command("train_safety_classifier", "--questions", str(questions), "--cross-validate")
    output = capsys.readouterr().out
    assert "everyday flagged" in output and "check 0.5" in output


def test_the_shipped_training_set_loads():
    assert training_load()
