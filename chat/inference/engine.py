"""The inference engine: one per process, owning the model in one dedicated thread.

Callers on any asyncio loop submit requests and get streams back; the model thread
takes the requests that are waiting whenever the model is free and answers them in
one batched generate call. Nothing here blocks the caller's event loop: prompts are
prepared on a helper thread, and results come back through the stream.
"""

import asyncio
import dataclasses
import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from chat.inference.batch import BatchRunner
from chat.inference.config import EngineConfig
from chat.inference.counters import EngineCounters
from chat.inference.errors import EngineBusy, EngineError, EngineUnavailable, InvalidRequest, ModelLoadError
from chat.inference.jobs import Job
from chat.inference.loading import LoadedModel, load_model
from chat.inference.prompts import build_prompt, encode_prompt
from chat.inference.sampling import resolve_sampling
from chat.inference.stream import GenerationStream, PositionObserver
from chat.inference.types import FinishReason, GenerationRequest, ModelState, ModelStatus

logger = logging.getLogger(__name__)

# When the model frees up while requests are still being prepared, how long at most to wait for them to join.
GATHER_SECONDS = 0.05

Loader = Callable[[EngineConfig], LoadedModel]


class Engine:
    def __init__(self, config: EngineConfig, *, loader: Loader = load_model, loaded: LoadedModel | None = None) -> None:
        self._config = config
        self._loader = loader
        self._loaded = loaded
        state = ModelState.READY if loaded else ModelState.LOADING
        self._status = ModelStatus(state=state, model_name=config.model)
        self._counters = EngineCounters()
        # Re-entrant: a cancel finishes a queued job while holding the lock, and finishing takes it too.
        self._lock = threading.Condition(threading.RLock())
        self._queue: list[Job] = []
        self._running: list[Job] = []
        self._preparing = 0
        self._stopping = False
        self._thread: threading.Thread | None = None
        # One thread, so the processor's tokenizer is never used by two preparations at once.
        self._preparer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="inference-prompts")

    @classmethod
    def from_loaded(cls, config: EngineConfig, loaded: LoadedModel) -> "Engine":
        """An engine on a model loaded already, e.g. one tiny model shared by a whole test session."""
        return cls(config, loaded=loaded)

    @property
    def status(self) -> ModelStatus:
        return self._status

    @property
    def counters(self) -> EngineCounters:
        with self._lock:
            return dataclasses.replace(self._counters)

    @property
    def queue_length(self) -> int:
        return len(self._queue)

    def start(self) -> None:
        """Starts the model thread, which loads the model (unless given one) and then serves requests."""
        with self._lock:
            if self._thread is not None:
                return
            self._thread = threading.Thread(target=self._serve, name="inference-model", daemon=True)
            self._thread.start()

    def wait_until_loaded(self, timeout: float | None = None) -> ModelStatus:
        """Blocks until the model is ready or has failed (or timeout passes); for commands and tests."""
        with self._lock:
            self._lock.wait_for(lambda: self._status.state is not ModelState.LOADING, timeout)
            return self._status

    def stop(self, timeout: float = 10.0) -> None:
        """Stops serving: running requests are cancelled, waiting ones fail. For shutdown and tests."""
        with self._lock:
            self._stopping = True
            for job in self._running:
                job.request_cancel()
            self._fail_waiting("The assistant was shut down before answering.")
            self._lock.notify_all()
        if self._thread is not None:
            self._thread.join(timeout)
        # Preparations under way finish, and their submit() then sees the engine stopping.
        self._preparer.shutdown(wait=False)

    async def submit(
        self, request: GenerationRequest, *, on_position: PositionObserver | None = None
    ) -> GenerationStream:
        """Queues the request and returns its stream at once; on_position hears of every queue position change.

        Raises InvalidRequest or PromptTooLong for a request that can't be answered,
        EngineBusy when the queue is full, EngineUnavailable when the model failed to load.
        """
        sampling = resolve_sampling(request, self._config)
        loop = asyncio.get_running_loop()
        stream = GenerationStream(request.request_id, loop, cancel=lambda: self._cancel(job))
        job = Job(request=request, sampling=sampling, stream=stream)
        if on_position is not None:
            stream.on_position(on_position)
        with self._lock:
            self._refuse_if_unavailable()
            waiting = len(self._queue) + self._preparing
            if waiting >= self._config.max_queue:
                raise EngineBusy(waiting)
            self._preparing += 1
            # While the model loads there is no processor yet: the model thread prepares the job later.
            prepare_now = self._status.state is ModelState.READY
        try:
            if prepare_now:
                await loop.run_in_executor(self._preparer, self._prepare, job)
        finally:
            with self._lock:
                self._preparing -= 1
                self._lock.notify_all()
        with self._lock:
            if job.cancelled:
                self._job_finished(job, FinishReason.CANCELLED)
            elif self._stopping:
                self._job_finished(job, FinishReason.ERROR, "The assistant was shut down before answering.")
            else:
                self._queue.append(job)
                job.stream.set_position(len(self._queue))
                self._lock.notify_all()
        logger.debug("Request %s queued at position %d", job.request_id, job.stream.queue_position)
        return job.stream

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
            )
            job.inputs = encode_prompt(processor, job.prompt)
        except EngineError:
            raise
        except Exception as exc:
            raise InvalidRequest(f"The message could not be prepared for the model: {exc}") from exc

    def _cancel(self, job: Job) -> None:
        with self._lock:
            if job.finished:
                return
            job.request_cancel()
            if job in self._queue:
                self._queue.remove(job)
                self._job_finished(job, FinishReason.CANCELLED)
                self._publish_positions()

    def _serve(self) -> None:
        if self._loaded is None and not self._load():
            return
        runner = BatchRunner(
            self._loaded, ignore_eos=self._config.ignore_eos, counters=self._counters, on_finished=self._job_finished
        )
        try:
            while (jobs := self._take_batch()) is not None:
                runner.run(self._prepared(jobs))
                with self._lock:
                    self._running = []
        except Exception as exc:
            # A fault of the engine itself, not of a request: fail loudly rather than leave callers waiting.
            logger.exception("The inference engine stopped after an internal error")
            self._give_up(f"The assistant stopped after an internal error ({type(exc).__name__}).")

    def _load(self) -> bool:
        try:
            loaded = self._loader(self._config)
        except ModelLoadError as exc:
            reason = str(exc)
        except Exception as exc:
            reason = f"Can't load {self._config.model}: {type(exc).__name__}: {exc}"
        else:
            with self._lock:
                self._loaded = loaded
                self._status = ModelStatus(state=ModelState.READY, model_name=self._config.model)
                self._lock.notify_all()
            return True
        logger.error("Model %s failed to load: %s", self._config.model, reason)
        self._give_up(reason)
        return False

    def _give_up(self, reason: str) -> None:
        """From now on the model is unavailable for this reason; whoever waits hears it."""
        with self._lock:
            self._status = ModelStatus(state=ModelState.FAILED, model_name=self._config.model, reason=reason)
            running, self._running = self._running, []
            for job in running:
                self._job_finished(job, FinishReason.ERROR, reason)
            self._fail_waiting(reason)
            self._lock.notify_all()

    def _take_batch(self) -> list[Job] | None:
        """The next jobs to run together: the oldest waiting job and those that share its sampling settings."""
        with self._lock:
            while True:
                self._lock.wait_for(lambda: self._queue or self._stopping)
                if self._stopping:
                    return None
                self._gather_arrivals()
                if self._queue:
                    break
            # Transformers applies one temperature and top_p to a whole generate call. Grouping by them
            # keeps its tested sampling path; per-row sampling would mean reimplementing it, and nearly
            # all requests use the configured defaults anyway, so they still batch together.
            key = self._queue[0].sampling.batch_key
            batch = [job for job in self._queue if job.sampling.batch_key == key][: self._config.max_batch_size]
            self._queue = [job for job in self._queue if job not in batch]
            self._running = batch
            for job in batch:
                job.stream.set_position(0)
            self._publish_positions()
        logger.debug("Running a batch of %d (%d waiting)", len(batch), len(self._queue))
        return batch

    def _gather_arrivals(self) -> None:
        """Requests that arrive together should run together: wait a moment for those still being prepared."""
        self._lock.wait_for(
            lambda: not self._preparing or len(self._queue) >= self._config.max_batch_size or self._stopping,
            timeout=GATHER_SECONDS,
        )

    def _prepared(self, jobs: list[Job]) -> list[Job]:
        """The jobs ready to run; those queued while the model loaded are prepared now, and may fail alone."""
        ready = []
        for job in jobs:
            if job.inputs is None:
                try:
                    self._prepare(job)
                except EngineError as exc:
                    self._job_finished(job, FinishReason.ERROR, str(exc))
                    continue
            ready.append(job)
        return ready

    def _publish_positions(self) -> None:
        for position, job in enumerate(self._queue, start=1):
            job.stream.set_position(position)

    def _fail_waiting(self, reason: str) -> None:
        waiting, self._queue = self._queue, []
        for job in waiting:
            self._job_finished(job, FinishReason.ERROR, reason)

    def _job_finished(self, job: Job, reason: FinishReason, error: str = "") -> None:
        with self._lock:
            if job.finished:
                return
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
        logger.info(
            "Request %s %s: %d prompt tokens, %d answer tokens, first token after %s s, %.1f tokens/s",
            job.request_id,
            reason.value,
            result.prompt_tokens,
            result.answer_tokens,
            "-" if result.time_to_first_token is None else f"{result.time_to_first_token:.3f}",
            result.tokens_per_second,
        )
