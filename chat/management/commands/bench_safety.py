import json as jsonlib
import time
from pathlib import Path

from django.core.management.base import BaseCommand

from chat.safety.check import red_flag_categories
from chat.safety.evaluation.measure import (
    DEVELOPMENT,
    EVERYDAY,
    QUESTIONS,
    EverydayQuestion,
    Question,
    Score,
    everyday_flagged,
    everyday_load,
    questions_load,
    red_flags_measure,
)
from chat.safety.rules import pattern_categories


class Command(BaseCommand):
    help = (
        "Recall and precision of the red-flag check (chat.safety) on its labelled questions, overall, per "
        "language and on each split other than development (held out, blind_1, ...); lists every miss and false "
        "alarm; beside each split, the patterns alone. Then how many everyday questions (no emergency, resembling "
        "none) would show the emergency panel. No language model is involved."
    )

    def add_arguments(self, parser):
        parser.add_argument("--questions", type=Path, default=QUESTIONS, help="A JSON-lines file of questions.")
        parser.add_argument(
            "--everyday",
            type=Path,
            default=EVERYDAY,
            help="A JSON-lines file of everyday questions (none an emergency).",
        )
        parser.add_argument("--json", type=Path, help="Also write the figures to this JSON file.")

    def handle(self, *args, questions, everyday=EVERYDAY, json=None, **options):
        rows = questions_load(questions)
        started = time.perf_counter()
        overall, by_language = red_flags_measure(rows)
        elapsed = time.perf_counter() - started
        scores = {"overall": overall, **{f"language {code}": score for code, score in by_language.items()}}
        scores |= _by_split(rows, red_flag_categories)
        # The same questions through the patterns alone, side by side: what the classifier adds.
        patterns = {"overall": red_flags_measure(rows, pattern_categories)[0], **_by_split(rows, pattern_categories)}
        self.stdout.write(f"{'':12} {'questions':>9} {'recall':>7} {'precision':>9}   patterns alone")
        for name, score in scores.items():
            line = f"{name:12} {score.questions:>9} {score.recall:>7.3f} {score.precision:>9.3f}"
            if name in patterns:
                line += f"   {patterns[name].recall:.3f} / {patterns[name].precision:.3f}"
            self.stdout.write(line)
        self.stdout.write(f"{elapsed / max(len(rows), 1) * 1000:.2f} ms a question")
        for text in overall.missed:
            self.stdout.write(f"missed:      {text}")
        for text in overall.false_alarms:
            self.stdout.write(f"false alarm: {text}")
        everyday_figures = self._everyday(everyday_load(everyday))
        if json:
            figures = {name: _figures(score) for name, score in scores.items()}
            figures["patterns alone"] = {name: _figures(score) for name, score in patterns.items()}
            figures["everyday"] = everyday_figures
            json.write_text(jsonlib.dumps(figures, indent=2, ensure_ascii=False) + "\n")

    def _everyday(self, rows: list[EverydayQuestion]) -> dict:
        """Per split and language, the share of everyday questions shown the panel: each one a false alarm."""
        # Each question read once, by the check and by the patterns alone; the groups only count.
        flagged = everyday_flagged(rows)
        by_check, by_patterns = set(flagged), set(everyday_flagged(rows, pattern_categories))
        groups = {"all": rows}
        for split in dict.fromkeys(row.split for row in rows):
            groups[split.replace("_", " ")] = [row for row in rows if row.split == split]
        for language in dict.fromkeys(row.language for row in rows):
            groups[f"language {language}"] = [row for row in rows if row.language == language]
        self.stdout.write(f"\n{'everyday':12} {'questions':>9} {'panel':>7}   patterns alone")
        figures = {}
        for name, group in groups.items():
            size = max(len(group), 1)
            share = sum(row.text in by_check for row in group) / size
            patterns_share = sum(row.text in by_patterns for row in group) / size
            self.stdout.write(f"{name:12} {len(group):>9} {share:>7.2%}   {patterns_share:.2%}")
            figures[name] = {
                "questions": len(group),
                "panel": round(share, 4),
                "patterns alone": round(patterns_share, 4),
            }
        figures["all"]["false_alarms"] = flagged
        for text in flagged:
            self.stdout.write(f"everyday false alarm: {text}")
        return figures


def _by_split(rows: list[Question], finds) -> dict[str, Score]:
    """Every split but the one the patterns were refined on, each on its own ("held out", "blind 1", ...)."""
    return {
        split.replace("_", " "): red_flags_measure([row for row in rows if row.split == split], finds)[0]
        for split in dict.fromkeys(row.split for row in rows if row.split != DEVELOPMENT)
    }


def _figures(score: Score) -> dict:
    return {
        "questions": score.questions,
        "recall": round(score.recall, 4),
        "precision": round(score.precision, 4),
        "missed": score.missed,
        "false_alarms": score.false_alarms,
    }
