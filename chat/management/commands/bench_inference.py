import dataclasses
import json
import logging
from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser

from chat.benchmarks.engine import format_table, run_benchmark
from chat.benchmarks.settings import BenchSettings

_FIELDS = [field.name for field in dataclasses.fields(BenchSettings)]


class Command(BaseCommand):
    help = (
        "Measure the inference engine against plain generate on one model: efficiency, scaling with "
        "concurrent requests, time to first token, tokens computed after a cancel; then joining a running "
        "batch, random arrivals against a static-batching baseline, and fair turns."
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
        parser.add_argument(
            "--prefill-tokens-per-step",
            type=int,
            default=defaults.prefill_tokens_per_step,
            help="the engine's prefill budget per step (HEALTH_PREFILL_TOKENS_PER_STEP)",
        )
        parser.add_argument(
            "--long-tokens", type=int, default=defaults.long_tokens, help="answers running while others join"
        )
        parser.add_argument("--long-streams", type=int, default=defaults.long_streams)
        parser.add_argument(
            "--poisson-seconds", type=float, default=defaults.poisson_seconds, help="how long requests arrive"
        )
        parser.add_argument(
            "--poisson-lengths",
            type=lambda text: tuple(int(part) for part in text.split(",")),
            default=defaults.poisson_lengths,
            help="answer lengths drawn at random, comma-separated",
        )
        parser.add_argument("--fairness-flood", type=int, default=defaults.fairness_flood)
        parser.add_argument("--fairness-flood-tokens", type=int, default=defaults.fairness_flood_tokens)

    def handle(self, *args, model: Path | None, json_path: Path | None, **options) -> None:
        # Every option is named after the BenchSettings field it sets.
        bench_settings = BenchSettings(**{name: options[name] for name in _FIELDS if name in options})
        # One log line per request would bury the table.
        logging.getLogger("chat.inference").setLevel(logging.WARNING)
        figures = run_benchmark(bench_settings, model_path=model)
        self.stdout.write(format_table(figures))
        if json_path is not None:
            json_path.write_text(json.dumps(figures, indent=2) + "\n")
            self.stdout.write(f"Figures written to {json_path}")
