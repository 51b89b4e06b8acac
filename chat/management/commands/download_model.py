from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from chat.inference.config import TINY_MODEL
from chat.inference.loading.download import DownloadError, download_model
from chat.inference.loading.loader import ensure_tiny_model


class Command(BaseCommand):
    help = "Download the model's weights into the Hugging Face cache ahead of time (HEALTH_MODEL, with HF_TOKEN)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--model", default=None, help="a Hub id; HEALTH_MODEL by default")

    def handle(self, *args, model: str | None, **options) -> None:
        model = model or settings.HEALTH_MODEL
        if model == TINY_MODEL:
            path = ensure_tiny_model(settings.DATA_DIR / "tiny-model")
            self.stdout.write(f"The tiny model is built locally, not downloaded: it is in {path}")
            return
        if Path(model).expanduser().is_dir():
            self.stdout.write(f"{model} is a local folder: there is nothing to download.")
            return
        self.stdout.write(f"Downloading {model}...")
        try:
            path = download_model(model, token=settings.HF_TOKEN)
        except DownloadError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"{model} is ready in {path}"))
