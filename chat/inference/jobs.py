"""A request inside the engine: its settings, its model inputs, and how far its answer has got."""

import time
from dataclasses import dataclass, field

import torch

from chat.inference.detokenize import IncrementalDecoder
from chat.inference.prompts import Prompt
from chat.inference.sampling import Sampling
from chat.inference.stream import GenerationStream
from chat.inference.types import FinishReason, GenerationRequest, GenerationResult


@dataclass(eq=False)
class Job:
    request: GenerationRequest
    sampling: Sampling
    stream: GenerationStream
    submitted_at: float = field(default_factory=time.monotonic)
    prompt: Prompt | None = None
    inputs: dict[str, torch.Tensor] | None = None
    # Set from the caller's loop; read by the model thread at every decode step.
    cancelled: bool = False
    tokens_at_cancel: int = 0
    # Written by the model thread only.
    tokens_computed: int = 0
    decoder: IncrementalDecoder | None = None
    text_parts: list[str] = field(default_factory=list)
    started_at: float | None = None
    first_token_at: float | None = None
    finish_reason: FinishReason | None = None

    @property
    def request_id(self) -> str:
        return self.request.request_id

    @property
    def finished(self) -> bool:
        return self.finish_reason is not None

    @property
    def tokens_left(self) -> int:
        return self.sampling.max_new_tokens - self.tokens_computed

    @property
    def answer_tokens(self) -> int:
        return len(self.decoder.token_ids) if self.decoder else 0

    def request_cancel(self) -> None:
        if not self.cancelled:
            self.tokens_at_cancel = self.tokens_computed
            self.cancelled = True

    def emit(self, text: str) -> None:
        """Passes on the text of one new token ("" while it only begins a character, or for end-of-turn)."""
        if self.first_token_at is None:
            self.first_token_at = time.monotonic()
        if text:
            self.text_parts.append(text)
            self.stream.push_delta(text)

    def finish(self, reason: FinishReason, error: str = "") -> GenerationResult:
        """Delivers the result to the caller; the engine makes sure this happens once."""
        self.finish_reason = reason
        now = time.monotonic()
        answer_tokens = self.answer_tokens
        elapsed = now - self.started_at if self.started_at is not None else 0.0
        result = GenerationResult(
            text="".join(self.text_parts),
            prompt_tokens=self.prompt.token_count if self.prompt else 0,
            answer_tokens=answer_tokens,
            time_to_first_token=None if self.first_token_at is None else self.first_token_at - self.submitted_at,
            tokens_per_second=answer_tokens / elapsed if elapsed > 0 else 0.0,
            finish_reason=reason,
            error=error,
        )
        self.stream.finish(result)
        return result
