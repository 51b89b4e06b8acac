"""Helpers for tests that drive the real channel layer, worker and WebSocket consumer."""

import asyncio
import contextlib
from unittest import mock

from channels.db import database_sync_to_async
from channels.layers import get_channel_layer
from channels.testing import WebsocketCommunicator
from django.test import Client

from chat import services
from chat.generation import protocol
from chat.generation.startup import inference_worker
from healthassistant.routing import websocket_application


@contextlib.asynccontextmanager
async def running_worker():
    """The inference worker, as `manage.py inference_worker` runs it, for the duration of the block."""
    worker = inference_worker()
    task = asyncio.get_running_loop().create_task(worker.arun())
    try:
        yield worker
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


async def listen_to_answer(message_id: int) -> tuple[str, list[dict]]:
    layer = get_channel_layer()
    channel = await layer.new_channel()
    await layer.group_add(protocol.answer_group(message_id), channel)
    return channel, []


async def ask_and_listen(session, content: str = "Is an LDL of 160 high?", uploads=()):
    """Ask through the real service, but start the job only once we listen, so no delta goes unseen."""
    held: list[int] = []
    with mock.patch.object(protocol, "job_start_generation", lambda *, message_id: held.append(message_id)):
        question, answer = await database_sync_to_async(services.message_send)(
            session=session, content=content, uploads=uploads
        )
    assert held == [answer.pk]
    channel, events = await listen_to_answer(answer.pk)
    await get_channel_layer().send(protocol.INFERENCE_CHANNEL, {"type": "generation.start", "message_id": answer.pk})
    return question, answer, channel, events


async def collect_until_done(channel: str, events: list[dict], timeout: float = 60) -> list[dict]:
    layer = get_channel_layer()
    async with asyncio.timeout(timeout):
        while True:
            event = await layer.receive(channel)
            events.append(event)
            if event["type"] == "answer.done":
                return events


@database_sync_to_async
def session_cookie_for(user) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


async def connect_socket(user, session_id) -> tuple[WebsocketCommunicator, bool, int | None]:
    """A chat page's socket, signed in as user (None: signed out)."""
    return await connect_path(user, f"/ws/chat/{session_id}/")


async def connect_path(user, path: str) -> tuple[WebsocketCommunicator, bool, int | None]:
    headers = [(b"origin", b"http://localhost"), (b"host", b"localhost")]
    if user is not None:
        headers.append((b"cookie", f"sessionid={await session_cookie_for(user)}".encode()))
    communicator = WebsocketCommunicator(websocket_application, path, headers=headers)
    connected, code = await communicator.connect()
    return communicator, connected, code
