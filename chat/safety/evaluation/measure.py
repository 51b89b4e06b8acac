"""Recall and precision of the red-flag check, overall and per language; and how often an everyday question
(no emergency, resembling none) would show the emergency panel."""

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from chat.safety.check import red_flag_categories

QUESTIONS = Path(__file__).with_name("questions.jsonl")
EVERYDAY = Path(__file__).with_name("everyday.jsonl")
# The split the patterns were refined on from the start; every other one is reported on its own.
DEVELOPMENT = "development"


@dataclass(frozen=True)
class Question:
    language: str
    # "development": the patterns were refined while looking at it; "held_out": written afterwards, never tuned on;
    # "blind_1": written independently, scored blind once, then tuned on by kinds of failure (no longer blind).
    split: str
    red_flag: bool
    text: str
    # The kind of emergency (blind_3 on): for a look-alike, the kind it resembles, or None.
    category: str | None = None


@dataclass
class Score:
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    questions: int = 0
    missed: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        found = self.true_positives + self.false_negatives
        return self.true_positives / found if found else 1.0

    @property
    def precision(self) -> float:
        flagged = self.true_positives + self.false_positives
        return self.true_positives / flagged if flagged else 1.0

    def add(self, question: Question, flagged: bool) -> None:
        self.questions += 1
        if flagged and question.red_flag:
            self.true_positives += 1
        elif flagged:
            self.false_positives += 1
            self.false_alarms.append(question.text)
        elif question.red_flag:
            self.false_negatives += 1
            self.missed.append(question.text)


def questions_load(path: Path = QUESTIONS) -> list[Question]:
    with path.open(encoding="utf-8") as lines:
        return [Question(**json.loads(line)) for line in lines if line.strip()]


def red_flags_measure(
    questions: list[Question], finds: Callable[[str], list] = red_flag_categories
) -> tuple[Score, dict[str, Score]]:
    """The score over all questions, and per language, of the check (or of `finds`, e.g. the patterns alone)."""
    overall, by_language = Score(), {}
    for question in questions:
        flagged = bool(finds(question.text))
        overall.add(question, flagged)
        by_language.setdefault(question.language, Score()).add(question, flagged)
    return overall, by_language


@dataclass(frozen=True)
class EverydayQuestion:
    """A question such an app gets all day, written by someone who never saw the check or its data.

    "everyday_1" was scored once, then the patterns were fixed by the kinds of false alarm seen in it
    (no longer blind); "everyday_2" was written at the same time and never looked into.
    """

    language: str
    split: str
    text: str


def everyday_load(path: Path = EVERYDAY) -> list[EverydayQuestion]:
    with path.open(encoding="utf-8") as lines:
        return [EverydayQuestion(**json.loads(line)) for line in lines if line.strip()]


def everyday_flagged(
    questions: list[EverydayQuestion], finds: Callable[[str], list] = red_flag_categories
) -> list[str]:
    """The everyday questions that would show the emergency panel (all of them are false alarms)."""
    return [question.text for question in questions if finds(question.text)]
