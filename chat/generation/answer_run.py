"""One answer being generated: from the engine's stream to the browsers watching it and the database.

Deltas are grouped every few tens of milliseconds and numbered, so a client that reconnects can
ask for a snapshot (the text up to some sequence number) and then apply only newer deltas.
The partial answer is saved about once a second, the final one at the end.
"""

import logging
import time

from channels.db import database_sync_to_async
from channels.layers import BaseChannelLayer

from chat import services
from chat.generation import protocol
from chat.generation.conversation import PreparedAnswer, answer_prepare
from chat.inference.engine import Engine
from chat.inference.errors import EngineError
from chat.inference.types import FinishReason, GenerationResult
from chat.models import Message

logger = logging.getLogger(__name__)

FLUSH_INTERVAL = 0.04
SAVE_INTERVAL = 1.0

_STATUS_FOR_FINISH = {
    FinishReason.STOP: Message.Status.DONE,
    FinishReason.LENGTH: Message.Status.DONE,
    FinishReason.CANCELLED: Message.Status.CANCELLED,
    FinishReason.ERROR: Message.Status.FAILED,
    FinishReason.INTERRUPTED: Message.Status.INTERRUPTED,
}
_ERROR_CODE_FOR_FINISH = {FinishReason.ERROR: "answer_failed", FinishReason.INTERRUPTED: "interrupted"}


class AnswerRun:
    def __init__(self, *, message_id: int, engine: Engine, channel_layer: BaseChannelLayer):
        self.message_id = message_id
        self.engine = engine
        self.layer = channel_layer
        self.text = ""
        self.seq = 0
        self.queue_position: int | None = None
        self._pending = ""
        self._last_flush = 0.0
        self._last_save = 0.0
        self._stream = None
        self._cancel_requested = False
        # A continued answer (services.message_continue) starts from the text and tokens it already has.
        self._start_length = 0
        self._start_tokens = 0
        self._started = time.monotonic()

    def cancel(self) -> None:
        self._cancel_requested = True
        if self._stream is not None:
            self._stream.cancel()

    def snapshot(self) -> dict:
        return {
            "type": "answer.snapshot",
            "message_id": self.message_id,
            "seq": self.seq,
            "text": self.text,
            "queue_position": self.queue_position,
        }

    async def run(self) -> None:
        try:
            await self._run()
        except Exception:
            # Never leave an answer streaming forever: the user sees a failure and can regenerate.
            logger.exception("answer %s: generation failed", self.message_id)
            await self._finish(
                status=Message.Status.FAILED,
                error="Something went wrong while writing this answer. Try regenerating it.",
                error_code="answer_failed",
            )

    async def _run(self) -> None:
        try:
            # First what the answer already holds, so that nothing can save it emptier than it was.
            self.text, self.seq, self._start_tokens = await _answer_so_far(self.message_id)
            self._start_length = len(self.text)
            prepared = await _prepare(self.message_id)
        except Message.DoesNotExist:
            logger.info("answer %s: message deleted before generation started", self.message_id)
            return
        request = prepared.request
        # Watchers hear of the sources before the first delta (the API's SSE sends them first).
        await self.layer.group_send(
            protocol.answer_group(self.message_id), {"type": "answer.sources", "message_id": self.message_id}
        )
        if self._cancel_requested:
            await self._finish(status=Message.Status.CANCELLED)
            return
        try:
            self._stream = await self.engine.submit(request)
        except EngineError as exc:
            logger.info("answer %s: refused by the engine (%s)", self.message_id, type(exc).__name__)
            await self._finish(status=Message.Status.FAILED, error=str(exc), error_code=exc.code)
            return
        if self._cancel_requested:
            self._stream.cancel()
        self._stream.on_position(self._position_changed)
        await self._position_changed(self._stream.queue_position)
        async for delta in self._stream:
            self._pending += delta
            if time.monotonic() - self._last_flush >= FLUSH_INTERVAL:
                await self._flush()
        await self._flush()
        result = await self._stream.result()
        await self._finish(
            status=_STATUS_FOR_FINISH[result.finish_reason],
            error=result.error,
            error_code=_ERROR_CODE_FOR_FINISH.get(result.finish_reason, ""),
            result=result,
        )

    async def _position_changed(self, position: int | None) -> None:
        if position == self.queue_position:
            return
        self.queue_position = position
        await self.layer.group_send(
            protocol.answer_group(self.message_id),
            {"type": "answer.queued", "message_id": self.message_id, "position": position},
        )

    async def _flush(self) -> None:
        now = time.monotonic()
        self._last_flush = now
        if not self._pending:
            return
        chunk, self._pending = self._pending, ""
        self.text += chunk
        self.seq += 1
        await self.layer.group_send(
            protocol.answer_group(self.message_id),
            {"type": "answer.delta", "message_id": self.message_id, "seq": self.seq, "text": chunk},
        )
        if now - self._last_save >= SAVE_INTERVAL:
            self._last_save = now
            await database_sync_to_async(services.answer_save_partial)(
                message_id=self.message_id, content=self.text, seq=self.seq
            )

    async def _finish(
        self, *, status: str, error: str = "", error_code: str = "", result: GenerationResult | None = None
    ) -> None:
        written = self.text[self._start_length :]
        if result is not None and len(result.text) > len(written) and result.text.startswith(written):
            # The engine's final text is authoritative: a streamer may hold back an unfinished character.
            self._pending = result.text[len(written) :]
            await self._flush()
        saved = await database_sync_to_async(services.answer_finish)(
            message_id=self.message_id,
            content=self.text,
            seq=self.seq,
            status=status,
            error=error,
            error_code=error_code,
            finish_reason=result.finish_reason.value if result else "",
            prompt_tokens=result.prompt_tokens if result else None,
            answer_tokens=self._start_tokens + result.answer_tokens if result else None,
            model_name=self.engine.status.model_name,
            time_to_first_token=result.time_to_first_token if result else None,
            duration=time.monotonic() - self._started,
            tokens_per_second=result.tokens_per_second if result else None,
        )
        logger.info(
            "answer %s: %s, %s tokens in %.2fs",
            self.message_id,
            status,
            result.answer_tokens if result else 0,
            time.monotonic() - self._started,
        )
        if saved:
            await self.layer.group_send(
                protocol.answer_group(self.message_id),
                {"type": "answer.done", "message_id": self.message_id, "seq": self.seq, "status": status},
            )


@database_sync_to_async
def _answer_so_far(message_id: int) -> tuple[str, int, int]:
    """The text, sequence number and token count of an answer about to be written: none, or a continued one's."""
    answer = Message.objects.only("content", "stream_seq", "answer_tokens").get(
        pk=message_id, role=Message.Role.ASSISTANT, status=Message.Status.STREAMING
    )
    return answer.content, answer.stream_seq, answer.answer_tokens or 0


@database_sync_to_async
def _prepare(message_id: int) -> PreparedAnswer:
    """The engine's request, with the passages retrieved for it saved as the answer's sources."""
    answer = Message.objects.select_related("session").get(
        pk=message_id, role=Message.Role.ASSISTANT, status=Message.Status.STREAMING
    )
    prepared = answer_prepare(answer=answer)
    if not services.answer_sources_save(message_id=message_id, records=prepared.records):
        raise Message.DoesNotExist
    return prepared
