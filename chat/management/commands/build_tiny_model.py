from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from chat.inference.loading.tiny_model import build_tiny_model


class Command(BaseCommand):
    help = (
        "Write a randomly initialised model with MedGemma's classes (Gemma 3 with SigLIP) to PATH: "
        "tiny by default, for tests; --full-size has MedGemma-4b's shapes, for GPU benchmarks."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument("--seed", type=int, default=0, help="the same seed builds the same model")
        parser.add_argument(
            "--full-size", action="store_true", help="MedGemma-4b's architecture (random weights, about 9 GB)"
        )
        parser.add_argument(
            "--with-full-attention",
            action="store_true",
            help="the tiny model with layers sliding/full/sliding and a window of 16, for tests of the batch cache",
        )

    def handle(self, *args, path: Path, seed: int, full_size: bool, with_full_attention: bool, **options) -> None:
        if full_size and with_full_attention:
            raise CommandError("--full-size and --with-full-attention build different models: choose one.")
        build_tiny_model(path, seed=seed, full_size=full_size, full_attention=with_full_attention)
        self.stdout.write(self.style.SUCCESS(f"Model written to {path}"))
