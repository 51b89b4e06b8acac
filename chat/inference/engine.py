"""The inference engine: one per process, owning the model in one dedicated thread.

Callers on any asyncio loop submit requests and get streams back. The model thread runs
its own decode loop, continuous batching in vLLM's terms; each turn of it is one step:

1. drop the rows whose callers cancelled (so a cancel costs at most the step in flight);
2. the scheduler (scheduler.py) picks who joins, in fair turns and within budgets;
3. the model runner (model_runner.py) prefills them, with their images, into a cache
   of their own, or takes the next chunk of a long prompt;
4. the sampler (sampler.py) picks their first tokens and the output side (output.py)
   streams them; the rows still going are merged into the running batch;
5. one decode step for every running row; the output side streams each row's token
   and ends the rows that are done, which leave the batch at once.

A row therefore joins at the next step after its prefill and leaves at its end, and the
others never wait for more than one step and one bounded prefill. Nothing here blocks the
caller's event loop: prompts are prepared on a helper thread, and results come back
through the stream.
"""

import asyncio
import atexit
import dataclasses
import gc
import logging
import threading
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import torch

from chat.inference.config import EngineConfig
from chat.inference.constraints import JsonConstraints
from chat.inference.counters import EngineCounters
from chat.inference.errors import (
    EngineBusy,
    EngineError,
    EngineUnavailable,
    InvalidRequest,
    ModelLoadError,
    OwnerBusy,
    PromptTooLong,
)
from chat.inference.jobs import Job
from chat.inference.loading.loader import LoadedModel, load_model
from chat.inference.memory import kv_cache_budget
from chat.inference.model_runner import ChunkedPrefill, ModelRunner
from chat.inference.output import OutputProcessor
from chat.inference.prompts import build_prompt, encode_prompt, system_prompt_for
from chat.inference.sampler import Sampler
from chat.inference.sampling import resolve_sampling
from chat.inference.scheduler import Scheduler, SchedulerBudget
from chat.inference.stream import GenerationStream, PositionObserver
from chat.inference.types import FinishReason, GenerationRequest, ModelState, ModelStatus

logger = logging.getLogger(__name__)

# When the model is idle and requests are still being prepared, how long at most to wait for them to join.
GATHER_SECONDS = 0.05
SHUT_DOWN = "The assistant was shut down before answering."

Loader = Callable[[EngineConfig], LoadedModel]
# Told the time (time.perf_counter) and the number of rows of each decode step, on the model thread.
StepListener = Callable[[float, int], None]


class Engine:
    def __init__(
        self,
        config: EngineConfig,
        *,
        loader: Loader = load_model,
        loaded: LoadedModel | None = None,
        step_listener: StepListener | None = None,
    ) -> None:
        self._config = config
        self._step_listener = step_listener
        self._loader = loader
        self._loaded = loaded
        state = ModelState.READY if loaded else ModelState.STARTING
        self._status = ModelStatus(state=state, model_name=config.model)
        self._counters = EngineCounters()
        # Re-entrant: a cancel finishes a queued job while holding the lock, and finishing takes it too.
        self._lock = threading.Condition(threading.RLock())
        self._scheduler = Scheduler(self._budget(config.kv_cache_tokens or _NOT_YET_KNOWN))
        # Queued while the model loaded, before there was a processor to prepare them with.
        self._unprepared: list[Job] = []
        # Admitted to the model: prefilling or running. Read under the lock by stop() and positions.
        self._admitted: list[Job] = []
        self._active_per_owner: Counter[str] = Counter()
        self._preparing = 0
        self._stopping = False
        self._thread: threading.Thread | None = None
        self._runner: ModelRunner | None = None
        self._chunk: ChunkedPrefill | None = None
        # One thread, so the processor's tokenizer is never used by two preparations at once.
        self._preparer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="inference-prompts")
        self._json_constraints: JsonConstraints | None = None
        if loaded is not None:
            self._scheduler.budget = self._budget(kv_cache_budget(loaded.model, config.kv_cache_tokens))
            self._json_constraints = _json_constraints(loaded)

    @classmethod
    def from_loaded(
        cls, config: EngineConfig, loaded: LoadedModel, *, step_listener: StepListener | None = None
    ) -> "Engine":
        """An engine on a model loaded already, e.g. one tiny model shared by a whole test session."""
        return cls(config, loaded=loaded, step_listener=step_listener)

    @property
    def status(self) -> ModelStatus:
        """The model's state, with the number of requests waiting."""
        return dataclasses.replace(self._status, queue_length=self.queue_length)

    @property
    def counters(self) -> EngineCounters:
        with self._lock:
            return dataclasses.replace(self._counters)

    @property
    def queue_length(self) -> int:
        with self._lock:
            return len(self._scheduler) + len(self._unprepared)

    @property
    def kv_cache_tokens(self) -> int:
        return self._scheduler.budget.kv_cache_tokens

    def start(self) -> None:
        """Starts the model thread, which loads the model (unless given one) and then serves requests."""
        with self._lock:
            if self._thread is not None:
                return
            if self._status.state is ModelState.STARTING:
                self._status = ModelStatus(state=ModelState.LOADING, model_name=self._config.model)
            self._thread = threading.Thread(target=self._serve, name="inference-model", daemon=True)
            self._thread.start()

    def wait_until_loaded(self, timeout: float | None = None) -> ModelStatus:
        """Blocks until the model is ready or has failed (or timeout passes); for commands and tests."""
        with self._lock:
            self._lock.wait_for(lambda: self._status.state not in (ModelState.STARTING, ModelState.LOADING), timeout)
            return self._status

    def stop(self, timeout: float = 10.0) -> None:
        """Stops serving: running requests are cancelled, waiting ones fail. For shutdown and tests."""
        with self._lock:
            self._stopping = True
            for job in self._admitted:
                job.request_cancel()
            self._fail_waiting(SHUT_DOWN)
            self._lock.notify_all()
        if self._thread is not None:
            self._thread.join(timeout)
        # Preparations under way finish, and their submit() then sees the engine stopping.
        self._preparer.shutdown(wait=False)

    async def submit(
        self, request: GenerationRequest, *, on_position: PositionObserver | None = None
    ) -> GenerationStream:
        """Queues the request and returns its stream at once; on_position hears of every queue position change.

        Raises InvalidRequest or PromptTooLong for a request that can't be answered, EngineBusy
        when the queue is full, OwnerBusy when its owner has as many answers under way as allowed,
        EngineUnavailable when the model failed to load.
        """
        sampling = resolve_sampling(request, self._config)
        loop = asyncio.get_running_loop()
        stream = GenerationStream(request.request_id, loop, cancel=lambda: self._cancel(job))
        job = Job(request=request, sampling=sampling, stream=stream)
        if on_position is not None:
            stream.on_position(on_position)
        with self._lock:
            self._refuse_if_unavailable()
            waiting = len(self._scheduler) + len(self._unprepared) + self._preparing
            if waiting >= self._config.max_queue:
                raise EngineBusy(waiting)
            limit = self._config.max_active_per_owner
            if limit and self._active_per_owner[job.owner] >= limit:
                raise OwnerBusy(limit)
            self._active_per_owner[job.owner] += 1
            self._preparing += 1
            # While the model loads there is no processor yet: the model thread prepares the job later.
            prepare_now = self._status.state is ModelState.READY
        try:
            if prepare_now:
                await loop.run_in_executor(self._preparer, self._prepare, job)
        except BaseException:
            with self._lock:
                self._active_per_owner[job.owner] -= 1
            raise
        finally:
            with self._lock:
                self._preparing -= 1
                self._lock.notify_all()
        with self._lock:
            if job.cancelled:
                self._job_finished(job, FinishReason.CANCELLED)
            elif self._stopping:
                self._job_finished(job, FinishReason.ERROR, SHUT_DOWN)
            elif job.inputs is None:
                self._unprepared.append(job)
                self._publish_positions()
            else:
                self._scheduler.add(job)
                self._publish_positions()
            self._lock.notify_all()
        logger.debug("Request %s queued at position %d", job.request_id, job.stream.queue_position)
        return job.stream

    def _budget(self, kv_cache_tokens: int) -> SchedulerBudget:
        return SchedulerBudget(
            max_batch_size=self._config.max_batch_size,
            prefill_tokens_per_step=self._config.prefill_tokens_per_step,
            kv_cache_tokens=kv_cache_tokens,
        )

    def _refuse_if_unavailable(self) -> None:
        if self._status.state is ModelState.FAILED:
            raise EngineUnavailable(self._status.reason)
        if self._stopping:
            raise EngineUnavailable("the assistant is shutting down.")

    def _prepare(self, job: Job) -> None:
        processor = self._loaded.processor
        try:
            job.prompt = build_prompt(
                processor,
                job.request.turns,
                context_tokens=self._config.context_tokens,
                max_new_tokens=job.sampling.max_new_tokens,
                system_prompt=system_prompt_for(job.request.instructions),
                answer_start=job.request.answer_start,
            )
            job.inputs = encode_prompt(processor, job.prompt)
            if job.sampling.json_schema is not None:
                job.constraint = self._json_constraints.start(job.sampling.json_schema)
        except EngineError:
            raise
        except Exception as exc:
            raise InvalidRequest(f"The message could not be prepared for the model: {exc}") from exc
        if not self._scheduler.fits_alone(job):
            budget = self._scheduler.budget.kv_cache_tokens
            raise PromptTooLong(
                f"This conversation and its answer could take {job.longest_length} tokens of the model's memory, more "
                f"than this server holds for one batch ({budget} tokens). Shorten it, or ask for a shorter answer."
            )

    def _cancel(self, job: Job) -> None:
        with self._lock:
            if job.finished:
                return
            job.request_cancel()
            queued = job in self._scheduler or job in self._unprepared
            if queued:
                self._scheduler.remove(job)
                if job in self._unprepared:
                    self._unprepared.remove(job)
                self._job_finished(job, FinishReason.CANCELLED)
                self._publish_positions()
            # A running row is dropped by the model thread at its next step.
            self._lock.notify_all()

    # The model thread.

    def _serve(self) -> None:
        if self._loaded is None and not self._load():
            return
        _freeze_the_heap()
        loaded = self._loaded
        self._runner = ModelRunner(loaded)
        eos_token_ids = _eos_token_ids(loaded)
        self._sampler = Sampler(suppressed_token_ids=eos_token_ids if self._config.ignore_eos else set())
        self._output = OutputProcessor(
            loaded.processor.tokenizer, eos_token_ids=eos_token_ids, on_finished=self._job_finished
        )
        try:
            with torch.inference_mode():
                while self._step():
                    pass
        except Exception as exc:
            # A fault of the engine itself, not of a request: fail loudly rather than leave callers waiting.
            logger.exception("The inference engine stopped after an internal error")
            self._give_up(f"The assistant stopped after an internal error ({type(exc).__name__}).")
            return
        self._end_admitted(FinishReason.CANCELLED)

    def _load(self) -> bool:
        try:
            loaded = self._loader(self._config)
            budget = self._budget(kv_cache_budget(loaded.model, self._config.kv_cache_tokens))
            json_constraints = _json_constraints(loaded)
        except ModelLoadError as exc:
            reason = str(exc)
        except Exception as exc:
            reason = f"Can't load {self._config.model}: {type(exc).__name__}: {exc}"
        else:
            with self._lock:
                self._loaded = loaded
                self._scheduler.budget = budget
                self._json_constraints = json_constraints
                self._status = ModelStatus(state=ModelState.READY, model_name=self._config.model)
                self._lock.notify_all()
            return True
        logger.error("Model %s failed to load: %s", self._config.model, reason)
        self._give_up(reason)
        return False

    def _step(self) -> bool:
        """One turn of the loop; False once the engine stops."""
        self._prepare_late_arrivals()
        with self._lock:
            self._lock.wait_for(self._has_work)
            if self._stopping:
                return False
            if not self._admitted:
                self._gather_arrivals()
            self._drop_cancelled()
            plan = self._scheduler.schedule(self._runner.jobs, chunk_in_flight=self._chunk and self._chunk.job)
            for victim in plan.preempt:
                self._preempt(victim)
            admitted = [*plan.admit, *([plan.chunked] if plan.chunked else [])]
            for job in admitted:
                self._admit(job)
            if plan:
                self._publish_positions()
        if plan.admit:
            self._prefill(plan.admit)
        if plan.chunked:
            self._chunk = self._runner.start_chunked(plan.chunked)
        if self._chunk is not None:
            self._prefill_next_chunk()
        if self._runner.jobs:
            self._decode()
        return True

    def _has_work(self) -> bool:
        return bool(self._stopping or self._admitted or self._scheduler or self._unprepared)

    def _gather_arrivals(self) -> None:
        """Requests that arrive together should start together: wait a moment for those still being prepared."""
        self._lock.wait_for(
            lambda: not self._preparing or len(self._scheduler) >= self._config.max_batch_size or self._stopping,
            timeout=GATHER_SECONDS,
        )

    def _prepare_late_arrivals(self) -> None:
        """Jobs queued while the model loaded are prepared now, and may fail alone."""
        with self._lock:
            late, self._unprepared = self._unprepared, []
        for job in late:
            try:
                self._prepare(job)
            except EngineError as exc:
                self._job_finished(job, FinishReason.ERROR, str(exc))
                continue
            with self._lock:
                if not job.finished:
                    self._scheduler.add(job)

    def _drop_cancelled(self) -> None:
        cancelled = {job for job in self._admitted if job.cancelled}
        for job in cancelled:
            self._job_finished(job, FinishReason.CANCELLED)
        self._runner.remove(cancelled)
        if self._chunk is not None and self._chunk.job in cancelled:
            self._chunk = None

    def _admit(self, job: Job) -> None:
        if job.started_at is None:
            job.started_at = time.monotonic()
        self._admitted.append(job)
        job.stream.set_position(0)

    def _preempt(self, job: Job) -> None:
        """Sends a running row back to the head of its owner's queue; it resumes where it was."""
        self._runner.remove({job})
        self._admitted.remove(job)
        self._scheduler.add(job, front=True)
        self._counters.preemptions += 1
        logger.debug("Request %s preempted after %d tokens", job.request_id, job.answer_tokens)

    def _prefill(self, jobs: list[Job]) -> None:
        """Prefills jobs together, or alone when together fails, so that only a culprit fails."""
        try:
            cache, logits = self._runner.prefill(jobs)
        except Exception as exc:
            if len(jobs) > 1:
                self._counters.prefills_retried += 1
            self._each_alone(jobs, exc, failed="A prefill")
            return
        self._counters.prefills += 1
        self._join(jobs, cache, logits)

    def _prefill_next_chunk(self) -> None:
        chunk = self._chunk
        try:
            self._runner.prefill_chunk(chunk, self._config.prefill_tokens_per_step)
        except Exception as exc:
            self._chunk = None
            self._fail(chunk.job, exc)
            return
        self._counters.prefill_chunks += 1
        if chunk.finished:
            self._chunk = None
            self._counters.prefills += 1
            self._join([chunk.job], self._runner.finish_chunked(chunk), chunk.logits)

    def _join(self, jobs: list[Job], cache, logits: torch.Tensor) -> None:
        """First tokens for freshly prefilled rows; those still going join the running batch."""
        ended = set(self._output.accept(jobs, self._sampler.choose(logits, jobs)))
        staying = [row for row, job in enumerate(jobs) if job not in ended]
        if not staying:
            return
        if len(staying) < len(jobs):
            cache.keep(staying)
        self._runner.join([jobs[row] for row in staying], cache)
        self._counters.largest_batch = max(self._counters.largest_batch, len(self._runner.jobs))

    def _decode(self) -> None:
        jobs = list(self._runner.jobs)
        try:
            logits = self._runner.decode()
        except Exception as exc:
            self._retry_alone(jobs, exc)
            return
        self._counters.steps += 1
        ended = self._output.accept(jobs, self._sampler.choose(logits, jobs))
        if self._step_listener is not None:
            self._step_listener(time.perf_counter(), len(jobs))
        self._runner.remove(set(ended))

    def _retry_alone(self, jobs: list[Job], exc: Exception) -> None:
        """A failed step may have half-updated the cache: each row is prefilled again alone, where it stopped."""
        if isinstance(exc, torch.OutOfMemoryError):
            torch.cuda.empty_cache()
        self._runner.clear()
        if len(jobs) > 1:
            self._counters.steps_retried += 1
        self._each_alone(jobs, exc, failed="A decode step")

    def _each_alone(self, jobs: list[Job], exc: Exception, *, failed: str) -> None:
        """After a failure: a job that was alone fails with it; several are each prefilled again alone."""
        if len(jobs) == 1:
            self._fail(jobs[0], exc)
            return
        logger.warning("%s of %d rows failed (%s); retrying them one by one", failed, len(jobs), type(exc).__name__)
        for job in jobs:
            self._prefill([job])

    def _fail(self, job: Job, exc: Exception) -> None:
        if isinstance(exc, torch.OutOfMemoryError):
            torch.cuda.empty_cache()
            reason = "The GPU ran out of memory for this request; try a shorter conversation or fewer images."
        else:
            reason = f"The model could not answer this request ({type(exc).__name__}: {exc})."
        logger.error("Request %s failed: %s", job.request_id, type(exc).__name__)
        self._job_finished(job, FinishReason.ERROR, reason)

    def _give_up(self, reason: str) -> None:
        """From now on the model is unavailable for this reason; whoever waits hears it."""
        with self._lock:
            self._status = ModelStatus(state=ModelState.FAILED, model_name=self._config.model, reason=reason)
            self._end_admitted(FinishReason.ERROR, reason)
            self._fail_waiting(reason)
            self._lock.notify_all()

    def _end_admitted(self, reason: FinishReason, error: str = "") -> None:
        with self._lock:
            for job in list(self._admitted):
                self._job_finished(job, reason, error)
            if self._runner is not None:
                self._runner.clear()
            self._chunk = None

    def _publish_positions(self) -> None:
        order = self._scheduler.admission_order(self._runner.jobs if self._runner else [])
        for position, job in enumerate([*order, *self._unprepared], start=1):
            job.stream.set_position(position)

    def _fail_waiting(self, reason: str) -> None:
        waiting = [*self._scheduler.take_all(), *self._unprepared]
        self._unprepared = []
        for job in waiting:
            self._job_finished(job, FinishReason.ERROR, reason)

    def _job_finished(self, job: Job, reason: FinishReason, error: str = "") -> None:
        with self._lock:
            if job.finished:
                return
            if job in self._admitted:
                self._admitted.remove(job)
            self._active_per_owner[job.owner] -= 1
            if self._active_per_owner[job.owner] <= 0:
                del self._active_per_owner[job.owner]
            # Counted before the caller hears of it, so counters are up to date once a result is in.
            counters = self._counters
            counters.requests_served += 1
            counters.tokens_generated += job.answer_tokens
            if reason is FinishReason.ERROR:
                counters.requests_failed += 1
            if reason is FinishReason.CANCELLED:
                counters.requests_cancelled += 1
                counters.tokens_after_cancel += job.tokens_computed - job.tokens_at_cancel
            result = job.finish(reason, error)
            self._lock.notify_all()
        logger.info(
            "Request %s %s: %d prompt tokens, %d answer tokens, first token after %s s, %.1f tokens/s",
            job.request_id,
            reason.value,
            result.prompt_tokens,
            result.answer_tokens,
            "-" if result.time_to_first_token is None else f"{result.time_to_first_token:.3f}",
            result.tokens_per_second,
        )


# Until the model is loaded the budget can't be derived; nothing is admitted before then anyway.
_NOT_YET_KNOWN = 2**62


def _freeze_the_heap() -> None:
    """Moves everything alive now (the model, torch, transformers: millions of objects) out of the collector's sight.

    Python's full collections scan the whole heap; with a model loaded each took up to 130 ms on
    the tiny model's CPU host, and every answer stalled for it. Frozen objects are never scanned
    again, so a full collection only looks at what was allocated since. vLLM's engine does the same.
    """
    gc.collect()
    gc.freeze()


# Handed back to the collector at exit: extension modules that count their live objects at shutdown
# (triton's, which torch imports where it is installed) would otherwise list every frozen one as a leak.
atexit.register(gc.unfreeze)


def _eos_token_ids(loaded: LoadedModel) -> set[int]:
    ids = loaded.model.generation_config.eos_token_id
    ids = [] if ids is None else [ids] if isinstance(ids, int) else list(ids)
    return set(ids) | {loaded.processor.tokenizer.eos_token_id}


def _json_constraints(loaded: LoadedModel) -> JsonConstraints:
    # The logits' width, which for MedGemma is wider than the tokenizer's vocabulary.
    vocab_size = loaded.model.get_output_embeddings().weight.shape[0]
    return JsonConstraints(loaded.processor.tokenizer, vocab_size=vocab_size, stop_token_ids=_eos_token_ids(loaded))
