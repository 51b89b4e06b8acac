from django.core.management.base import BaseCommand

from healthassistant.encryption.keys import new_key


class Command(BaseCommand):
    help = (
        "Print a new encryption key for ENCRYPTION_KEYS. To rotate, put it first in the list, keep the old keys "
        "after it, and run rotate_encryption_keys. Works before any configuration: manage.py runs it without settings."
    )

    def handle(self, *args, **options) -> None:
        self.stdout.write(new_key())
