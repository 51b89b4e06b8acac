import json as jsonlib
from pathlib import Path

from django.core.management.base import BaseCommand

from chat.benchmarks.stack import run_benchmark


class Command(BaseCommand):
    help = "Benchmark the whole stack (daphne, WebSockets, worker, tiny model) against the engine alone."

    def add_arguments(self, parser):
        parser.add_argument("--model", type=Path, help="A model folder; default: a freshly built tiny model.")
        parser.add_argument("--json", type=Path, help="Also write the figures to this JSON file.")

    def handle(self, *args, model: Path | None = None, json: Path | None = None, **options):
        results = run_benchmark(model)
        width = max(len(name) for name in results)
        for name, value in results.items():
            shown = f"{value:.3f}" if isinstance(value, float) else str(value)
            self.stdout.write(f"{name.ljust(width)}  {shown}")
        if json:
            json.write_text(_dumps(results))


def _dumps(results: dict) -> str:
    return jsonlib.dumps(results, indent=2) + "\n"
