"""The caller's side of one request: text deltas, queue position and the result, on its event loop.

The model thread hands over deltas through a deque and never waits for the loop. It wakes
the consumer for the first delta at once, then at most every DELIVERY_INTERVAL: waking a
task for each token of each row of a batch would cost the model thread more time (in the
interpreter lock) than the decode step itself on a small model. A consumer gets the deltas
that arrived meanwhile joined together.
"""

import asyncio
import contextlib
import inspect
import threading
import time
from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable

from chat.inference.types import GenerationResult

# Fast enough to look instant; web clients group deltas further (every few tens of milliseconds).
DELIVERY_INTERVAL = 0.02

# Called with the new position; it may be a coroutine function, which then runs as a task on the stream's loop.
PositionObserver = Callable[[int], Awaitable[None] | None]


class GenerationStream(AsyncIterator[str]):
    """`async for delta in stream`, then `await stream.result()`; `stream.cancel()` stops it."""

    def __init__(self, request_id: str, loop: asyncio.AbstractEventLoop, cancel: Callable[[], None]) -> None:
        self.request_id = request_id
        self._loop = loop
        self._cancel = cancel
        self._deltas: deque[str] = deque()
        self._result: GenerationResult | None = None
        self._position = 0
        self._observers: list[PositionObserver] = []
        self._observer_tasks: set[asyncio.Task] = set()
        self._arrived = asyncio.Event()
        self._finished = asyncio.Event()
        self._wake_lock = threading.Lock()
        self._wake_pending = False
        self._last_wake = 0.0

    @property
    def queue_position(self) -> int:
        """1 for the next request to run, 2 behind it, and so on; 0 once it runs or has finished."""
        return self._position

    def on_position(self, observer: PositionObserver) -> None:
        """Calls observer(position) on the stream's event loop each time the position changes."""
        self._observers.append(observer)

    def cancel(self) -> None:
        """Stops the request: removed from the queue, or stopped within one decode step. Idempotent."""
        self._cancel()

    def __aiter__(self) -> "GenerationStream":
        return self

    async def __anext__(self) -> str:
        while True:
            if self._deltas:
                return "".join(self._take_deltas())
            if self._finished.is_set():
                raise StopAsyncIteration
            self._arrived.clear()
            if self._deltas or self._finished.is_set():
                continue
            await self._arrived.wait()

    async def result(self) -> GenerationResult:
        await self._finished.wait()
        assert self._result is not None
        return self._result

    # The rest is called by the engine, from any thread.

    def push_delta(self, text: str) -> None:
        self._deltas.append(text)
        # Deltas held back here go out with a later one, or at the latest with the result.
        if time.monotonic() - self._last_wake >= DELIVERY_INTERVAL:
            self._wake()

    def set_position(self, position: int) -> None:
        if position == self._position:
            return
        self._position = position
        if self._observers:
            self._call_in_loop(self._notify_position, position)

    def finish(self, result: GenerationResult) -> None:
        self.set_position(0)
        self._result = result
        self._wake()

    def _take_deltas(self) -> list[str]:
        taken = []
        while self._deltas:
            taken.append(self._deltas.popleft())
        return taken

    def _wake(self) -> None:
        with self._wake_lock:
            if self._wake_pending:
                return
            self._wake_pending = True
            self._last_wake = time.monotonic()
        self._call_in_loop(self._on_wake)

    def _on_wake(self) -> None:
        with self._wake_lock:
            self._wake_pending = False
        self._arrived.set()
        if self._result is not None:
            self._finished.set()

    def _notify_position(self, position: int) -> None:
        for observer in self._observers:
            outcome = observer(position)
            if inspect.isawaitable(outcome):
                task = asyncio.ensure_future(outcome)
                # Held until done: the loop keeps only weak references to tasks.
                self._observer_tasks.add(task)
                task.add_done_callback(self._observer_tasks.discard)

    def _call_in_loop(self, callback: Callable, *args: object) -> None:
        # A closed loop raises RuntimeError: its caller has gone, and nobody is listening any more.
        with contextlib.suppress(RuntimeError):
            self._loop.call_soon_threadsafe(callback, *args)
