"""The baseline the continuous engine is measured against: static batching, one generate per group.

This is how the engine worked before it ran its own decode loop, and how a simple server
batches: when the model is free it takes every request waiting (up to the batch size),
answers them in one left-padded generate call, each row stopping at its own length, and
only then looks at the queue again. It lives with the benchmark and serves nothing else.
"""

import threading
import time
from dataclasses import dataclass, field

import torch
from transformers import StoppingCriteria, StoppingCriteriaList
from transformers.generation.streamers import BaseStreamer

from chat.inference.loading.loader import LoadedModel
from chat.inference.prompts import build_prompt, encode_prompt
from chat.inference.types import GenerationRequest


@dataclass(eq=False)
class BaselineRequest:
    request: GenerationRequest
    arrived_at: float
    first_token_at: float | None = None
    finished_at: float | None = None
    tokens: int = 0
    done: threading.Event = field(default_factory=threading.Event)


class StaticBatchingServer:
    def __init__(self, loaded: LoadedModel, *, max_batch_size: int, context_tokens: int) -> None:
        self._loaded = loaded
        self._max_batch_size = max_batch_size
        self._context_tokens = context_tokens
        self._waiting: list[BaselineRequest] = []
        self._lock = threading.Condition()
        self._stopping = False
        self._thread = threading.Thread(target=self._serve, name="static-baseline", daemon=True)
        self._thread.start()

    def submit(self, request: GenerationRequest) -> BaselineRequest:
        item = BaselineRequest(request=request, arrived_at=time.perf_counter())
        with self._lock:
            self._waiting.append(item)
            self._lock.notify()
        return item

    def stop(self) -> None:
        with self._lock:
            self._stopping = True
            self._lock.notify()
        self._thread.join()

    def _serve(self) -> None:
        while True:
            with self._lock:
                self._lock.wait_for(lambda: self._waiting or self._stopping)
                if self._stopping:
                    return
                group, self._waiting = self._waiting[: self._max_batch_size], self._waiting[self._max_batch_size :]
            self._generate(group)

    def _generate(self, group: list[BaselineRequest]) -> None:
        processor = self._loaded.processor
        rows = []
        for item in group:
            prompt = build_prompt(
                processor,
                item.request.turns,
                context_tokens=self._context_tokens,
                max_new_tokens=item.request.max_new_tokens,
            )
            rows.append(encode_prompt(processor, prompt)["input_ids"][0])
        width = max(len(row) for row in rows)
        pad = processor.tokenizer.pad_token_id
        input_ids = torch.full((len(rows), width), pad, dtype=torch.long)
        attention_mask = torch.zeros((len(rows), width), dtype=torch.long)
        for index, row in enumerate(rows):
            input_ids[index, width - len(row) :] = row
            attention_mask[index, width - len(row) :] = 1
        lengths = [item.request.max_new_tokens for item in group]
        with torch.inference_mode():
            self._loaded.model.generate(
                input_ids=input_ids.to(self._loaded.device),
                attention_mask=attention_mask.to(self._loaded.device),
                max_new_tokens=max(lengths),
                min_new_tokens=max(lengths),
                do_sample=False,
                temperature=None,
                top_p=None,
                top_k=None,
                pad_token_id=pad,
                stopping_criteria=StoppingCriteriaList([_EachAtItsLength(lengths)]),
                streamer=_Clock(group),
            )


class _EachAtItsLength(StoppingCriteria):
    def __init__(self, lengths: list[int]) -> None:
        self._lengths = torch.tensor(lengths)
        self._step = 0

    def __call__(self, input_ids: torch.LongTensor, scores: torch.FloatTensor, **kwargs) -> torch.BoolTensor:
        self._step += 1
        return (self._lengths <= self._step).to(input_ids.device)


class _Clock(BaseStreamer):
    """Times each row's first token and its end, as its reader would see them."""

    def __init__(self, group: list[BaselineRequest]) -> None:
        self._group = group
        self._prompt_seen = False

    def put(self, value: torch.Tensor) -> None:
        if not self._prompt_seen:
            self._prompt_seen = True
            return
        now = time.perf_counter()
        for item in self._group:
            if item.done.is_set():
                continue
            item.tokens += 1
            if item.first_token_at is None:
                item.first_token_at = now
            if item.tokens >= item.request.max_new_tokens:
                item.finished_at = now
                item.done.set()

    def end(self) -> None:
        now = time.perf_counter()
        for item in self._group:
            if not item.done.is_set():
                item.finished_at = now
                item.done.set()
