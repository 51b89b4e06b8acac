"""Starting inference in the process that runs it, by an explicit call from one of two places.

- The default mode (INFERENCE_IN_PROCESS, no REDIS_URL): healthassistant/asgi.py starts it in the
  web process, and the Channels worker runs inside daphne's event loop, started with the first
  ASGI connection (the first moment a loop is running). It can't be a process of its own: the
  in-memory channel layer lives in one process, so a separate worker would never hear a job.
- The scaled mode: `manage.py inference_worker` starts it and serves the channel on its own.

At start-up the engine begins loading the model in its own thread, answers left streaming by a
dead process are marked interrupted, and a heartbeat thread publishes the model's status for the
web pages (chat.generation.model_status).
"""

import asyncio
import logging
import threading
import time
from datetime import timedelta

from channels.layers import get_channel_layer
from channels.routing import ChannelNameRouter
from channels.worker import Worker
from django.conf import settings
from django.db import close_old_connections

from chat.generation import protocol
from chat.generation.model_status import model_status_publish
from chat.generation.process_engine import get_engine
from chat.generation.worker import InferenceWorkerConsumer
from chat.inference.types import ModelState
from chat.openai_compat.catalogue import served_model_id
from chat.openai_compat.conversations import api_unkept_chats_delete
from chat.services import answers_mark_interrupted

logger = logging.getLogger(__name__)

HEARTBEAT_SECONDS = 5
# A chat kept for no history (chat.openai_compat) lives while its request does: one this old lost its process.
UNKEPT_CHAT_AFTER = timedelta(hours=1)
UNKEPT_SWEEP_EVERY_BEATS = 60
# A live answer is saved about once a second; one silent for this long has lost its worker.
STALE_ANSWER_AFTER = timedelta(seconds=30)

inference_application = ChannelNameRouter({protocol.INFERENCE_CHANNEL: InferenceWorkerConsumer.as_asgi()})


def serve_inference_here_if_in_process(application):
    """The web process's ASGI application: in the default mode, with inference started and its worker in tow."""
    if not settings.INFERENCE_IN_PROCESS:
        return application
    start_inference()
    return InProcessWorkerStarter(application)


def inference_worker() -> Worker:
    """The Channels worker that serves the inference channel in this process."""
    return Worker(
        application=inference_application, channels=[protocol.INFERENCE_CHANNEL], channel_layer=get_channel_layer()
    )


def start_inference() -> None:
    # The web pages say "starting" at once, not "no worker", until the engine's own status is published.
    model_status_publish(state=ModelState.STARTING, model_name=served_model_id())
    get_engine()
    # In the default mode this process is the only one that generates, so nothing can be streaming.
    idle_for = timedelta(0) if settings.INFERENCE_IN_PROCESS else STALE_ANSWER_AFTER
    interrupted = answers_mark_interrupted(idle_for=idle_for)
    if interrupted:
        logger.info("marked %s unfinished answer(s) interrupted", interrupted)
    _sweep_unkept_chats()
    threading.Thread(target=_heartbeat, name="inference-heartbeat", daemon=True).start()


def _heartbeat() -> None:
    beats = 0
    while True:
        beats += 1
        try:
            _publish_status()
            if not settings.INFERENCE_IN_PROCESS:
                answers_mark_interrupted(idle_for=STALE_ANSWER_AFTER)
            if beats % UNKEPT_SWEEP_EVERY_BEATS == 0:
                _sweep_unkept_chats()
        except Exception:
            logger.exception("inference heartbeat failed")
        finally:
            close_old_connections()
        time.sleep(HEARTBEAT_SECONDS)


def _sweep_unkept_chats() -> None:
    deleted = api_unkept_chats_delete(idle_for=UNKEPT_CHAT_AFTER)
    if deleted:
        logger.info("deleted %s chat(s) left behind by keys that keep no history", deleted)


def _publish_status() -> None:
    status = get_engine().status
    model_status_publish(
        state=status.state, model_name=status.model_name, reason=status.reason, queue_length=status.queue_length
    )


class InProcessWorkerStarter:
    """ASGI middleware that starts the inference worker in this event loop on the first connection."""

    def __init__(self, app):
        self.app = app
        self._worker_task: asyncio.Task | None = None

    async def __call__(self, scope, receive, send):
        if self._worker_task is None:
            self._worker_task = asyncio.get_running_loop().create_task(inference_worker().arun())
        return await self.app(scope, receive, send)
