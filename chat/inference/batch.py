"""Runs a group of jobs as one batched generate call, and isolates the culprit when it fails."""

import logging
import time
from collections.abc import Callable

import torch
from transformers import StoppingCriteriaList

from chat.inference.counters import EngineCounters
from chat.inference.jobs import Job
from chat.inference.loading import LoadedModel
from chat.inference.sampling import Sampling
from chat.inference.streaming import RowStopping, RowStreamer
from chat.inference.types import FinishReason

logger = logging.getLogger(__name__)

JobFinished = Callable[[Job, FinishReason, str], None]


class BatchRunner:
    def __init__(
        self, loaded: LoadedModel, *, ignore_eos: bool, counters: EngineCounters, on_finished: JobFinished
    ) -> None:
        self._model = loaded.model
        self._tokenizer = loaded.processor.tokenizer
        self._device = loaded.device
        self._ignore_eos = ignore_eos
        self._on_finished = on_finished
        generation_config = loaded.model.generation_config
        self._pad_token_id = _first(generation_config.pad_token_id, self._tokenizer.pad_token_id)
        self._eos_token_ids = set(_as_list(generation_config.eos_token_id)) | {self._tokenizer.eos_token_id}
        self._counters = counters

    def run(self, jobs: list[Job]) -> None:
        """Answers every job: each ends stopped, at its length, cancelled or failed, and only the culprit fails."""
        jobs = [job for job in jobs if not self._finished_before_start(job)]
        if not jobs:
            return
        self._counters.batches_run += 1
        self._counters.largest_batch = max(self._counters.largest_batch, len(jobs))
        try:
            self._generate(jobs)
        except Exception as exc:
            if isinstance(exc, torch.OutOfMemoryError):
                torch.cuda.empty_cache()
            if len(jobs) == 1:
                self._fail(jobs[0], exc)
                return
            unfinished = [job for job in jobs if not job.finished]
            # One bad request must not sink the others: retry alone, each resuming where it stopped.
            self._counters.batches_retried += 1
            logger.warning(
                "A batch of %d failed (%s); retrying its %d unfinished requests one by one",
                len(jobs),
                type(exc).__name__,
                len(unfinished),
            )
            for job in unfinished:
                self.run([job])

    def _generate(self, jobs: list[Job]) -> None:
        started = time.monotonic()
        for job in jobs:
            if job.started_at is None:
                job.started_at = started
        inputs = self._collate(jobs)
        stopping = RowStopping(jobs)
        streamer = RowStreamer(jobs, self._tokenizer, self._eos_token_ids, self._finish_row)
        sampling = jobs[0].sampling
        max_new_tokens = max(job.tokens_left for job in jobs)
        with torch.inference_mode():
            self._model.generate(
                **inputs,
                **_sampling_arguments(sampling),
                max_new_tokens=max_new_tokens,
                # A fixed answer length (benchmarks): the end-of-sequence token is never chosen before it.
                min_new_tokens=max_new_tokens if self._ignore_eos else None,
                pad_token_id=self._pad_token_id,
                stopping_criteria=StoppingCriteriaList([stopping]),
                streamer=streamer,
            )
        # generate may stop on its own limits (the model's maximum length) before a row's budget.
        for job in jobs:
            self._finish_row(job, FinishReason.LENGTH)

    def _finished_before_start(self, job: Job) -> bool:
        if job.cancelled:
            self._finish_row(job, FinishReason.CANCELLED)
        return job.finished

    def _collate(self, jobs: list[Job]) -> dict[str, torch.Tensor]:
        """Left-padded rows; the pixel values of all the batch's images, in row order, as the model expects."""
        rows = [_continuation(job) for job in jobs]
        length = max(len(input_ids) for input_ids, _ in rows)
        input_ids = torch.full((len(rows), length), self._pad_token_id, dtype=torch.long)
        attention_mask = torch.zeros((len(rows), length), dtype=torch.long)
        token_type_ids = torch.zeros((len(rows), length), dtype=torch.long)
        for row, (ids, types) in enumerate(rows):
            input_ids[row, length - len(ids) :] = ids
            attention_mask[row, length - len(ids) :] = 1
            token_type_ids[row, length - len(ids) :] = types
        batch = {
            "input_ids": input_ids.to(self._device),
            "attention_mask": attention_mask.to(self._device),
            "token_type_ids": token_type_ids.to(self._device),
        }
        pixel_values = [job.inputs["pixel_values"] for job in jobs if "pixel_values" in job.inputs]
        if pixel_values:
            batch["pixel_values"] = torch.cat(pixel_values).to(self._device, dtype=self._model.dtype)
        return batch

    def _finish_row(self, job: Job, reason: FinishReason, error: str = "") -> None:
        if not job.finished:
            self._on_finished(job, reason, error)

    def _fail(self, job: Job, exc: Exception) -> None:
        if isinstance(exc, torch.OutOfMemoryError):
            reason = "The GPU ran out of memory for this request; try a shorter conversation or fewer images."
        else:
            reason = f"The model could not answer this request ({type(exc).__name__}: {exc})."
        logger.error("Request %s failed: %s", job.request_id, type(exc).__name__)
        self._finish_row(job, FinishReason.ERROR, reason)


def _continuation(job: Job) -> tuple[torch.Tensor, torch.Tensor]:
    """The prompt, plus what the job has generated so far when it resumes after a failed batch."""
    input_ids = job.inputs["input_ids"][0]
    token_type_ids = job.inputs["token_type_ids"][0]
    generated = job.decoder.token_ids if job.decoder else []
    if not generated:
        return input_ids, token_type_ids
    return (
        torch.cat([input_ids, torch.tensor(generated, dtype=input_ids.dtype)]),
        torch.cat([token_type_ids, torch.zeros(len(generated), dtype=token_type_ids.dtype)]),
    )


def _sampling_arguments(sampling: Sampling) -> dict:
    # Greedy by default: the model's own generation config asks for sampling, so say it explicitly.
    if sampling.greedy:
        return {"do_sample": False, "temperature": None, "top_p": None, "top_k": None}
    return {"do_sample": True, "temperature": sampling.temperature, "top_p": sampling.top_p}


def _as_list(value: int | list[int] | None) -> list[int]:
    if value is None:
        return []
    return [value] if isinstance(value, int) else list(value)


def _first(*values: int | None) -> int:
    return next(value for value in values if value is not None)
