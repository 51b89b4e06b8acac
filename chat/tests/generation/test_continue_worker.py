"""Continue with the real engine on the tiny model: the same answer goes on from where it stopped."""

import pytest
from channels.db import database_sync_to_async
from channels.layers import get_channel_layer

from chat import services
from chat.generation import protocol
from chat.models import Message
from chat.tests.async_helpers import ask_and_listen, collect_until_done, listen_to_answer, running_worker
from chat.tests.helpers import installed_engine, reload

pytestmark = [pytest.mark.django_db(transaction=True)]


@pytest.fixture
def cut_off_engine(tiny_model, monkeypatch):
    """Answers that always run to their (short) length limit."""
    engine = installed_engine(tiny_model, monkeypatch, max_new_tokens=12, ignore_eos=True)
    yield engine
    engine.stop()


async def test_continue_appends_to_the_answer_and_numbers_on(session, cut_off_engine, monkeypatch):
    async with running_worker():
        _, answer, channel, events = await ask_and_listen(session, "hello")
        await collect_until_done(channel, events)
        first = await reload(answer)
        assert first.finish_reason == "length"
        # reload() refreshes the message in place: keep what it held before continuing.
        first_text, first_seq, first_tokens, first_prompt = (
            first.content,
            first.stream_seq,
            first.answer_tokens,
            first.prompt_tokens,
        )

        held: list[int] = []
        monkeypatch.setattr(protocol, "job_start_generation", lambda *, message_id: held.append(message_id))
        await database_sync_to_async(services.message_continue)(answer=first)
        assert held == [answer.pk]
        channel, events = await listen_to_answer(answer.pk)
        await get_channel_layer().send(
            protocol.INFERENCE_CHANNEL, {"type": "generation.start", "message_id": answer.pk}
        )
        await collect_until_done(channel, events)

    continued = await reload(answer)
    deltas = [event for event in events if event["type"] == "answer.delta"]
    assert deltas
    assert [delta["seq"] for delta in deltas] == list(range(first_seq + 1, first_seq + len(deltas) + 1))
    assert continued.content == first_text + "".join(delta["text"] for delta in deltas)
    assert continued.status == Message.Status.DONE
    assert continued.finish_reason == "length"
    assert continued.answer_tokens == first_tokens + 12
    # The model saw the answer so far: the prompt grew by it.
    assert continued.prompt_tokens > first_prompt
