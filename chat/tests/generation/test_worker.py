"""The inference worker with the real engine on the tiny model and the real in-memory channel layer."""

import asyncio

import pytest
from channels.db import database_sync_to_async
from channels.layers import get_channel_layer
from django.core.files.uploadedfile import SimpleUploadedFile

from chat import services
from chat.generation import protocol
from chat.models import Message
from chat.tests.async_helpers import ask_and_listen, collect_until_done, running_worker
from chat.tests.helpers import installed_engine, reload
from uploads.benchmarks.text_pdf import text_pdf
from uploads.services import upload_create
from uploads.tests.helpers import image_bytes, uploaded

pytestmark = [pytest.mark.django_db(transaction=True)]


async def test_it_streams_tokens_in_order_and_saves_the_answer(session, engine):
    async with running_worker():
        _, answer, channel, events = await ask_and_listen(session)
        await collect_until_done(channel, events)
    deltas = [e for e in events if e["type"] == "answer.delta"]
    assert deltas, "no tokens were streamed"
    assert [d["seq"] for d in deltas] == list(range(1, len(deltas) + 1))
    answer = await reload(answer)
    assert answer.status == Message.Status.DONE
    assert answer.content == "".join(d["text"] for d in deltas)
    assert answer.stream_seq == deltas[-1]["seq"]
    assert answer.answer_tokens > 0 and answer.prompt_tokens > 0
    assert answer.tokens_per_second > 0
    assert answer.model_name == "tiny-test"
    assert events[-1] == {"type": "answer.done", "message_id": answer.pk, "seq": answer.stream_seq, "status": "done"}


async def test_a_second_turn_carries_the_history(session, engine):
    async with running_worker():
        _, first, channel, events = await ask_and_listen(session, "First question")
        await collect_until_done(channel, events)
        _, second, channel, events = await ask_and_listen(session, "Second question")
        await collect_until_done(channel, events)
    second = await reload(second)
    assert second.status == Message.Status.DONE
    # The second prompt holds the first question, its answer and the second question.
    first = await reload(first)
    assert second.prompt_tokens > first.prompt_tokens


async def wait_for_first_delta(channel: str, events: list[dict]) -> None:
    layer = get_channel_layer()
    while not any(event["type"] == "answer.delta" for event in events):
        events.append(await asyncio.wait_for(layer.receive(channel), 30))


async def test_stop_cancels_inside_the_engine_and_keeps_the_partial_answer(session, long_answer_engine):
    async with running_worker():
        _, answer, channel, events = await ask_and_listen(session)
        await wait_for_first_delta(channel, events)
        await database_sync_to_async(services.message_cancel)(message=await reload(answer))
        await collect_until_done(channel, events)
    answer = await reload(answer)
    assert answer.status == Message.Status.CANCELLED
    assert answer.content
    assert answer.answer_tokens < 1500
    assert long_answer_engine.counters.requests_cancelled == 1


async def test_an_answer_fails_clearly_when_the_model_is_unavailable(session, tmp_path, monkeypatch):
    from chat.generation import process_engine
    from chat.inference.config import EngineConfig
    from chat.inference.engine import Engine

    broken = Engine(EngineConfig(model=str(tmp_path / "no-model-here"), device="cpu"))
    broken.start()
    await asyncio.to_thread(broken.wait_until_loaded, 30)
    monkeypatch.setattr(process_engine, "_engine", broken)
    async with running_worker():
        question, answer, channel, events = await ask_and_listen(session)
        await collect_until_done(channel, events)
    answer = await reload(answer)
    assert answer.status == Message.Status.FAILED
    assert "no model folder" in answer.error
    assert await database_sync_to_async(Message.objects.filter(pk=question.pk).exists)()
    broken.stop()


async def test_a_snapshot_gives_the_text_so_far(session, long_answer_engine):
    async with running_worker():
        _, answer, channel, events = await ask_and_listen(session)
        await wait_for_first_delta(channel, events)
        layer = get_channel_layer()
        reply = await layer.new_channel()
        await protocol.ajob_request_snapshot(message_id=answer.pk, reply_channel=reply)
        snapshot = await asyncio.wait_for(layer.receive(reply), 30)
        await collect_until_done(channel, events)
    assert snapshot["type"] == "answer.snapshot"
    assert snapshot["seq"] >= 1
    deltas = [e for e in events if e["type"] == "answer.delta"]
    assert snapshot["text"] == "".join(d["text"] for d in deltas if d["seq"] <= snapshot["seq"])


def _redis_reachable(url: str = "redis://127.0.0.1:6379/0") -> bool:
    import socket

    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        return False
    return True


@pytest.mark.skipif(not _redis_reachable(), reason="no Redis server at 127.0.0.1:6379")
async def test_it_works_across_processes_through_redis(session, engine, settings):
    """The scaled mode: web and worker share a Redis channel layer instead of memory."""
    settings.CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": ["redis://127.0.0.1:6379/0"], "prefix": f"test-{session.pk.hex[:8]}"},
        }
    }
    async with running_worker():
        _, answer, channel, events = await ask_and_listen(session)
        await collect_until_done(channel, events)
    answer = await reload(answer)
    assert answer.status == Message.Status.DONE
    assert answer.content == "".join(e["text"] for e in events if e["type"] == "answer.delta")


async def test_a_waiting_answer_is_told_its_place_in_the_queue(session, bob_session, tiny_model, monkeypatch):
    # One answer at a time, so the second waits while the first is generated.
    engine = installed_engine(tiny_model, monkeypatch, max_new_tokens=600, ignore_eos=True, max_batch_size=1)
    try:
        async with running_worker():
            _, _, first_channel, first_events = await ask_and_listen(session)
            await wait_for_first_delta(first_channel, first_events)
            _, second, channel, events = await ask_and_listen(bob_session)
            await collect_until_done(channel, events)
            await collect_until_done(first_channel, first_events)
    finally:
        engine.stop()
    positions = [e["position"] for e in events if e["type"] == "answer.queued"]
    assert positions[0] == 1
    assert positions[-1] == 0
    assert (await reload(second)).status == Message.Status.DONE


async def test_an_answer_about_uploaded_files_uses_them(alice, session, engine):
    photo = await database_sync_to_async(upload_create)(
        owner=alice, file=SimpleUploadedFile("photo.png", image_bytes(size=(200, 120)))
    )
    other_session = await database_sync_to_async(services.session_create)(owner=alice)
    async with running_worker():
        _, plain, channel, events = await ask_and_listen(session, "What is this?")
        await collect_until_done(channel, events)
        _, with_photo, channel, events = await ask_and_listen(other_session, "What is this?", uploads=[photo])
        await collect_until_done(channel, events)
    plain, with_photo = await reload(plain), await reload(with_photo)
    assert with_photo.status == Message.Status.DONE
    # The image's soft tokens (16 for the tiny model, 256 for MedGemma) are in the prompt.
    assert with_photo.prompt_tokens >= plain.prompt_tokens + 16


async def test_files_far_longer_than_the_context_are_retrieved_from_not_an_error(alice, session, engine):
    # Six ten-page reports: about 45,000 characters, several times what the 8,192-token context holds.
    filler = "Haemoglobin, white cells and platelets reported with their reference ranges and comments. " * 8
    reports = [
        await database_sync_to_async(upload_create)(
            owner=alice,
            file=uploaded(f"report-{number}.pdf", text_pdf([f"Page {page}. {filler}" for page in range(10)])),
        )
        for number in range(6)
    ]
    async with running_worker():
        _, answer, channel, events = await ask_and_listen(session, "Summarise my reports", uploads=reports)
        await collect_until_done(channel, events)
    answer = await reload(answer)
    assert answer.status == Message.Status.DONE, answer.error
    sources = await database_sync_to_async(lambda: list(answer.sources.values_list("upload_id", flat=True)))()
    # Every attached report took part; what did not fit is counted, not dropped in silence.
    assert {str(upload_id) for upload_id in sources} == {str(report.pk) for report in reports}
    assert answer.sources_left_out > 0
    assert [e["type"] for e in events].index("answer.sources") < [e["type"] for e in events].index("answer.delta")
