from pathlib import Path

from django.apps import AppConfig
from django.conf import settings


class HealthAssistantConfig(AppConfig):
    """The project's own app: key commands (generate_encryption_key, rotate_encryption_keys) and start-up checks."""

    name = "healthassistant"
    verbose_name = "AI Health Assistant"

    def ready(self) -> None:
        from healthassistant import file_modes

        database = settings.DATABASES["default"]
        sqlite = database["ENGINE"] == "django.db.backends.sqlite3" and str(database["NAME"]) != ":memory:"
        file_modes.correct_existing(
            directories=[settings.DATA_DIR, settings.MEDIA_ROOT],
            sqlite_database=Path(database["NAME"]) if sqlite else None,
        )
