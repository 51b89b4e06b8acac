"""The answer as Server-Sent Events, through Django's real ASGI handler, channel layer, worker and tiny model."""

import asyncio
import json
from dataclasses import dataclass
from datetime import timedelta

import pytest
from asgiref.sync import ThreadSensitiveContext
from asgiref.testing import ApplicationCommunicator
from channels.db import database_sync_to_async
from channels.layers import get_channel_layer
from django.core.asgi import get_asgi_application
from django.test import AsyncClient
from rest_framework_simplejwt.tokens import AccessToken

from chat import services
from chat.api import sse as sse_module
from chat.generation import protocol
from chat.models import Message
from chat.tests.async_helpers import running_worker
from chat.tests.helpers import reload
from uploads.benchmarks.text_pdf import text_pdf
from uploads.services import upload_create
from uploads.tests.helpers import uploaded

pytestmark = [pytest.mark.django_db(transaction=True)]


@dataclass
class Event:
    event: str
    id: int | None
    data: dict


class SseStream:
    """One GET of the stream on Django's ASGI application, read the way an SSE client reads it."""

    def __init__(self, message_id: int, *, token=None, last_event_id=None, method: str = "GET"):
        headers = [(b"host", b"testserver")]
        if token is not None:
            headers.append((b"authorization", f"Bearer {token}".encode()))
        if last_event_id is not None:
            headers.append((b"last-event-id", str(last_event_id).encode()))
        path = f"/api/v1/messages/{message_id}/stream/"
        scope = {
            "type": "http",
            "asgi": {"version": "3.0"},
            "http_version": "1.1",
            "method": method,
            "scheme": "http",
            "path": path,
            "raw_path": path.encode(),
            "query_string": b"",
            "headers": headers,
            "client": ("127.0.0.1", 50000),
            "server": ("testserver", 80),
        }
        self.communicator = ApplicationCommunicator(get_asgi_application(), scope)
        self.status = 0
        self.headers: dict[str, str] = {}
        self.body = b""
        self.comments: list[str] = []
        self.finished = False
        self._buffer = ""

    async def open(self) -> "SseStream":
        await self.communicator.send_input({"type": "http.request", "body": b"", "more_body": False})
        start = await self.communicator.receive_output(30)
        self.status = start["status"]
        self.headers = {key.decode().lower(): value.decode() for key, value in start["headers"]}
        return self

    def json(self) -> dict:
        return json.loads(self.body)

    async def read_body(self) -> None:
        while not self.finished:
            await self._receive_chunk(30)

    async def events(self, *, until=("done",), timeout: float = 60) -> list[Event]:
        """Events until one of `until` (or the end of the stream)."""
        events: list[Event] = []
        async with asyncio.timeout(timeout):
            while True:
                while "\n\n" in self._buffer:
                    block, self._buffer = self._buffer.split("\n\n", 1)
                    event = self._parse(block)
                    if event is not None:
                        events.append(event)
                        if event.event in until:
                            return events
                if self.finished:
                    return events
                await self._receive_chunk(timeout)

    async def disconnect(self) -> None:
        await self.communicator.send_input({"type": "http.disconnect"})
        await self.communicator.wait(10)

    async def _receive_chunk(self, timeout: float) -> None:
        message = await self.communicator.receive_output(timeout)
        assert message["type"] == "http.response.body"
        self.body += message.get("body", b"")
        self._buffer += message.get("body", b"").decode()
        self.finished = not message.get("more_body", False)

    def _parse(self, block: str) -> Event | None:
        fields: dict[str, str] = {}
        for line in block.split("\n"):
            if line.startswith(":"):
                self.comments.append(line)
            elif line:
                name, _, value = line.partition(": ")
                fields[name] = value
        if "event" not in fields:
            return None
        return Event(fields["event"], int(fields["id"]) if "id" in fields else None, json.loads(fields["data"]))


def token_for(user) -> str:
    return str(AccessToken.for_user(user))


async def open_stream(user, message_id, **kwargs) -> SseStream:
    return await SseStream(message_id, token=token_for(user), **kwargs).open()


def apply(events: list[Event], text: str = "", seq: int = 0) -> tuple[str, int]:
    """What a client shows: deltas appended in sequence, snapshots replacing the text."""
    for event in events:
        if event.event == "delta":
            assert event.id == event.data["seq"] and (event.id == seq + 1 or (seq == 0 and text == ""))
            text, seq = text + event.data["text"], event.id
        elif event.event == "snapshot":
            assert event.id > seq
            text, seq = event.data["text"], event.id
    return text, seq


@database_sync_to_async
def send_question(session, content="What does HbA1c measure?"):
    return services.message_send(session=session, content=content)


@database_sync_to_async
def finished_answer(session, *, content="Fine.", seq=3, status=Message.Status.DONE, error=""):
    return Message.objects.create(
        session=session,
        role=Message.Role.ASSISTANT,
        content=content,
        stream_seq=seq,
        status=status,
        error=error,
        prompt_tokens=40,
        answer_tokens=5,
    )


def members_of_answer_group(message_id: int) -> dict:
    return get_channel_layer().groups.get(protocol.answer_group(message_id), {})


async def test_it_streams_a_live_answer(alice, session, long_answer_engine):
    async with running_worker():
        _, answer = await send_question(session)
        sse = await open_stream(alice, answer.pk)
        events = await sse.events()
        await sse.read_body()
    answer = await reload(answer)
    assert sse.status == 200
    assert sse.headers["content-type"] == "text/event-stream"
    assert "no-cache" in sse.headers["cache-control"]
    assert "no-store" in sse.headers["cache-control"]
    assert answer.status == Message.Status.DONE
    assert len([event for event in events if event.event == "delta"]) > 1
    assert apply(events) == (answer.content, answer.stream_seq)
    done = events[-1]
    assert done.event == "done"
    assert done.id == answer.stream_seq
    assert done.data["status"] == "done"
    assert done.data["answer_tokens"] == answer.answer_tokens > 0
    assert done.data["prompt_tokens"] == answer.prompt_tokens > 0
    assert sse.finished
    assert members_of_answer_group(answer.pk) == {}


async def test_the_sources_come_once_before_the_first_delta_and_again_in_the_replay(alice, session, long_answer_engine):
    report = await database_sync_to_async(upload_create)(
        owner=alice, file=uploaded("thyroid.pdf", text_pdf(["Full blood count normal.", "TSH 7.9 mIU/L high"]))
    )
    async with running_worker():
        _, answer = await database_sync_to_async(services.message_send)(
            session=session, content="Is my TSH high?", uploads=[report]
        )
        sse = await open_stream(alice, answer.pk)
        events = await sse.events()
    kinds = [event.event for event in events]
    assert kinds.count("sources") == 1
    assert kinds.index("sources") < kinds.index("delta")
    (sources,) = [event.data["sources"] for event in events if event.event == "sources"]
    assert sources[0] == {
        "n": 1,
        "upload_id": str(report.pk),
        "name": "thyroid.pdf",
        "page": 2,
        "snippet": "TSH 7.9 mIU/L high",
    }
    assert [source["page"] for source in sources] == [2, 1]

    replay = await (await open_stream(alice, answer.pk)).events()
    assert [event.event for event in replay] == ["sources", "delta", "done"]
    assert replay[0].data["sources"] == sources


async def test_a_finished_answer_is_replayed_whole(alice, session_with_messages):
    answer = await database_sync_to_async(lambda: session_with_messages.messages.last())()
    sse = await open_stream(alice, answer.pk)
    events = await sse.events()
    assert [event.event for event in events] == ["sources", "delta", "done"]
    assert events[0].data == {"sources": []}
    assert events[1].data["text"] == "An LDL of **160 mg/dL** is *high*."
    assert events[2].data["status"] == "done"
    assert events[2].data["answer_tokens"] == 9
    await sse.read_body()
    assert sse.finished


async def test_resuming_a_finished_answer_sends_only_what_is_missing(alice, session):
    answer = await finished_answer(session, content="All three parts.", seq=3)
    up_to_date = await (await open_stream(alice, answer.pk, last_event_id=3)).events()
    assert [event.event for event in up_to_date] == ["sources", "done"]
    behind = await (await open_stream(alice, answer.pk, last_event_id=1)).events()
    assert [(event.event, event.id) for event in behind] == [("sources", None), ("snapshot", 3), ("done", 3)]
    assert apply(behind, "All", 1) == ("All three parts.", 3)


async def test_a_failed_answer_ends_with_an_error_event_then_done(alice, session):
    answer = await finished_answer(
        session, content="", seq=0, status=Message.Status.FAILED, error="The model is not available: no GPU."
    )
    events = await (await open_stream(alice, answer.pk)).events()
    assert [event.event for event in events] == ["sources", "error", "done"]
    assert events[1].data == {"code": "answer_failed", "message": "The model is not available: no GPU."}
    assert events[2].data["status"] == "failed"


async def test_a_reconnecting_client_resumes_from_last_event_id_with_nothing_lost_or_doubled(
    alice, session, long_answer_engine
):
    async with running_worker():
        _, answer = await send_question(session)
        first = await open_stream(alice, answer.pk)
        seen = await first.events(until=("delta",))
        seen += await first.events(until=("delta",))
        await first.disconnect()
        text, seq = apply(seen)
        assert seq > 0
        await asyncio.sleep(0.3)  # the answer goes on while the client is away
        second = await open_stream(alice, answer.pk, last_event_id=seq)
        events = await second.events()
    answer = await reload(answer)
    assert answer.status == Message.Status.DONE
    assert all(event.id > seq for event in events if event.id is not None and event.event != "done")
    assert apply(events, text, seq) == (answer.content, answer.stream_seq)


async def test_stop_through_the_api_ends_the_stream_as_cancelled(alice, session, long_answer_engine):
    async with running_worker():
        _, answer = await send_question(session)
        sse = await open_stream(alice, answer.pk)
        seen = await sse.events(until=("delta",))
        async with ThreadSensitiveContext():
            cancel = await AsyncClient().post(
                f"/api/v1/messages/{answer.pk}/cancel/", headers={"Authorization": f"Bearer {token_for(alice)}"}
            )
        assert cancel.status_code == 202
        seen += await sse.events()
    answer = await reload(answer)
    assert answer.status == Message.Status.CANCELLED
    assert seen[-1].event == "done"
    assert seen[-1].data["status"] == "cancelled"
    assert apply(seen) == (answer.content, answer.stream_seq)


async def test_a_disconnect_leaves_the_answer_group(alice, session, sent_jobs):
    _, answer = await send_question(session)
    sse = await open_stream(alice, answer.pk)
    assert sse.status == 200
    assert len(members_of_answer_group(answer.pk)) == 1
    await sse.disconnect()
    assert members_of_answer_group(answer.pk) == {}


async def test_a_quiet_stream_sends_keep_alives_and_notices_a_dead_worker(alice, session, sent_jobs, monkeypatch):
    monkeypatch.setattr(sse_module, "KEEPALIVE_SECONDS", 0.2)
    _, answer = await send_question(session)
    await database_sync_to_async(services.answer_save_partial)(message_id=answer.pk, content="Half an", seq=2)
    sse = await open_stream(alice, answer.pk)
    first = await sse.events(until=("delta",))
    assert [(event.event, event.data.get("text")) for event in first] == [("sources", None), ("delta", "Half an")]
    await asyncio.sleep(0.5)
    # What the restart recovery does to an answer whose worker died; it tells no group.
    await database_sync_to_async(services.answers_mark_interrupted)(idle_for=timedelta(0))
    rest = await sse.events()
    assert ": keep-alive" in sse.comments
    assert [event.event for event in rest] == ["error", "done"]
    assert rest[0].data["code"] == "answer_interrupted"
    assert rest[1].data["status"] == "interrupted"


async def test_a_chat_deleted_mid_stream_ends_the_stream(alice, session, sent_jobs, monkeypatch):
    monkeypatch.setattr(sse_module, "KEEPALIVE_SECONDS", 0.2)
    _, answer = await send_question(session)
    sse = await open_stream(alice, answer.pk)
    await database_sync_to_async(services.session_delete)(session=session)
    events = await sse.events(until=("error",))
    assert events[-1].data["code"] == "deleted"
    await sse.read_body()
    assert sse.finished


async def test_it_validates_ownership(bob, session_with_messages):
    answer = await database_sync_to_async(lambda: session_with_messages.messages.last())()
    sse = await open_stream(bob, answer.pk)
    await sse.read_body()
    assert sse.status == 404
    assert sse.json()["error"]["code"] == "not_found"
    assert members_of_answer_group(answer.pk) == {}


async def test_it_needs_a_valid_token(alice, session_with_messages):
    answer = await database_sync_to_async(lambda: session_with_messages.messages.last())()
    expired = AccessToken.for_user(alice)
    expired.set_exp(lifetime=-timedelta(seconds=1))
    for token in (None, "garbage", str(expired)):
        sse = await SseStream(answer.pk, token=token).open()
        await sse.read_body()
        assert sse.status == 401
        assert sse.headers["www-authenticate"] == 'Bearer realm="api"'
        assert sse.json()["error"]["code"] in {"not_authenticated", "token_not_valid"}


async def test_misuse_gets_a_clear_4xx(alice, session_with_messages):
    question, answer = await database_sync_to_async(lambda: list(session_with_messages.messages.all()))()
    cases = [
        (SseStream(question.pk, token=token_for(alice)), 400, "not_an_answer"),
        (SseStream(answer.pk, token=token_for(alice), last_event_id="seven"), 400, "validation_error"),
        (SseStream(answer.pk, token=token_for(alice), method="POST"), 405, "method_not_allowed"),
        (SseStream(answer.pk + 1000, token=token_for(alice)), 404, "not_found"),
    ]
    for sse, status, code in cases:
        await sse.open()
        await sse.read_body()
        assert (sse.status, sse.json()["error"]["code"]) == (status, code)
