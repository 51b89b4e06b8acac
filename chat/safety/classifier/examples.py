"""The classifier's training questions (training.jsonl), never the evaluation's.

Written for training by 23 writers (by language, by style, minimal pairs, everyday questions and
follow-ups), each told the categories and the kinds of look-alike, none shown the patterns or the
evaluation set. The evaluation questions (chat/safety/evaluation/) stay out of training, so they
measure it blind.
"""

import json
from dataclasses import dataclass
from pathlib import Path

from chat.safety.classifier.model import NONE
from chat.safety.classifier.training import Example

TRAINING = Path(__file__).with_name("training.jsonl")


@dataclass(frozen=True)
class TrainingQuestion:
    language: str
    # Who wrote it ("en_a", "es", ...): cross-validation holds out one writer at a time.
    source: str
    red_flag: bool
    # The kind of emergency; for a look-alike, the kind it resembles (or None).
    category: str | None
    text: str

    def example(self) -> Example:
        return Example(text=self.text, label=self.category if self.red_flag else NONE)


def training_load(path: Path = TRAINING) -> list[TrainingQuestion]:
    with path.open(encoding="utf-8") as lines:
        return [TrainingQuestion(**json.loads(line)) for line in lines if line.strip()]
