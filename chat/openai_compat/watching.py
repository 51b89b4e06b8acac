"""An answer as the OpenAI endpoint needs it: its text, piece by piece in order, then the finished message.

It follows the resume rule of every watcher (chat.answer_watch, through chat.api.sse.AnswerWatch):
the watch joins the answer's group before reading the message, and asks the worker for the text
so far. Deltas carry sequence numbers; one that comes after a gap waits for the snapshot that
fills it. A snapshot only ever extends what was already given, so a piece is never taken back.
"""

from collections.abc import AsyncIterator
from dataclasses import dataclass

from asgiref.sync import sync_to_async

from chat.api.sse import KEEPALIVE_SECONDS, AnswerWatch
from chat.models import Message


class AnswerDeleted(Exception):
    """The answer went with its chat (deleted in another tab, or the account) while it was watched."""


@dataclass(frozen=True)
class Text:
    text: str


@dataclass(frozen=True)
class KeepAlive:
    """Nothing new for a while (the answer waits its turn): a chance to keep a quiet connection open."""


@dataclass(frozen=True)
class Finished:
    message: Message


class _Progress:
    def __init__(self) -> None:
        self.seq = 0
        self.given = ""

    def extend_to(self, *, seq: int, text: str) -> str:
        """The part of `text` (the answer up to `seq`) not given yet, or "" if it is not newer."""
        if seq < self.seq or not text.startswith(self.given) or len(text) == len(self.given):
            self.seq = max(seq, self.seq)
            return ""
        piece, self.seq, self.given = text[len(self.given) :], seq, text
        return piece


async def answer_pieces(watch: AnswerWatch, message: Message) -> AsyncIterator[Text | KeepAlive | Finished]:
    """From the message read once the watch began, until it is finished; AnswerDeleted if it goes."""
    progress = _Progress()
    if piece := progress.extend_to(seq=message.stream_seq, text=message.content):
        yield Text(piece)
    ahead: dict[int, str] = {}
    while message.is_streaming:
        event = await watch.receive(KEEPALIVE_SECONDS)
        kind = event["type"] if event else None
        if kind is None or kind == "answer.done":
            message = await _reloaded(message)
            if kind is None:
                yield KeepAlive()
        elif kind == "answer.delta" and event["seq"] > progress.seq:
            ahead[event["seq"]] = event["text"]
        elif kind == "answer.snapshot" and (piece := progress.extend_to(seq=event["seq"], text=event["text"])):
            yield Text(piece)
        while progress.seq + 1 in ahead:
            seq = progress.seq + 1
            if piece := progress.extend_to(seq=seq, text=progress.given + ahead.pop(seq)):
                yield Text(piece)
        for stale in [seq for seq in ahead if seq <= progress.seq]:
            del ahead[stale]
    # The saved answer is the whole of it: whatever the deltas did not bring comes now.
    if piece := progress.extend_to(seq=message.stream_seq, text=message.content):
        yield Text(piece)
    yield Finished(message)


@sync_to_async
def _reloaded(message: Message) -> Message:
    try:
        message.refresh_from_db()
    except Message.DoesNotExist:
        raise AnswerDeleted() from None
    return message
