"""What the web pages know of the model, wherever the inference worker runs, and whether it can answer.

The worker publishes its engine's status to the cache with a short lifetime and
refreshes it while it lives. Web processes only read it, so they never load the
model, and a worker that died shows as unavailable instead of "ready" forever.
"""

import dataclasses
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

from chat.errors import ModelBusy, ModelUnavailable
from chat.inference.types import ModelState, ModelStatus
from healthassistant.errors import ApplicationError

CACHE_KEY = "inference:model-status"
LIFETIME_SECONDS = 30


@dataclass(frozen=True)
class ModelAvailability:
    status: ModelStatus
    # Why a question asked now would get no answer soon; None when it would.
    refusal: ApplicationError | None


def model_status_publish(*, state: str, model_name: str, reason: str = "", queue_length: int = 0) -> None:
    status = ModelStatus(state=ModelState(state), model_name=model_name, reason=reason, queue_length=queue_length)
    cache.set(CACHE_KEY, dataclasses.asdict(status), LIFETIME_SECONDS)


def model_status_read() -> ModelStatus:
    published = cache.get(CACHE_KEY)
    if published is None:
        return ModelStatus(state=ModelState.UNAVAILABLE, reason="No inference worker has reported in.")
    return ModelStatus(**{**published, "state": ModelState(published["state"])})


def model_availability() -> ModelAvailability:
    """The model's status, and the one rule for whether it can take a question now.

    The API refuses with the refusal at once; the pages keep the question (it is answered,
    or retried, once the model can) and show the same state.
    """
    status = model_status_read()
    refusal = None
    if status.state in (ModelState.FAILED, ModelState.UNAVAILABLE):
        reason = status.reason.rstrip(".") or "no reason given"
        refusal = ModelUnavailable(f"The assistant can't answer right now ({reason}). Try again in a few minutes.")
    elif status.queue_length >= settings.HEALTH_MAX_QUEUE:
        refusal = ModelBusy(f"The assistant is busy: {status.queue_length} questions are waiting. Try again shortly.")
    return ModelAvailability(status=status, refusal=refusal)
