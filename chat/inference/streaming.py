"""Per-row stopping and streaming inside one batched generate call.

In each decode step generate first calls the stopping criteria (with the step's token
already appended), then hands the step's tokens to the streamer. RowStopping counts the
token for every live row and stops the rows that are cancelled or out of tokens;
RowStreamer turns each live row's token into text for that row's caller and finishes
each row as it ends, not when the batch does. Rows that have ended get pad tokens from
generate, and those are never looked at.
"""

from collections.abc import Callable

import torch
from transformers import PreTrainedTokenizerFast, StoppingCriteria
from transformers.generation.streamers import BaseStreamer

from chat.inference.detokenize import IncrementalDecoder
from chat.inference.jobs import Job
from chat.inference.types import FinishReason

RowFinished = Callable[[Job, FinishReason], None]


class RowStopping(StoppingCriteria):
    """True for each row that must stop now: cancelled (noticed within one step) or at its own max_new_tokens."""

    def __init__(self, jobs: list[Job]) -> None:
        self._jobs = jobs
        self._done: list[bool] = []
        self._done_on_device: torch.Tensor | None = None

    def __call__(self, input_ids: torch.LongTensor, scores: torch.FloatTensor, **kwargs: object) -> torch.BoolTensor:
        done = []
        for job in self._jobs:
            if not job.finished:
                job.tokens_computed += 1
            done.append(job.finished or job.cancelled or job.tokens_left <= 0)
        # Copied to the device only when a row changes, not at every step.
        if done != self._done or self._done_on_device is None:
            self._done = done
            self._done_on_device = torch.tensor(done, dtype=torch.bool, device=input_ids.device)
        return self._done_on_device


class RowStreamer(BaseStreamer):
    def __init__(
        self,
        jobs: list[Job],
        tokenizer: PreTrainedTokenizerFast,
        eos_token_ids: set[int],
        on_finished: RowFinished,
    ) -> None:
        self._jobs = jobs
        self._eos_token_ids = eos_token_ids
        self._on_finished = on_finished
        self._prompt_seen = False
        for job in jobs:
            # A job retried after a failed batch keeps its decoder, and so its text so far.
            if job.decoder is None:
                job.decoder = IncrementalDecoder(tokenizer)

    def put(self, value: torch.Tensor) -> None:
        # The first call carries the prompt, not generated tokens.
        if not self._prompt_seen:
            self._prompt_seen = True
            return
        for job, token_id in zip(self._jobs, value.tolist(), strict=True):
            if job.finished:
                continue
            if job.cancelled:
                # This token came after the cancel: the caller no longer wants it.
                self._on_finished(job, FinishReason.CANCELLED)
            elif token_id in self._eos_token_ids:
                job.emit("")
                self._on_finished(job, FinishReason.STOP)
            else:
                job.emit(job.decoder.push(token_id))
                if job.tokens_left <= 0:
                    self._on_finished(job, FinishReason.LENGTH)

    def end(self) -> None:
        """Nothing to do: each row was finished as it ended."""
