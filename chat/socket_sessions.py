"""An open WebSocket lives only as long as the login it was opened with.

A socket is authenticated once, at connect, by its session cookie. So that a logout, a
password change, a deactivation or a deletion also ends sockets already open, each socket
joins its user's group, these events ask the group to re-check, and every socket checks its
own session again (as every `watch` does): the socket of another still-valid login stays.
"""

from importlib import import_module
from types import SimpleNamespace

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.conf import settings
from django.contrib import auth
from django.db import transaction

RECHECK = "sessions.recheck"


def user_group(user_id: int) -> str:
    return f"user-{user_id}.sockets"


def session_belongs_to(*, session_key: str | None, user_id: int) -> bool:
    """Whether this session still logs this user in: not logged out, same password, still active."""
    if not session_key:
        return False
    store = import_module(settings.SESSION_ENGINE).SessionStore(session_key=session_key)
    user = auth.get_user(SimpleNamespace(session=store))
    return user.is_authenticated and user.pk == user_id


def ask_sockets_to_recheck(*, user_id: int, ended_session: str | None = None) -> None:
    """Once the change commits, the user's sockets re-check their sessions; `ended_session`'s close at once."""

    def send() -> None:
        event = {"type": RECHECK, "ended_session": ended_session}
        async_to_sync(get_channel_layer().group_send)(user_group(user_id), event)

    transaction.on_commit(send, robust=True)
