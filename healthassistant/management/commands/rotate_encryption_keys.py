from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from healthassistant.encryption import rewrap
from healthassistant.encryption.cipher import UnreadableValue
from uploads.models import Upload
from uploads.resealing import reseal_upload_files


class Command(BaseCommand):
    help = (
        "Re-encrypt every sealed value and file under the first key in ENCRYPTION_KEYS. Safe while the app "
        "serves, and resumable: what is already under the first key is skipped. Afterwards the other keys can go."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--batch-size", type=int, default=rewrap.BATCH_SIZE, help="Rows read per query.")

    def handle(self, *args, batch_size: int, **options) -> None:
        try:
            for column in rewrap.sealed_columns(apps.get_models()):
                changed = rewrap.reseal_column(column, batch_size=batch_size)
                self.stdout.write(f"{column}: {changed} re-encrypted")
            self.stdout.write(f"Upload files: {reseal_upload_files(Upload)} re-encrypted")
        except UnreadableValue as exc:
            raise CommandError(str(exc)) from None
        others = len(settings.ENCRYPTION_KEYS) - 1
        if others:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Everything is under the first key. The other {others} key(s) can now be removed from "
                    "ENCRYPTION_KEYS (restart the app after)."
                )
            )
        else:
            self.stdout.write(self.style.SUCCESS("Everything is under the only key."))
