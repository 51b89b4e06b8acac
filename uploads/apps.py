from django.apps import AppConfig


class UploadsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "uploads"
    verbose_name = "Uploads"

    def ready(self) -> None:
        from uploads import signals

        signals.connect()
