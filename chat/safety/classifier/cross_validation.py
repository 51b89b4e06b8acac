"""How the check does on questions its classifier never saw: train without a fold, read that fold.

Each question is read by a model trained without it, so the scores are blind ones. The patterns
were never tuned on these questions either: their scores here are blind as well. Everyday
questions (no red flag, resembling none) are also counted on their own: how often a person asking
about their cholesterol would see the emergency panel.
"""

import zlib
from dataclasses import dataclass, field

from chat.safety.classifier.examples import TrainingQuestion
from chat.safety.classifier.model import long_enough
from chat.safety.classifier.training import Settings, train
from chat.safety.evaluation.measure import Question, Score
from chat.safety.rules import pattern_categories

THRESHOLDS = (0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8)
FOLDS = 5


@dataclass(frozen=True)
class HeldOutReading:
    question: TrainingQuestion
    patterns: bool
    emergency: float


@dataclass(frozen=True)
class MethodScore:
    score: Score
    # The share of everyday questions flagged.
    everyday_flagged: float


@dataclass
class CrossValidation:
    readings: list[HeldOutReading] = field(default_factory=list)

    def score(self, flagged_by) -> MethodScore:
        score, everyday, everyday_flagged = Score(), 0, 0
        for reading in self.readings:
            question = reading.question
            if not question.red_flag and question.category is None:
                everyday += 1
                everyday_flagged += flagged_by(reading)
            else:
                as_question = Question(question.language, question.source, question.red_flag, question.text)
                score.add(as_question, flagged=flagged_by(reading))
        return MethodScore(score=score, everyday_flagged=everyday_flagged / max(everyday, 1))

    def methods(self) -> dict[str, MethodScore]:
        """The patterns alone; the classifier alone and the check as shipped (the patterns, else the
        classifier) at each threshold."""
        scores = {"patterns": self.score(lambda reading: reading.patterns)}
        for threshold in THRESHOLDS:
            scores[f"classifier {threshold}"] = self.score(lambda reading, t=threshold: reading.emergency >= t)
            scores[f"check {threshold}"] = self.score(
                lambda reading, t=threshold: reading.patterns or reading.emergency >= t
            )
        return scores


def fold_of(question: TrainingQuestion) -> int:
    """A fixed fold per question (by its text's CRC-32), so every run holds out the same ones."""
    return zlib.crc32(question.text.encode()) % FOLDS


def cross_validate(
    questions: list[TrainingQuestion], settings: Settings | None = None, *, by_writer: bool = False
) -> CrossValidation:
    """Each question read by a model trained without its fold: one of FOLDS random folds, or (`by_writer`) all
    the questions of its writer, as a new writer's would be."""
    if by_writer:
        writers = list(dict.fromkeys(question.source for question in questions))
        fold_by_text = {question.text: writers.index(question.source) for question in questions}
    else:
        fold_by_text = {question.text: fold_of(question) for question in questions}
    result = CrossValidation()
    for fold in sorted(set(fold_by_text.values())):
        model = train([question.example() for question in questions if fold_by_text[question.text] != fold], settings)
        result.readings += [
            HeldOutReading(
                question=question,
                patterns=bool(pattern_categories(question.text)),
                # As shipped: a text of a few words is left to the patterns.
                emergency=model.read(question.text).emergency if long_enough(question.text) else 0.0,
            )
            for question in questions
            if fold_by_text[question.text] == fold
        ]
    return result
