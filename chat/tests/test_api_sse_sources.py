"""The stream's one `sources` event waits until the sources are saved.

An answer waiting its turn (another answer, or a scanned page being read, has the model) is asked
for a snapshot when the watch begins, and the worker answers it at once, with no text and before it
has prepared the answer. Reading the sources then would send them empty, and for good. A fake
watch (the real stream is tested in test_api_sse.py) plays exactly that order.
"""

import pytest
from channels.db import database_sync_to_async

from chat import services
from chat.api.sse import _Resume, answer_events
from chat.generation.records import RecordPassage, RecordsContext
from chat.models import Message
from chat.safety.numbers import contacts_for
from uploads.benchmarks.text_pdf import text_pdf
from uploads.services import upload_create
from uploads.tests.helpers import uploaded

pytestmark = [pytest.mark.django_db(transaction=True)]


class ScriptedWatch:
    """What the channel layer would deliver, in order; a step may be a coroutine function run when reached."""

    def __init__(self, *steps):
        self.steps = list(steps)

    async def receive(self, timeout):
        step = self.steps.pop(0)
        return await step() if callable(step) else step


async def test_an_empty_snapshot_before_the_answer_is_prepared_does_not_send_the_sources_empty(alice, session):
    report = await database_sync_to_async(upload_create)(
        owner=alice, file=uploaded("thyroid.pdf", text_pdf(["TSH 7.9 mIU/L high"]))
    )
    _, answer = await database_sync_to_async(services.message_send)(session=session, content="Is my TSH high?")
    passage = RecordPassage(n=1, upload_id=str(report.pk), name="thyroid.pdf", page=1, text="TSH 7.9 mIU/L high")

    async def sources_saved():
        await database_sync_to_async(services.answer_sources_save)(
            message_id=answer.pk, records=RecordsContext(passages=(passage,))
        )
        return {"type": "answer.sources", "message_id": answer.pk}

    async def finished():
        await Message.objects.filter(pk=answer.pk).aupdate(status=Message.Status.DONE, content="Yes.", stream_seq=1)
        return {"type": "answer.done", "message_id": answer.pk}

    watch = ScriptedWatch({"type": "answer.snapshot", "seq": 0, "text": ""}, sources_saved, finished)
    message = await Message.objects.aget(pk=answer.pk)
    events = [event async for event in answer_events(watch, message, _Resume(seq=0), contacts_for())]

    sources = [event for event in events if event.startswith("event: sources")]
    assert len(sources) == 1
    assert '"upload_id": "' + str(report.pk) + '"' in sources[0]
