from pathlib import Path

from django.core.management.base import BaseCommand

from chat.safety.classifier.cross_validation import cross_validate
from chat.safety.classifier.examples import TRAINING, training_load
from chat.safety.classifier.model import WEIGHTS
from chat.safety.classifier.training import Settings, train


class Command(BaseCommand):
    help = (
        "Train the red-flag classifier (chat/safety/classifier/) on its training questions and write its weights; "
        "with --cross-validate, print how it does on questions held out of training instead (writes nothing)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--questions", type=Path, default=TRAINING, help="A JSON-lines file of training questions.")
        parser.add_argument("--out", type=Path, default=WEIGHTS, help="Where to write the weights.")
        parser.add_argument("--threshold", type=float, default=Settings.threshold, help="Flag at this probability.")
        parser.add_argument("--cross-validate", action="store_true", help="Score held-out folds; write nothing.")
        parser.add_argument("--by-writer", action="store_true", help="Hold out one writer at a time (slower).")

    def handle(self, *args, questions, out, threshold, cross_validate, by_writer, **options):
        rows = training_load(questions)
        settings = Settings(threshold=threshold)
        if cross_validate:
            self._cross_validate(rows, settings, by_writer=by_writer)
            return
        model = train([row.example() for row in rows], settings)
        model.save(out)
        self.stdout.write(f"{len(rows)} questions, {len(model.buckets)} feature rows, threshold {threshold}: {out}")

    def _cross_validate(self, rows, settings, *, by_writer):
        result = cross_validate(rows, settings, by_writer=by_writer)
        self.stdout.write(f"{'':16} {'recall':>7} {'precision':>9} {'everyday flagged':>17}")
        for name, method in result.methods().items():
            score = method.score
            line = f"{name:16} {score.recall:>7.3f} {score.precision:>9.3f} {method.everyday_flagged:>17.2%}"
            self.stdout.write(line)
