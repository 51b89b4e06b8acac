"""The chat WebSocket through the real auth middleware, channel layer, worker and tiny model."""

import asyncio

import pytest
from channels.db import database_sync_to_async

from chat import services
from chat.models import Message
from chat.tests.async_helpers import connect_socket, running_worker
from chat.tests.helpers import reload

pytestmark = [pytest.mark.django_db(transaction=True)]


async def receive_until_done(communicator, message_id, timeout=60):
    received = []
    async with asyncio.timeout(timeout):
        while True:
            event = await communicator.receive_json_from(timeout=timeout)
            received.append(event)
            if event["type"] == "done" and event["message_id"] == message_id:
                return received


def joined_text(events, after_seq=0):
    """What a browser shows: the newest snapshot, then each next delta in sequence."""
    text, seq = "", after_seq
    for event in events:
        if event["type"] == "snapshot" and event["seq"] >= seq:
            text, seq = event["text"], event["seq"]
        elif event["type"] == "delta" and event["seq"] == seq + 1:
            text, seq = text + event["text"], event["seq"]
    return text, seq


@database_sync_to_async
def send_question(session):
    return services.message_send(session=session, content="What does HbA1c measure?")


async def test_it_streams_tokens_to_the_browser(alice, session, engine):
    async with running_worker():
        communicator, connected, _ = await connect_socket(alice, session.pk)
        assert connected
        _, answer = await send_question(session)
        await communicator.send_json_to({"type": "watch", "message_id": answer.pk})
        events = await receive_until_done(communicator, answer.pk)
        await communicator.disconnect()
    answer = await reload(answer)
    assert answer.status == Message.Status.DONE
    assert any(e["type"] == "delta" for e in events)
    assert joined_text(events) == (answer.content, answer.stream_seq)


async def test_it_validates_ownership(alice, bob, session):
    _, connected, code = await connect_socket(bob, session.pk)
    assert not connected
    assert code == 4404
    _, connected, code = await connect_socket(None, session.pk)
    assert not connected
    assert code == 4401


async def test_bob_cannot_watch_alices_answer_from_his_own_chat(alice, bob, session, bob_session, sent_jobs):
    _, answer = await send_question(session)
    communicator, connected, _ = await connect_socket(bob, bob_session.pk)
    assert connected
    await communicator.send_json_to({"type": "watch", "message_id": answer.pk})
    reply = await communicator.receive_json_from(timeout=10)
    assert reply == {"type": "error", "message_id": answer.pk, "error": "No such message."}
    await communicator.disconnect()


async def test_a_reconnecting_client_resumes_with_nothing_lost_or_doubled(alice, session, long_answer_engine):
    async with running_worker():
        first, _, _ = await connect_socket(alice, session.pk)
        _, answer = await send_question(session)
        await first.send_json_to({"type": "watch", "message_id": answer.pk})
        seen = []
        while not any(e["type"] == "delta" for e in seen):
            seen.append(await first.receive_json_from(timeout=30))
        await first.disconnect()
        # A reload: a new socket watching the same answer, mid-stream.
        second, _, _ = await connect_socket(alice, session.pk)
        await second.send_json_to({"type": "watch", "message_id": answer.pk})
        events = await receive_until_done(second, answer.pk)
        await second.disconnect()
    answer = await reload(answer)
    assert answer.status == Message.Status.DONE
    assert events[0]["type"] == "snapshot"
    assert any(e["type"] == "delta" for e in events), "the reconnect came after the end: nothing was resumed"
    assert joined_text(events) == (answer.content, answer.stream_seq)


async def test_a_disconnect_mid_stream_still_completes_the_answer(alice, session, engine):
    async with running_worker():
        communicator, _, _ = await connect_socket(alice, session.pk)
        _, answer = await send_question(session)
        await communicator.send_json_to({"type": "watch", "message_id": answer.pk})
        await communicator.disconnect()
        async with asyncio.timeout(60):
            while (await reload(answer)).status == Message.Status.STREAMING:
                await asyncio.sleep(0.05)
    assert answer.status == Message.Status.DONE
    assert answer.content


async def test_watching_a_finished_answer_says_done_at_once(alice, session_with_messages):
    answer = await database_sync_to_async(lambda: session_with_messages.messages.last())()
    communicator, _, _ = await connect_socket(alice, session_with_messages.pk)
    await communicator.send_json_to({"type": "watch", "message_id": answer.pk})
    assert await communicator.receive_json_from(timeout=10) == {
        "type": "done",
        "message_id": answer.pk,
        "seq": 0,
        "status": "done",
    }
    await communicator.disconnect()


async def test_the_restart_case_marks_the_answer_interrupted(alice, session, sent_jobs):
    _, answer = await send_question(session)
    await database_sync_to_async(services.answer_save_partial)(message_id=answer.pk, content="Half an", seq=2)
    # What a restarted process does at start-up.
    await database_sync_to_async(services.answers_mark_interrupted)()
    communicator, _, _ = await connect_socket(alice, session.pk)
    await communicator.send_json_to({"type": "watch", "message_id": answer.pk})
    assert (await communicator.receive_json_from(timeout=10))["status"] == "interrupted"
    await communicator.disconnect()
    answer = await reload(answer)
    assert answer.content == "Half an"
