"""The generation settings of one request: the configured defaults, overridden within limits."""

from dataclasses import dataclass

from chat.inference.config import EngineConfig
from chat.inference.constraints import json_schema_text
from chat.inference.errors import InvalidRequest
from chat.inference.types import GenerationRequest

MAX_TEMPERATURE = 2.0
# As the OpenAI API allows.
MAX_STOP_STRINGS = 4
MAX_STOP_LENGTH = 200


@dataclass(frozen=True)
class Sampling:
    max_new_tokens: int
    temperature: float
    top_p: float
    seed: int | None = None
    stop: tuple[str, ...] = ()
    # The request's JSON schema as text (constraints.json_schema_text), or None for free text.
    json_schema: str | None = None

    @property
    def greedy(self) -> bool:
        return self.temperature == 0.0


def resolve_sampling(request: GenerationRequest, config: EngineConfig) -> Sampling:
    max_new_tokens = config.max_new_tokens if request.max_new_tokens is None else request.max_new_tokens
    temperature = config.temperature if request.temperature is None else request.temperature
    top_p = config.top_p if request.top_p is None else request.top_p
    limit = config.max_new_tokens_limit
    if not 1 <= max_new_tokens <= limit:
        raise InvalidRequest(f"max_new_tokens must be between 1 and {limit}, not {max_new_tokens}.")
    if not 0.0 <= temperature <= MAX_TEMPERATURE:
        raise InvalidRequest(f"temperature must be between 0 and {MAX_TEMPERATURE:g} (0 is greedy), not {temperature}.")
    if not 0.0 <= top_p <= 1.0:
        raise InvalidRequest(f"top_p must be between 0 and 1, not {top_p}.")
    stop = tuple(request.stop)
    if len(stop) > MAX_STOP_STRINGS or not all(0 < len(text) <= MAX_STOP_LENGTH for text in stop):
        raise InvalidRequest(f"stop takes up to {MAX_STOP_STRINGS} strings of 1 to {MAX_STOP_LENGTH} characters each.")
    json_schema = None
    if request.json_schema is not None:
        if stop:
            raise InvalidRequest("stop strings can't be combined with json_schema: one could cut the JSON short.")
        json_schema = json_schema_text(request.json_schema)
    return Sampling(
        max_new_tokens=max_new_tokens,
        temperature=float(temperature),
        top_p=float(top_p),
        seed=request.seed,
        stop=stop,
        json_schema=json_schema,
    )
