"""A request inside the engine: its settings, its model inputs, and how far its answer has got."""

import time
from dataclasses import dataclass, field
from random import Random

import torch

from chat.inference.constraints import RowConstraint
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
    # Set with the prompt when the request has a JSON schema; the sampler holds each token to it.
    constraint: RowConstraint | None = None
    # Set from the caller's loop; read by the model thread at every decode step.
    cancelled: bool = False
    tokens_at_cancel: int = 0
    # Written by the model thread only.
    tokens_computed: int = 0
    decoder: IncrementalDecoder | None = None
    # The token chosen last, which the next decode step feeds to the model.
    last_token: int | None = None
    text_parts: list[str] = field(default_factory=list)
    held_text: str = ""
    started_at: float | None = None
    first_token_at: float | None = None
    finish_reason: FinishReason | None = None
    rng: Random = field(init=False)

    def __post_init__(self) -> None:
        # Seeded: the same draws, and so the same answer, whatever else is in the batch. Unseeded: fresh entropy.
        self.rng = Random(self.sampling.seed)

    @property
    def request_id(self) -> str:
        return self.request.request_id

    @property
    def owner(self) -> str:
        return self.request.owner

    @property
    def finished(self) -> bool:
        return self.finish_reason is not None

    @property
    def tokens_left(self) -> int:
        return self.sampling.max_new_tokens - self.tokens_computed

    @property
    def answer_tokens(self) -> int:
        return len(self.decoder.token_ids) if self.decoder else 0

    @property
    def prefill_length(self) -> int:
        """The tokens a (re-)prefill of this job computes: its prompt and what it has generated so far."""
        return self.prompt.token_count + self.answer_tokens

    @property
    def longest_length(self) -> int:
        """The most columns this job can ever take in the cache: its prompt and its whole answer budget."""
        return self.prompt.token_count + self.sampling.max_new_tokens

    def continuation(self) -> tuple[torch.Tensor, torch.Tensor]:
        """The prompt's ids and token types, plus the answer so far when the job resumes.

        A job resumes after a preemption, or after a failed decode step: it is prefilled again, where it stopped.
        """
        input_ids = self.inputs["input_ids"][0]
        token_type_ids = self.inputs["token_type_ids"][0]
        generated = self.decoder.token_ids if self.decoder else []
        if not generated:
            return input_ids, token_type_ids
        return (
            torch.cat([input_ids, torch.tensor(generated, dtype=input_ids.dtype)]),
            torch.cat([token_type_ids, torch.zeros(len(generated), dtype=token_type_ids.dtype)]),
        )

    def request_cancel(self) -> None:
        if not self.cancelled:
            self.tokens_at_cancel = self.tokens_computed
            self.cancelled = True

    def hold_for_stop_strings(self, text: str) -> tuple[str, bool]:
        """The text safe to stream now, and whether a stop string has ended the answer.

        Text that could begin a stop string waits in held_text until the next tokens settle it.
        """
        pending = self.held_text + text
        cuts = [pending.find(stop) for stop in self.sampling.stop if stop in pending]
        if cuts:
            self.held_text = ""
            return pending[: min(cuts)], True
        hold = max((_overlap(pending, stop) for stop in self.sampling.stop), default=0)
        self.held_text = pending[len(pending) - hold :] if hold else ""
        return pending[: len(pending) - hold], False

    def release_held_text(self) -> str:
        """At the end of an answer that no stop string ended: what was held back was text after all."""
        held, self.held_text = self.held_text, ""
        return held

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
            token_ids=tuple(self.decoder.token_ids) if self.decoder else (),
        )
        self.stream.finish(result)
        return result


def _overlap(text: str, stop: str) -> int:
    """The length of the longest end of text that is a beginning of stop (shorter than stop itself)."""
    for length in range(min(len(text), len(stop) - 1), 0, -1):
        if text.endswith(stop[:length]):
            return length
    return 0
