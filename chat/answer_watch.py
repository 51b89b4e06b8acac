"""The resume rule every watcher of an answer follows: the chat's WebSocket, the API's stream and its wait.

Ownership is checked first, so nobody joins the group of an answer that isn't theirs. Then
the watcher joins the answer's group and only then reads the answer again: an answer that
finishes in between is still seen as finished, and one still streaming misses no delta. The
database is up to a second behind a streaming answer, so the worker is asked for the text so
far; its snapshot reaches the watcher's channel like any other event.
"""

from collections.abc import Callable

from channels.db import database_sync_to_async
from channels.layers import get_channel_layer
from django.http import Http404

from accounts.models import User
from chat.generation import protocol
from chat.models import Message
from chat.selectors import message_get_for_user


async def answer_watch_begin(
    *,
    user: User,
    message_id: int | str,
    channel: str,
    session_id=None,
    want_snapshot: bool = True,
    in_thread: Callable = database_sync_to_async,
) -> Message:
    """The user's answer as it stands once `channel` is in its group; Http404 for anyone else's.

    in_thread runs the database reads: Channels' database_sync_to_async for consumers, plain
    sync_to_async in Django views, whose connection (and a test's transaction) must stay open.
    """
    message = await in_thread(message_get_for_user)(user=user, message_id=message_id, session_id=session_id)
    await get_channel_layer().group_add(protocol.answer_group(message.pk), channel)
    try:
        await in_thread(message.refresh_from_db)()
    except Message.DoesNotExist:
        await get_channel_layer().group_discard(protocol.answer_group(message.pk), channel)
        raise Http404("No such message: its chat was deleted.") from None
    if message.is_streaming and want_snapshot:
        await protocol.ajob_request_snapshot(message_id=message.pk, reply_channel=channel)
    return message
