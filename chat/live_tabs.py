"""A change made in one tab shows in the person's other open tabs, over the chat WebSocket they hold.

The services announce each change once it commits, to the group every socket of the person joins
on connect (chat.socket_sessions.user_group), so nobody else's socket ever hears it. An event
carries a kind and the chat's id, never any of its content: the receiving tab fetches what it
shows through the ordinary owner-checked pages (static/js/live-tabs.js). It also names the tab
the change came from (its X-Tab-Id header, if any), so that that tab does not apply it twice.
"""

import re
from contextvars import ContextVar
from uuid import UUID

from asgiref.sync import async_to_sync, iscoroutinefunction, markcoroutinefunction
from channels.layers import get_channel_layer
from django.db import transaction

from chat.socket_sessions import user_group

EVENT = "tabs.change"
# The chat's messages changed (a question, an edit, a version switched, a regeneration).
MESSAGES = "messages"
# The chat was renamed, pinned, unpinned, archived or unarchived.
CHAT = "chat"
DELETED = "deleted"

_TAB_ID = re.compile(r"[A-Za-z0-9-]{1,64}")
_origin: ContextVar[str] = ContextVar("live_tabs_origin", default="")


def tabs_announce(*, user_id: int, session_id: UUID, kind: str) -> None:
    """Once the change commits, the person's open chat sockets hear of it (ids and a kind only)."""
    event = {"type": EVENT, "kind": kind, "session_id": str(session_id), "origin": _origin.get()}

    def send() -> None:
        async_to_sync(get_channel_layer().group_send)(user_group(user_id), event)

    transaction.on_commit(send, robust=True)


class TabOriginMiddleware:
    """Remembers, for the request's duration, which tab a change comes from (the page's X-Tab-Id header)."""

    sync_capable = True
    async_capable = True

    def __init__(self, get_response):
        self.get_response = get_response
        if iscoroutinefunction(get_response):
            markcoroutinefunction(self)

    def __call__(self, request):
        if iscoroutinefunction(self):
            return self._acall(request)
        token = _origin.set(_tab_id(request))
        try:
            return self.get_response(request)
        finally:
            _origin.reset(token)

    async def _acall(self, request):
        token = _origin.set(_tab_id(request))
        try:
            return await self.get_response(request)
        finally:
            _origin.reset(token)


def _tab_id(request) -> str:
    value = request.headers.get("X-Tab-Id", "")
    return value if _TAB_ID.fullmatch(value) else ""
