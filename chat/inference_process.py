"""Starting inference in the process that runs it: the web process by default, or `runworker inference`.

At start-up the engine begins loading the model in its own thread, answers left streaming by a
dead process are marked interrupted, and a heartbeat thread publishes the model's status for the
web pages (chat.model_status). In the default mode the Channels worker also runs inside daphne's
event loop, started with the first ASGI connection, the first moment a loop is running.
"""

import asyncio
import logging
import sys
import threading
import time
from datetime import timedelta

from channels.layers import get_channel_layer
from channels.routing import ChannelNameRouter
from channels.worker import Worker
from django.conf import settings
from django.db import close_old_connections

from chat import jobs
from chat.model_status import model_status_publish
from chat.runtime import get_engine
from chat.services import answers_mark_interrupted
from chat.worker import InferenceWorkerConsumer

logger = logging.getLogger(__name__)

HEARTBEAT_SECONDS = 5
# A live answer is saved about once a second; one silent for this long has lost its worker.
STALE_ANSWER_AFTER = timedelta(seconds=30)

inference_application = ChannelNameRouter({jobs.INFERENCE_CHANNEL: InferenceWorkerConsumer.as_asgi()})


def runs_inference_here(argv: list[str] | None = None) -> bool:
    """True in the web process of the default mode, and in `manage.py runworker inference`."""
    argv = sys.argv if argv is None else argv
    is_inference_worker = "runworker" in argv and jobs.INFERENCE_CHANNEL in argv
    return settings.INFERENCE_IN_PROCESS or is_inference_worker


def start_inference() -> None:
    get_engine()
    # In the default mode this process is the only one that generates, so nothing can be streaming.
    idle_for = timedelta(0) if settings.INFERENCE_IN_PROCESS else STALE_ANSWER_AFTER
    interrupted = answers_mark_interrupted(idle_for=idle_for)
    if interrupted:
        logger.info("marked %s unfinished answer(s) interrupted", interrupted)
    threading.Thread(target=_heartbeat, name="inference-heartbeat", daemon=True).start()


def _heartbeat() -> None:
    while True:
        try:
            _publish_status()
            if not settings.INFERENCE_IN_PROCESS:
                answers_mark_interrupted(idle_for=STALE_ANSWER_AFTER)
        except Exception:
            logger.exception("inference heartbeat failed")
        finally:
            close_old_connections()
        time.sleep(HEARTBEAT_SECONDS)


def _publish_status() -> None:
    engine = get_engine()
    status = engine.status
    model_status_publish(
        state=status.state.value, model_name=status.model_name, reason=status.reason, queue_length=engine.queue_length
    )


class InProcessWorkerStarter:
    """ASGI middleware that starts the inference worker in this event loop on the first connection."""

    def __init__(self, app):
        self.app = app
        self._worker_task: asyncio.Task | None = None

    async def __call__(self, scope, receive, send):
        if self._worker_task is None:
            worker = Worker(
                application=inference_application,
                channels=[jobs.INFERENCE_CHANNEL],
                channel_layer=get_channel_layer(),
            )
            self._worker_task = asyncio.get_running_loop().create_task(worker.arun())
        return await self.app(scope, receive, send)
