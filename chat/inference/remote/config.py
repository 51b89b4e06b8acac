"""How a remote engine is set up; chat/generation/process_engine.py fills it from Django settings."""

from dataclasses import dataclass, field

from chat.inference.config import DEFAULT_MODEL, EngineConfig


@dataclass(frozen=True)
class RemoteConfig:
    # The server's base URL with its /v1, as openai's base_url takes it.
    url: str
    api_key: str = ""
    # The name the server serves the model under (transformers serve: the path it was started with).
    model: str = DEFAULT_MODEL
    # Limits and defaults shared with the local engine: max_batch_size (answers in flight upstream at once),
    # max_queue, max_active_per_owner, max_new_tokens and its limit, context_tokens, temperature, top_p.
    limits: EngineConfig = field(default_factory=EngineConfig)
    connect_timeout: float = 5.0
    # The longest silence allowed while an answer streams (a busy server may take long to send its first token).
    read_timeout: float = 300.0
    # Waits before each retry of a request that failed before its first token (connection, 429, 5xx).
    retry_delays: tuple[float, ...] = (0.5, 1.0, 2.0)
    # How often the server's state is polled in the background.
    poll_seconds: float = 5.0
