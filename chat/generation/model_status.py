"""What the web pages know of the model, wherever the inference worker runs.

The worker publishes its engine's status to the cache with a short lifetime and
refreshes it while it lives. Web processes only read it, so they never load the
model, and a worker that died shows as unavailable instead of "ready" forever.
"""

from dataclasses import asdict, dataclass

from django.core.cache import cache

CACHE_KEY = "inference:model-status"
LIFETIME_SECONDS = 30

STARTING = "starting"
LOADING = "loading"
READY = "ready"
FAILED = "failed"
UNAVAILABLE = "unavailable"


@dataclass(frozen=True)
class ModelStatusView:
    state: str
    model_name: str = ""
    reason: str = ""
    queue_length: int = 0

    @property
    def is_ready(self) -> bool:
        return self.state == READY

    def as_dict(self) -> dict:
        return asdict(self)


def model_status_publish(*, state: str, model_name: str, reason: str = "", queue_length: int = 0) -> None:
    status = ModelStatusView(state=state, model_name=model_name, reason=reason, queue_length=queue_length)
    cache.set(CACHE_KEY, status.as_dict(), LIFETIME_SECONDS)


def model_status_read() -> ModelStatusView:
    published = cache.get(CACHE_KEY)
    if published is None:
        return ModelStatusView(state=UNAVAILABLE, reason="No inference worker has reported in.")
    return ModelStatusView(**published)
