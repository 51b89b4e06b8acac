"""The values that cross the engine's boundary: requests in, results and status out."""

import enum
import uuid
from dataclasses import dataclass, field
from typing import Literal

from PIL.Image import Image


@dataclass(frozen=True)
class Document:
    """The extracted text of an uploaded file, given to the model as context."""

    name: str
    text: str


@dataclass(frozen=True)
class ChatTurn:
    role: Literal["user", "assistant"]
    text: str
    images: tuple[Image, ...] = ()
    documents: tuple[Document, ...] = ()


def _new_request_id() -> str:
    return uuid.uuid4().hex


@dataclass(frozen=True)
class GenerationRequest:
    """A conversation to answer; the last turn is the user's question.

    None for max_new_tokens, temperature or top_p means the engine's configured default.
    owner names whose request it is (a user id), for fair turns between people; seed makes
    a sampled answer reproducible; the answer ends before any of the stop strings.

    json_schema holds the answer to JSON valid for that schema (compact, and without stop
    strings), token by token, while it shares the batch with everyone's free text. Only an
    answer that finishes with FinishReason.STOP is a whole value; one cut off by max_new_tokens
    (LENGTH) is the beginning of one, and is not to be parsed. Strings with maxLength can't hold
    a quotation mark or a backslash (mlc-ai/xgrammar#800): enough for values copied from a page.
    """

    turns: tuple[ChatTurn, ...]
    max_new_tokens: int | None = None
    temperature: float | None = None
    top_p: float | None = None
    seed: int | None = None
    stop: tuple[str, ...] = ()
    owner: str = ""
    json_schema: dict | None = None
    # The instructions of the tool that asked (an OpenAI client's system message): they follow ours.
    instructions: str = ""
    # The answer's beginning, already written (Continue on an answer cut off at its length limit):
    # the model's turn starts with it, and the model writes what follows.
    answer_start: str = ""
    request_id: str = field(default_factory=_new_request_id)


class FinishReason(enum.StrEnum):
    STOP = "stop"
    LENGTH = "length"
    CANCELLED = "cancelled"
    ERROR = "error"
    # Cut off after it began: a remote model server that went away mid-answer. The text so far stands.
    INTERRUPTED = "interrupted"


@dataclass(frozen=True)
class GenerationResult:
    """The whole answer and how it went.

    time_to_first_token counts from submit() (queue wait included, as the user waits it);
    tokens_per_second is answer_tokens over the time from the start of its batch to its end.
    """

    text: str
    prompt_tokens: int
    answer_tokens: int
    time_to_first_token: float | None
    tokens_per_second: float
    finish_reason: FinishReason
    error: str = ""
    # The answer's tokens, end-of-turn not included: for tests and tools that compare answers exactly.
    token_ids: tuple[int, ...] = ()


class ModelState(enum.StrEnum):
    # An engine made but not started yet.
    STARTING = "starting"
    LOADING = "loading"
    READY = "ready"
    FAILED = "failed"
    # Seen from a web process only: no inference worker has reported in (chat.generation.model_status).
    UNAVAILABLE = "unavailable"


@dataclass(frozen=True)
class ModelStatus:
    """The one status type: the engine reports it, the worker publishes it, the pages and the API read it."""

    state: ModelState
    model_name: str = ""
    reason: str = ""
    queue_length: int = 0

    @property
    def is_ready(self) -> bool:
        return self.state is ModelState.READY
