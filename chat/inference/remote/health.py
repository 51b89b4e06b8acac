"""The server's state, as a background thread sees it every few seconds and at start.

GET {url}/models says whether the server answers and accepts our key, and (vLLM) how long a
context it serves (max_model_len). The model needn't be listed: transformers serve lists only the
models in its cache, yet serves the one it was started with. GET /metrics beside /v1 (vLLM's
Prometheus metrics) says how many requests wait on the server, from every worker that uses it.
"""

import logging
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass

import openai

from chat.inference.remote.config import RemoteConfig
from chat.inference.remote.failures import classify, what_happened
from chat.inference.types import ModelState

logger = logging.getLogger(__name__)

# A poll must not hang on a server that accepts connections and never answers.
POLL_TIMEOUT_SECONDS = 5.0
# vLLM's gauge of requests waiting to be scheduled, one sample per model: `vllm:num_requests_waiting{...} 3.0`.
WAITING_SAMPLE = re.compile(r"^vllm:num_requests_waiting(?:\{[^}]*\})?\s+(\S+)", re.MULTILINE)


@dataclass(frozen=True)
class ServerHealth:
    state: ModelState
    reason: str = ""
    # The server's context in tokens, when it says so.
    max_model_len: int | None = None
    # Requests waiting on the server itself (everyone's), when it says so.
    waiting: int = 0
    # Whether it can go on from the start of an answer: vLLM's `continue_final_message` (it lists its models
    # as owned by "vllm"). The OpenAI protocol itself has no way to, and transformers serve has none.
    continues_answers: bool = False


class HealthPoller:
    """Calls on_poll(health) after every poll, on its own thread, until stopped."""

    def __init__(self, config: RemoteConfig, on_poll: Callable[[ServerHealth], None]) -> None:
        self._config = config
        self._on_poll = on_poll
        self._stopped = threading.Event()
        self._thread: threading.Thread | None = None
        self._client = openai.OpenAI(
            base_url=config.url,
            api_key=config.api_key or "none",
            max_retries=0,
            timeout=openai.Timeout(POLL_TIMEOUT_SECONDS, connect=min(config.connect_timeout, POLL_TIMEOUT_SECONDS)),
        )
        self._metrics_url = config.url.rstrip("/").removesuffix("/v1") + "/metrics"

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="remote-engine-health", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stopped.set()
        if self._thread is not None:
            self._thread.join(POLL_TIMEOUT_SECONDS * 2)
        self._client.close()

    def poll(self) -> ServerHealth:
        try:
            models = self._client.models.list().data
        except openai.OpenAIError as error:
            failure = classify(error, url=self._config.url, model=self._config.model)
            return ServerHealth(state=ModelState.FAILED, reason=failure.message)
        served = next((model for model in models if model.id == self._config.model), None)
        max_model_len = (served.model_extra or {}).get("max_model_len") if served is not None else None
        return ServerHealth(
            state=ModelState.READY,
            max_model_len=max_model_len if isinstance(max_model_len, int) and max_model_len > 0 else None,
            waiting=self._waiting(),
            continues_answers=served is not None and served.owned_by == "vllm",
        )

    def _run(self) -> None:
        last_state = None
        while not self._stopped.is_set():
            try:
                health = self.poll()
            except Exception as error:
                # Whatever the server answered, the thread goes on polling and the pages say something.
                logger.warning("model server at %s: unreadable answer (%s)", self._config.url, type(error).__name__)
                reason = f"The model server at {self._config.url} answers in a way we can't read."
                health = ServerHealth(state=ModelState.FAILED, reason=reason)
            if health.state is not last_state:
                logger.info("model server at %s: %s", self._config.url, health.state.value)
                last_state = health.state
            self._on_poll(health)
            self._stopped.wait(self._config.poll_seconds)

    def _waiting(self) -> int:
        try:
            text = self._client.get(self._metrics_url, cast_to=str)
        except openai.OpenAIError as error:
            # No metrics (transformers serve) or not now: the queue shown is ours alone.
            logger.debug("no metrics from the model server: %s", what_happened(error))
            return 0
        try:
            return round(sum(float(value) for value in WAITING_SAMPLE.findall(text)))
        except ValueError:
            return 0
