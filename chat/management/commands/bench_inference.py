import json
import logging
from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser

from chat.inference.bench import BenchSettings, format_table, run_benchmark


class Command(BaseCommand):
    help = (
        "Measure the inference engine against plain generate on one model: efficiency, scaling with "
        "concurrent requests, time to first token, and tokens computed after a cancel."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        defaults = BenchSettings()
        parser.add_argument("--model", type=Path, default=None, help="a model folder; a fresh tiny model by default")
        parser.add_argument(
            "--json", dest="json_path", type=Path, default=None, help="also write the figures to this file"
        )
        parser.add_argument("--new-tokens", type=int, default=defaults.new_tokens)
        parser.add_argument("--concurrency", type=int, default=defaults.concurrency)
        parser.add_argument("--repeats", type=int, default=defaults.repeats)
        parser.add_argument("--warmups", type=int, default=defaults.warmups)
        parser.add_argument("--device", choices=["auto", "cuda", "cpu"], default=defaults.device)

    def handle(self, *args, model: Path | None, json_path: Path | None, **options) -> None:
        bench_settings = BenchSettings(
            new_tokens=options["new_tokens"],
            concurrency=options["concurrency"],
            repeats=options["repeats"],
            warmups=options["warmups"],
            device=options["device"],
        )
        # One log line per request would bury the table.
        logging.getLogger("chat.inference").setLevel(logging.WARNING)
        figures = run_benchmark(bench_settings, model_path=model)
        self.stdout.write(format_table(figures))
        if json_path is not None:
            json_path.write_text(json.dumps(figures, indent=2) + "\n")
            self.stdout.write(f"Figures written to {json_path}")
