"""The inference worker: a Channels consumer on the "inference" channel.

It runs inside the web process by default (chat.generation.startup) or on its own with
`manage.py inference_worker`. Handlers return at once; each answer runs as its own task,
so one worker serves many answers, batched together by the engine.
"""

import asyncio
import logging

from channels.consumer import AsyncConsumer

from chat.appointment.draft import draft_with_engine
from chat.generation import protocol
from chat.generation.answer_run import AnswerRun
from chat.generation.lab_reading import read_scanned_lab_pages
from chat.generation.process_engine import get_engine

logger = logging.getLogger(__name__)


class InferenceWorkerConsumer(AsyncConsumer):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.runs: dict[int, AnswerRun] = {}

    async def generation_start(self, event: dict) -> None:
        message_id = int(event["message_id"])
        if message_id in self.runs:
            return
        run = AnswerRun(message_id=message_id, engine=get_engine(), channel_layer=self.channel_layer)
        self.runs[message_id] = run
        await self.channel_layer.group_add(protocol.generation_group(message_id), self.channel_name)
        asyncio.get_running_loop().create_task(self._run(run))

    async def _run(self, run: AnswerRun) -> None:
        try:
            await run.run()
        finally:
            self.runs.pop(run.message_id, None)
            await self.channel_layer.group_discard(protocol.generation_group(run.message_id), self.channel_name)

    async def generation_cancel(self, event: dict) -> None:
        run = self.runs.get(int(event["message_id"]))
        if run is not None:
            logger.info("answer %s: cancel requested", run.message_id)
            run.cancel()

    async def generation_snapshot(self, event: dict) -> None:
        run = self.runs.get(int(event["message_id"]))
        if run is not None:
            await self.channel_layer.send(event["reply_channel"], run.snapshot())

    async def appointment_draft(self, event: dict) -> None:
        asyncio.get_running_loop().create_task(self._draft(event))

    async def _draft(self, event: dict) -> None:
        text = ""
        try:
            text = await draft_with_engine(prompt=event["prompt"], owner=int(event["owner"]), engine=get_engine())
        except Exception:
            logger.exception("appointment draft failed")
        await self.channel_layer.send(event["reply_channel"], {"type": "appointment.drafted", "text": text})

    async def labs_read(self, event: dict) -> None:
        asyncio.get_running_loop().create_task(_read_lab_pages(str(event["upload_id"])))


async def _read_lab_pages(upload_id: str) -> None:
    try:
        await read_scanned_lab_pages(upload_id=upload_id, engine=get_engine())
    except Exception:
        # Never the text: what the model read is health data.
        logger.exception("lab page reading failed upload=%s", upload_id)
