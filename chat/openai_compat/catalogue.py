"""The one model the endpoint serves, under the name tools will see in GET /v1/models."""

from django.conf import settings


def served_model_id() -> str:
    """The model's name: the remote server's name for it with HEALTH_ENGINE=openai, else HEALTH_MODEL."""
    return settings.HEALTH_ENGINE_MODEL if settings.HEALTH_ENGINE == "openai" else settings.HEALTH_MODEL
