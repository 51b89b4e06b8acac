"""The remote engine: the local engine's interface, with answers streamed from an OpenAI-compatible server.

Fair turns and limits stay here, as the local engine keeps them: at most max_batch_size answers
stream from the server at once, the others wait in a fair queue (fair_queue.py) with their
positions published on their streams; max_queue and max_active_per_owner refuse at submit. Each
answer is one streaming chat completion, run as a task on its caller's event loop with that loop's
client (clients.py). Stop closes the HTTP stream, which is what makes vLLM abort the generation.

Before the first token a failure may be retried (connection, 429, 5xx: after retry_delays), and a
refusal for context length is answered by dropping the oldest turn left; after it, the answer ends
INTERRUPTED with the text so far. The server's state comes from a background poll (health.py).
"""

import asyncio
import concurrent.futures
import dataclasses
import logging
import threading
import time
from collections import Counter
from dataclasses import dataclass, field

import openai

from chat.inference.errors import EngineBusy, EngineError, EngineUnavailable, InvalidRequest, OwnerBusy
from chat.inference.prompts import system_prompt_for
from chat.inference.remote.clients import ClientsPerLoop
from chat.inference.remote.config import RemoteConfig
from chat.inference.remote.failures import STOPPED_MID_ANSWER, classify, what_happened
from chat.inference.remote.fair_queue import FairQueue
from chat.inference.remote.health import HealthPoller, ServerHealth
from chat.inference.remote.messages import RemoteChat, prepare_chat
from chat.inference.remote.options import completion_options
from chat.inference.sampling import Sampling, resolve_sampling
from chat.inference.stream import GenerationStream, PositionObserver
from chat.inference.types import FinishReason, GenerationRequest, GenerationResult, ModelState, ModelStatus

logger = logging.getLogger(__name__)

SHUT_DOWN = "The assistant was shut down before answering."
# vLLM's extension: the last message, the answer so far, is continued rather than followed by a new one.
CONTINUE_FINAL_MESSAGE = {"continue_final_message": True, "add_generation_prompt": False}


@dataclass(eq=False)
class _Job:
    request: GenerationRequest
    sampling: Sampling
    chat: RemoteChat
    stream: GenerationStream
    loop: asyncio.AbstractEventLoop
    submitted_at: float = field(default_factory=time.monotonic)
    started_at: float | None = None
    first_token_at: float | None = None
    parts: list[str] = field(default_factory=list)
    prompt_tokens: int = 0
    answer_tokens: int = 0
    # The task streaming it, on its loop; cancelling it closes the upstream stream.
    task: concurrent.futures.Future | None = None
    cancelled: bool = False
    finished: bool = False

    @property
    def owner(self) -> str:
        return self.request.owner


class RemoteEngine:
    def __init__(self, config: RemoteConfig) -> None:
        self._config = config
        self._limits = config.limits
        self._lock = threading.Condition(threading.RLock())
        self._status = ModelStatus(state=ModelState.STARTING, model_name=config.model)
        self._health = ServerHealth(state=ModelState.STARTING)
        self._queue: FairQueue[_Job] = FairQueue()
        self._in_flight: set[_Job] = set()
        self._active_per_owner: Counter[str] = Counter()
        self._started = False
        self._stopping = False
        self._clients = ClientsPerLoop(config)
        self._poller = HealthPoller(config, self._on_poll)

    @property
    def status(self) -> ModelStatus:
        """The server's state as last polled, with the requests waiting here and on the server."""
        with self._lock:
            return dataclasses.replace(self._status, queue_length=self.queue_length)

    @property
    def queue_length(self) -> int:
        with self._lock:
            return len(self._queue) + self._health.waiting

    def start(self) -> None:
        """Starts polling the server; it is READY once it has answered."""
        with self._lock:
            if self._started:
                return
            self._started = True
            self._status = ModelStatus(state=ModelState.LOADING, model_name=self._config.model)
        self._poller.start()

    def wait_until_loaded(self, timeout: float | None = None) -> ModelStatus:
        """Blocks until the first poll has said whether the server answers (or timeout passes)."""
        with self._lock:
            self._lock.wait_for(lambda: self._status.state not in (ModelState.STARTING, ModelState.LOADING), timeout)
            return self._status

    def stop(self, timeout: float = 10.0) -> None:
        """Stops serving: answers streaming are cancelled, waiting ones fail. For shutdown and tests."""
        with self._lock:
            self._stopping = True
            waiting = self._queue.take_all()
            streaming = list(self._in_flight)
        for job in waiting:
            self._finish(job, FinishReason.ERROR, SHUT_DOWN)
        for job in streaming:
            self._cancel(job)
        self._poller.stop()
        self._clients.close_all()

    async def submit(
        self, request: GenerationRequest, *, on_position: PositionObserver | None = None
    ) -> GenerationStream:
        """Queues the request and returns its stream at once; on_position hears of every queue position change.

        Raises InvalidRequest or PromptTooLong for a request that can't be answered, EngineBusy
        when the queue is full, OwnerBusy when its owner has as many answers under way as allowed,
        EngineUnavailable when the server is known to be unreachable or to refuse us.
        """
        sampling = resolve_sampling(request, self._limits)
        with self._lock:
            # Refused before its images are encoded, then checked again, as the queue may have moved meanwhile.
            self._refuse_if_full(request.owner)
            context_tokens = self._health.max_model_len or self._limits.context_tokens
            continues_answers = self._health.continues_answers
        chat = await asyncio.to_thread(
            _prepare, request, context_tokens, sampling.max_new_tokens, continues_answers=continues_answers
        )
        loop = asyncio.get_running_loop()
        stream = GenerationStream(request.request_id, loop, cancel=lambda: self._cancel(job))
        job = _Job(request=request, sampling=sampling, chat=chat, stream=stream, loop=loop)
        if on_position is not None:
            stream.on_position(on_position)
        with self._lock:
            self._refuse_if_full(job.owner)
            self._active_per_owner[job.owner] += 1
            self._queue.add(job)
            self._dispatch()
            self._publish_positions()
        logger.debug("Request %s queued at position %d", job.request.request_id, stream.queue_position)
        return stream

    def _refuse_if_full(self, owner: str) -> None:
        if self._stopping:
            raise EngineUnavailable("the assistant is shutting down.")
        if self._status.state is ModelState.FAILED:
            raise EngineUnavailable(self._status.reason)
        waiting = len(self._queue)
        if waiting >= self._limits.max_queue:
            raise EngineBusy(waiting)
        limit = self._limits.max_active_per_owner
        if limit and self._active_per_owner[owner] >= limit:
            raise OwnerBusy(limit)

    def _on_poll(self, health: ServerHealth) -> None:
        with self._lock:
            self._health = health
            self._status = ModelStatus(state=health.state, model_name=self._config.model, reason=health.reason)
            self._lock.notify_all()

    def _mark_down(self, reason: str) -> None:
        """What an answer found out before the next poll: the server can't serve anyone now."""
        with self._lock:
            self._status = ModelStatus(state=ModelState.FAILED, model_name=self._config.model, reason=reason)

    # Fair turns: called under the lock.

    def _dispatch(self) -> None:
        while self._queue and len(self._in_flight) < self._limits.max_batch_size and not self._stopping:
            job = self._queue.pop(job.owner for job in self._in_flight)
            self._in_flight.add(job)
            job.started_at = time.monotonic()
            job.stream.set_position(0)
            answer = self._run(job)
            try:
                job.task = asyncio.run_coroutine_threadsafe(answer, job.loop)
            except RuntimeError:
                # Its caller's loop has closed: nobody is waiting for this answer any more.
                answer.close()
                self._finish(job, FinishReason.CANCELLED)
                continue
            # A task cancelled before it began never runs its body: this finishes its job then.
            job.task.add_done_callback(lambda _, job=job: self._finish(job, FinishReason.CANCELLED))

    def _publish_positions(self) -> None:
        for position, job in enumerate(self._queue.order(job.owner for job in self._in_flight), start=1):
            job.stream.set_position(position)

    def _cancel(self, job: _Job) -> None:
        with self._lock:
            if job.finished:
                return
            job.cancelled = True
            if self._queue.remove(job):
                self._finish(job, FinishReason.CANCELLED)
                return
            task = job.task
            if job.loop.is_closed():
                # Its loop, and the connection with it, are gone: there is nothing left to unwind.
                self._finish(job, FinishReason.CANCELLED)
                return
        if task is not None:
            # Cancels the task on its own loop; the upstream stream is closed as the task unwinds.
            task.cancel()

    def _finish(self, job: _Job, reason: FinishReason, error: str = "") -> None:
        with self._lock:
            if job.finished:
                return
            job.finished = True
            self._in_flight.discard(job)
            self._queue.remove(job)
            self._active_per_owner[job.owner] -= 1
            if self._active_per_owner[job.owner] <= 0:
                del self._active_per_owner[job.owner]
            result = _result(job, reason, error)
            job.stream.finish(result)
            self._dispatch()
            self._publish_positions()
        logger.info(
            "Request %s %s: %d prompt tokens, %d answer tokens, first token after %s s, %.1f tokens/s",
            job.request.request_id,
            reason.value,
            result.prompt_tokens,
            result.answer_tokens,
            "-" if result.time_to_first_token is None else f"{result.time_to_first_token:.3f}",
            result.tokens_per_second,
        )

    # One answer, on its caller's loop.

    async def _run(self, job: _Job) -> None:
        try:
            await self._answer(job)
        except asyncio.CancelledError:
            if not job.cancelled:
                raise
            self._finish(job, FinishReason.CANCELLED)
        except Exception:
            # A fault of this code, not of the server: the caller hears of it rather than waiting forever.
            logger.exception("Request %s failed inside the remote engine", job.request.request_id)
            reason = FinishReason.INTERRUPTED if job.first_token_at is not None else FinishReason.ERROR
            self._finish(job, reason, "Something went wrong while writing this answer. Try regenerating it.")

    async def _answer(self, job: _Job) -> None:
        client = self._clients.get()
        chat, retries = job.chat, 0
        while True:
            try:
                await self._attempt(client, job, chat)
                return
            except openai.OpenAIError as error:
                failure = classify(error, url=self._config.url, model=self._config.model)
                logger.warning("Request %s: the model server failed: %s", job.request.request_id, what_happened(error))
            if job.first_token_at is not None:
                self._finish(job, FinishReason.INTERRUPTED, STOPPED_MID_ANSWER)
                return
            if failure.context_exceeded and (shorter := chat.without_oldest_turn()) is not None:
                chat = shorter
                continue
            if failure.retryable and retries < len(self._config.retry_delays):
                await asyncio.sleep(self._config.retry_delays[retries])
                retries += 1
                continue
            if failure.server_down:
                self._mark_down(failure.message)
            self._finish(job, FinishReason.ERROR, failure.message)
            return

    def _deliver(self, job: _Job, text: str) -> bool:
        """Streams text, unless the answer has already been finished (cancelled) meanwhile: then False."""
        with self._lock:
            if job.finished:
                return False
            if job.first_token_at is None:
                job.first_token_at = time.monotonic()
            job.parts.append(text)
            job.stream.push_delta(text)
            return True

    async def _attempt(self, client: openai.AsyncOpenAI, job: _Job, chat: RemoteChat) -> None:
        response = await client.chat.completions.create(
            model=self._config.model,
            messages=chat.payload,
            stream=True,
            stream_options={"include_usage": True},
            **completion_options(job.sampling),
            **({"extra_body": CONTINUE_FINAL_MESSAGE} if chat.answer_start else {}),
        )
        finish_reason = None
        # transformers serve ends with its usage chunk and no `data: [DONE]`: the stream ends with the body.
        try:
            async for chunk in response:
                if chunk.usage is not None:
                    job.prompt_tokens = chunk.usage.prompt_tokens or 0
                    job.answer_tokens = chunk.usage.completion_tokens or 0
                if not chunk.choices:
                    continue
                choice = chunk.choices[0]
                if choice.delta is not None and choice.delta.content and not self._deliver(job, choice.delta.content):
                    return
                finish_reason = choice.finish_reason or finish_reason
        finally:
            # Closing the HTTP stream is what makes the server stop generating (vLLM aborts the request).
            await response.close()
        if finish_reason is not None:
            self._finish(job, FinishReason.LENGTH if finish_reason == "length" else FinishReason.STOP)
        elif job.first_token_at is not None:
            self._finish(job, FinishReason.INTERRUPTED, STOPPED_MID_ANSWER)
        else:
            self._finish(job, FinishReason.ERROR, f"The model server at {self._config.url} ended the answer unwritten.")


def _prepare(
    request: GenerationRequest, context_tokens: int, max_new_tokens: int, *, continues_answers: bool
) -> RemoteChat:
    if request.answer_start and not continues_answers:
        # The OpenAI protocol has no way to go on from the start of an answer; vLLM's extension does.
        raise InvalidRequest(
            "Continuing a cut-off answer needs the built-in model or a vLLM server; regenerate it instead."
        )
    try:
        return prepare_chat(
            request.turns,
            context_tokens=context_tokens,
            max_new_tokens=max_new_tokens,
            system_prompt=system_prompt_for(request.instructions),
            answer_start=request.answer_start,
        )
    except EngineError:
        raise
    except Exception as exc:
        raise InvalidRequest(f"The message could not be prepared for the model: {exc}") from exc


def _result(job: _Job, reason: FinishReason, error: str) -> GenerationResult:
    now = time.monotonic()
    streaming_for = now - job.started_at if job.started_at is not None else 0.0
    return GenerationResult(
        text="".join(job.parts),
        prompt_tokens=job.prompt_tokens,
        answer_tokens=job.answer_tokens,
        time_to_first_token=None if job.first_token_at is None else job.first_token_at - job.submitted_at,
        tokens_per_second=job.answer_tokens / streaming_for if streaming_for > 0 else 0.0,
        finish_reason=reason,
        error=error,
    )
