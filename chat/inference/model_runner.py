"""The model runner: prefills newcomers, merges them into the running batch, and takes decode steps.

It owns the running batch's cache (kv_cache.BatchCache) and the order of its rows. It knows
nothing of queues or text: the scheduler decides who runs, the output side decides what a
token means. Every call here is made from the model thread, inside torch.inference_mode.

A newcomer is prefilled into a cache of its own (with its images and token_type_ids, which
belong to the prefill only), and joins the batch only after its first token is chosen. A
prompt longer than the step's prefill budget is prefilled in chunks over several steps; a
chunk never ends inside an image, whose tokens attend to each other in both directions.
"""

from dataclasses import dataclass, field

import torch
from transformers import DynamicCache

from chat.inference.jobs import Job
from chat.inference.kv_cache import BatchCache
from chat.inference.loading.loader import LoadedModel


@dataclass(eq=False)
class ChunkedPrefill:
    """A long prompt being prefilled a chunk per step, into its own cache."""

    job: Job
    input_ids: torch.Tensor
    token_type_ids: torch.Tensor
    image_spans: list[tuple[int, int]]
    done: int = 0
    images_done: int = 0
    cache: DynamicCache | None = None
    logits: torch.Tensor | None = field(default=None, repr=False)

    @property
    def length(self) -> int:
        return self.input_ids.shape[-1]

    @property
    def finished(self) -> bool:
        return self.done == self.length


class ModelRunner:
    def __init__(self, loaded: LoadedModel) -> None:
        self._model = loaded.model
        self._config = loaded.model.config
        self._device = loaded.device
        self._pad_token_id = loaded.processor.tokenizer.pad_token_id
        self.jobs: list[Job] = []
        self._batch: BatchCache | None = None

    @property
    def width(self) -> int:
        return self._batch.width if self._batch else 0

    def prefill(self, jobs: list[Job]) -> tuple[BatchCache, torch.Tensor]:
        """Prefills these jobs together (left-padded) into a new cache; returns it and their next-token logits."""
        rows = [job.continuation() for job in jobs]
        width = max(len(ids) for ids, _ in rows)
        input_ids = torch.full((len(rows), width), self._pad_token_id, dtype=torch.long)
        token_type_ids = torch.zeros((len(rows), width), dtype=torch.long)
        attention_mask = torch.zeros((len(rows), width), dtype=torch.long)
        for row, (ids, types) in enumerate(rows):
            input_ids[row, width - len(ids) :] = ids
            token_type_ids[row, width - len(ids) :] = types
            attention_mask[row, width - len(ids) :] = 1
        pixel_values = [job.inputs["pixel_values"] for job in jobs if "pixel_values" in job.inputs]
        cache = DynamicCache(config=self._config)
        attention_mask = attention_mask.to(self._device)
        logits = self._forward(
            input_ids=input_ids.to(self._device),
            attention_mask=attention_mask,
            # Each row counts its own positions from its first real token; padding sits at 0.
            position_ids=(attention_mask.cumsum(-1) - 1).clamp(min=0),
            token_type_ids=token_type_ids.to(self._device),
            pixel_values=torch.cat(pixel_values) if pixel_values else None,
            past_key_values=cache,
        )
        return BatchCache(cache, attention_mask), logits

    def start_chunked(self, job: Job) -> ChunkedPrefill:
        ids, types = job.continuation()
        return ChunkedPrefill(
            job=job,
            input_ids=ids.unsqueeze(0),
            token_type_ids=types.unsqueeze(0),
            image_spans=_image_spans(types),
            cache=DynamicCache(config=self._config),
        )

    def prefill_chunk(self, prefill: ChunkedPrefill, budget: int) -> None:
        """Prefills the next chunk of at most budget tokens (more only to finish an image it would cut)."""
        start = prefill.done
        end = _chunk_end(start, min(prefill.length, start + budget), prefill.image_spans)
        images = [index for index, (first, _) in enumerate(prefill.image_spans) if start <= first < end]
        pixel_values = None
        if images:
            pixel_values = prefill.job.inputs["pixel_values"][images[0] : images[-1] + 1]
        logits = self._forward(
            input_ids=prefill.input_ids[:, start:end].to(self._device),
            attention_mask=torch.ones((1, end), dtype=torch.long, device=self._device),
            position_ids=torch.arange(start, end, device=self._device).unsqueeze(0),
            # Indexed by absolute position when the mask is built, so it covers the cached part too.
            token_type_ids=prefill.token_type_ids[:, :end].to(self._device),
            pixel_values=pixel_values,
            past_key_values=prefill.cache,
        )
        prefill.done = end
        if prefill.finished:
            prefill.logits = logits

    def finish_chunked(self, prefill: ChunkedPrefill) -> BatchCache:
        mask = torch.ones((1, prefill.length), dtype=torch.long, device=self._device)
        return BatchCache(prefill.cache, mask)

    def join(self, jobs: list[Job], cache: BatchCache) -> None:
        """Adds prefilled rows to the running batch, after the rows already in it."""
        if self._batch is None:
            self._batch = cache
        else:
            self._batch.merge(cache)
        self.jobs.extend(jobs)
        assert self._batch.rows == len(self.jobs)

    def decode(self) -> torch.Tensor:
        """One step for every row: feeds each row's last chosen token, returns the logits of the next."""
        batch = self._batch
        last_tokens = torch.tensor([[job.last_token] for job in self.jobs], dtype=torch.long, device=self._device)
        step_mask = batch.mask_for_next_token()
        logits = self._forward(
            input_ids=last_tokens,
            attention_mask=step_mask,
            position_ids=batch.next_positions(),
            past_key_values=batch.cache,
        )
        batch.advance(step_mask)
        return logits

    def remove(self, leaving: set[Job]) -> None:
        """Frees the rows of these jobs; the others keep their order."""
        keep = [row for row, job in enumerate(self.jobs) if job not in leaving]
        if len(keep) == len(self.jobs):
            return
        self.jobs = [self.jobs[row] for row in keep]
        if not keep:
            self._batch = None
        else:
            self._batch.keep(keep)

    def clear(self) -> list[Job]:
        """Drops the whole batch (after a failed step, whose cache may be half-updated); returns its jobs."""
        jobs, self.jobs, self._batch = self.jobs, [], None
        return jobs

    def _forward(self, *, pixel_values: torch.Tensor | None = None, **inputs: torch.Tensor) -> torch.Tensor:
        if pixel_values is not None:
            inputs["pixel_values"] = pixel_values.to(self._device, dtype=self._model.dtype)
        # logits_to_keep=1: only the last position's logits, over MedGemma's 262k-token vocabulary.
        output = self._model(**inputs, use_cache=True, logits_to_keep=1)
        return output.logits[:, -1, :].float()


def _image_spans(token_type_ids: torch.Tensor) -> list[tuple[int, int]]:
    """[start, end) of each run of image tokens, in order."""
    spans = []
    start = None
    for position, kind in enumerate(token_type_ids.tolist()):
        if kind and start is None:
            start = position
        elif not kind and start is not None:
            spans.append((start, position))
            start = None
    if start is not None:
        spans.append((start, len(token_type_ids)))
    return spans


def _chunk_end(start: int, end: int, image_spans: list[tuple[int, int]]) -> int:
    """end, moved past the image it would cut in two (or before it, when the chunk holds other tokens)."""
    for first, last in image_spans:
        if first < end < last:
            return first if first > start else last
    return end
