"""The output side: what each chosen token means for its request.

For every row of a step it counts the token, notices a cancel, the end of the turn, a stop
string or the row's own length limit, turns the token into text and streams it. Text that
could be the start of a stop string is held back until it is clear that it isn't, so a
caller never sees a stop string, nor half of one. A row held to a JSON schema whose token
broke it (constraints.RowConstraint.broken) ends with an error rather than invalid JSON.
"""

from collections.abc import Callable

from transformers import PreTrainedTokenizerFast

from chat.inference.detokenize import IncrementalDecoder
from chat.inference.jobs import Job
from chat.inference.types import FinishReason

JobFinished = Callable[[Job, FinishReason, str], None]
BROKEN_CONSTRAINT = "The model's output could not be held to the requested JSON schema."


class OutputProcessor:
    def __init__(
        self, tokenizer: PreTrainedTokenizerFast, *, eos_token_ids: set[int], on_finished: JobFinished
    ) -> None:
        self._tokenizer = tokenizer
        self._eos_token_ids = eos_token_ids
        self._on_finished = on_finished

    def accept(self, jobs: list[Job], tokens: list[int]) -> list[Job]:
        """Applies one step's tokens, row by row; returns the jobs that have ended."""
        ended = []
        for job, token_id in zip(jobs, tokens, strict=True):
            if self._accept(job, token_id):
                ended.append(job)
        return ended

    def _accept(self, job: Job, token_id: int) -> bool:
        if job.finished:
            return True
        job.tokens_computed += 1
        if job.cancelled:
            # This token came after the cancel: the caller no longer wants it.
            self._on_finished(job, FinishReason.CANCELLED, "")
            return True
        if job.constraint is not None and job.constraint.broken:
            self._on_finished(job, FinishReason.ERROR, BROKEN_CONSTRAINT)
            return True
        if token_id in self._eos_token_ids:
            job.emit(job.release_held_text())
            self._on_finished(job, FinishReason.STOP, "")
            return True
        if job.decoder is None:
            job.decoder = IncrementalDecoder(self._tokenizer)
        job.last_token = token_id
        text = job.decoder.push(token_id)
        if job.sampling.stop:
            text, stopped = job.hold_for_stop_strings(text)
            job.emit(text)
            if stopped:
                self._on_finished(job, FinishReason.STOP, "")
                return True
        else:
            job.emit(text)
        if job.tokens_left <= 0:
            job.emit(job.release_held_text())
            self._on_finished(job, FinishReason.LENGTH, "")
            return True
        return False
