import json as jsonlib
from pathlib import Path

from django.core.management.base import BaseCommand

from uploads.benchmarks.retrieval import run
from uploads.benchmarks.speed import Shape


class Command(BaseCommand):
    help = (
        "Retrieval over a person's files: recall@1, recall@3 and MRR on the evaluation set, then indexing time "
        "per page and question times for a person with 200 documents of 25 pages."
    )

    def add_arguments(self, parser):
        parser.add_argument("--documents", type=int, default=Shape.documents)
        parser.add_argument("--pages", type=int, default=Shape.pages, help="Pages per document.")
        parser.add_argument("--questions", type=int, default=Shape.questions, help="Timed questions.")
        parser.add_argument("--json", type=Path, help="Also write the figures to this JSON file.")

    def handle(self, *args, documents, pages, questions, json=None, **options):
        results = run(Shape(documents=documents, pages=pages, questions=questions))
        misses = results["missed_at_3"]
        figures = {name: value for name, value in results.items() if name != "missed_at_3"}
        width = max(len(name) for name in figures)
        for name, value in figures.items():
            self.stdout.write(
                f"{name.ljust(width)}  {value:.3f}" if isinstance(value, float) else f"{name.ljust(width)}  {value}"
            )
        if misses:
            self.stdout.write(f"\nNot in the first 3 passages ({len(misses)}):")
        for miss in misses:
            question = miss["question"]
            rank = miss["rank"] or "unranked"
            self.stdout.write(
                f"  {question['text']}  wanted {question['document']} p{question['page']}, rank {rank}; "
                f"first: {', '.join(miss['first']) or 'nothing'}"
            )
        if json:
            json.write_text(jsonlib.dumps(results, indent=2) + "\n")
