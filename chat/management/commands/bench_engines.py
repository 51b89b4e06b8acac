import json as jsonlib
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand

from chat.benchmarks.engines import run_side_by_side
from chat.inference.loading.tiny_model import build_tiny_model


class Command(BaseCommand):
    help = (
        "The same chat load (1 and 16 clients, end to end) against the local engine and against an "
        "OpenAI-compatible server, in one run. Without --engine-url it starts `transformers serve` on the model."
    )

    def add_arguments(self, parser):
        parser.add_argument("--model", type=Path, help="A model folder; default: a freshly built tiny model.")
        parser.add_argument("--engine-url", help="An OpenAI-compatible server's base URL, with its /v1.")
        parser.add_argument("--engine-model", help="The model's name on that server; default: the --model path.")
        parser.add_argument("--json", type=Path, help="Also write the figures to this JSON file.")

    def handle(self, *args, model=None, engine_url=None, engine_model=None, json=None, **options):
        with tempfile.TemporaryDirectory(prefix="bench-engines-") as scratch:
            scratch_path = Path(scratch)
            model = model or build_tiny_model(scratch_path / "tiny-model")
            results = run_side_by_side(model, scratch_path, engine_url=engine_url, engine_model=engine_model)
        width = max(len(name) for name in results)
        for name, value in results.items():
            shown = f"{value:.3f}" if isinstance(value, float) else str(value)
            self.stdout.write(f"{name.ljust(width)}  {shown}")
        if json:
            json.write_text(jsonlib.dumps(results, indent=2) + "\n")
