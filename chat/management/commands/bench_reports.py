import json as jsonlib
from pathlib import Path

from django.core.management.base import BaseCommand

from chat.benchmarks.reports import run


class Command(BaseCommand):
    help = (
        "Lab results and take-away documents: the lab parser's precision, recall and time a page on the "
        "evaluation reports, then PDF and Markdown export of a 200-message chat and the appointment summary."
    )

    def add_arguments(self, parser):
        parser.add_argument("--rounds", type=int, default=3, help="Timed rounds; the median is reported.")
        parser.add_argument("--json", type=Path, help="Also write the figures to this JSON file.")

    def handle(self, *args, rounds: int, json=None, **options):
        figures = run(rounds=rounds)
        width = max(len(name) for name in figures)
        for name, value in figures.items():
            shown = f"{value:.3f}" if isinstance(value, float) else str(value)
            self.stdout.write(f"{name.ljust(width)}  {shown}")
        if json:
            json.write_text(jsonlib.dumps(figures, indent=2) + "\n")
