"""The pages' WebSockets: the chat page's relays answers being generated to the browser.

Writes (send, stop, regenerate, edit) are plain HTTP requests to the chat views; this socket only
watches. A client watches an answer with the last sequence number it has; it gets a snapshot of
the text so far (from the database, then fresher from the worker) and every newer delta, so a
reload, a second tab or a dropped connection loses nothing and doubles nothing. Both sockets tell
the page of changes made in the person's other tabs (chat.live_tabs); the other pages (a new chat)
hold TabsConsumer's, which does only that.
"""

import asyncio
import json

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.http import Http404

from chat.answer_watch import answer_watch_begin
from chat.generation import protocol
from chat.models import Message
from chat.selectors import session_get_for_user
from chat.socket_sessions import session_belongs_to, user_group

CLOSE_UNAUTHENTICATED = 4401
CLOSE_NOT_FOUND = 4404
# Message ids are positive 64-bit integers; anything else is not one.
_MAX_ID = 2**63 - 1
# A password change saves the user a moment before it updates the changing browser's own session.
_PASSWORD_CHANGE_GRACE_SECONDS = 1.0
_USAGE = 'Send {"type": "watch", "message_id": <an answer\'s id>}.'


class PersonSocket(AsyncJsonWebsocketConsumer):
    """A signed-in person's socket: it hears of their other tabs' changes, and closes when their login ends."""

    async def connect(self) -> None:
        self.user = self.scope["user"]
        if not self.user.is_authenticated:
            await self.close(code=CLOSE_UNAUTHENTICATED)
            return
        if await self.refused():
            return
        await self.channel_layer.group_add(user_group(self.user.pk), self.channel_name)
        await self.accept()

    async def refused(self) -> bool:
        """Whether this socket was refused (and closed) for what its URL names."""
        return False

    async def disconnect(self, code: int) -> None:
        if getattr(self.user, "is_authenticated", False):
            await self.channel_layer.group_discard(user_group(self.user.pk), self.channel_name)

    async def sessions_recheck(self, event: dict) -> None:
        """The user logged out, changed their password, or was deactivated or deleted somewhere."""
        session_key = self.scope["session"].session_key
        if event.get("ended_session") != session_key:
            if await self._session_valid():
                return
            await asyncio.sleep(_PASSWORD_CHANGE_GRACE_SECONDS)
            if await self._session_valid():
                return
        await self.close(code=CLOSE_UNAUTHENTICATED)

    async def tabs_change(self, event: dict) -> None:
        """Another tab of this person changed a chat (chat.live_tabs): its kind and ids, never its content."""
        await self.send_json(
            {"type": "change", "kind": event["kind"], "session_id": event["session_id"], "origin": event["origin"]}
        )

    async def _session_valid(self) -> bool:
        return await database_sync_to_async(session_belongs_to)(
            session_key=self.scope["session"].session_key, user_id=self.user.pk
        )


class TabsConsumer(PersonSocket):
    """The socket of pages without a chat on screen (a new chat): changes in the person's other tabs only."""

    async def receive(self, text_data=None, bytes_data=None, **kwargs) -> None:
        await self.send_json({"type": "error", "error": "This socket only tells of changes made in other tabs."})


class ChatConsumer(PersonSocket):
    async def refused(self) -> bool:
        self.watched: set[int] = set()
        try:
            self.session = await database_sync_to_async(session_get_for_user)(
                user=self.user, session_id=self.scope["url_route"]["kwargs"]["session_id"]
            )
        except Http404:
            await self.close(code=CLOSE_NOT_FOUND)
            return True
        return False

    async def disconnect(self, code: int) -> None:
        await super().disconnect(code)
        for message_id in getattr(self, "watched", ()):
            await self.channel_layer.group_discard(protocol.answer_group(message_id), self.channel_name)

    async def receive(self, text_data=None, bytes_data=None, **kwargs) -> None:
        """Frames are JSON objects; anything else gets an error frame, never a traceback and a 1011."""
        try:
            content = json.loads(text_data if text_data is not None else bytes_data)
        except (TypeError, ValueError, UnicodeDecodeError, RecursionError):
            await self.send_json({"type": "error", "error": f"Frames must be JSON. {_USAGE}"})
            return
        await self.receive_json(content)

    async def receive_json(self, content, **kwargs) -> None:
        if not isinstance(content, dict) or content.get("type") != "watch":
            await self.send_json({"type": "error", "error": f"Unknown request. {_USAGE}"})
            return
        message_id = content.get("message_id")
        if type(message_id) is not int or not 0 < message_id <= _MAX_ID:
            await self.send_json({"type": "error", "error": f"message_id must be an answer's id. {_USAGE}"})
            return
        if not await self._session_valid():
            await self.close(code=CLOSE_UNAUTHENTICATED)
            return
        await self._watch(message_id)

    async def _watch(self, message_id: int) -> None:
        try:
            message = await answer_watch_begin(
                user=self.user, message_id=message_id, session_id=self.session.pk, channel=self.channel_name
            )
        except Http404:
            await self.send_json({"type": "error", "message_id": message_id, "error": "No such message."})
            return
        self.watched.add(message.pk)
        if message.status != Message.Status.STREAMING:
            await self._send_done(message.pk, message.stream_seq, message.status)
            return
        await self.send_json(
            {"type": "snapshot", "message_id": message.pk, "seq": message.stream_seq, "text": message.content}
        )

    async def answer_snapshot(self, event: dict) -> None:
        await self.send_json(
            {
                "type": "snapshot",
                "message_id": event["message_id"],
                "seq": event["seq"],
                "text": event["text"],
                "queue_position": event.get("queue_position"),
            }
        )

    async def answer_delta(self, event: dict) -> None:
        await self.send_json(
            {"type": "delta", "message_id": event["message_id"], "seq": event["seq"], "text": event["text"]}
        )

    async def answer_sources(self, event: dict) -> None:
        """Nothing to send: the page shows an answer's sources with the finished answer, rendered by the server."""

    async def answer_queued(self, event: dict) -> None:
        await self.send_json({"type": "queued", "message_id": event["message_id"], "position": event["position"]})

    async def answer_done(self, event: dict) -> None:
        await self._send_done(event["message_id"], event["seq"], event["status"])

    async def _send_done(self, message_id: int, seq: int, status: str) -> None:
        if message_id in self.watched:
            self.watched.discard(message_id)
            await self.channel_layer.group_discard(protocol.answer_group(message_id), self.channel_name)
        await self.send_json({"type": "done", "message_id": message_id, "seq": seq, "status": status})
