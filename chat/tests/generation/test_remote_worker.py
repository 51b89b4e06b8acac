"""HEALTH_ENGINE=openai: the real worker and channel layer, answers streamed from a real OpenAI-compatible server."""

import asyncio

import pytest
from channels.layers import get_channel_layer

from chat.generation import process_engine
from chat.inference.remote.engine import RemoteEngine
from chat.inference.remote.failures import STOPPED_MID_ANSWER
from chat.models import Message
from chat.tests.async_helpers import ask_and_listen, collect_until_done, running_worker
from chat.tests.helpers import reload
from healthassistant.transformers_serve import TransformersServe

pytestmark = [pytest.mark.django_db(transaction=True)]


@pytest.fixture
def remote_engine_at(settings, monkeypatch, tiny_model_path):
    """Points this process's engine at a server: use(url), then the worker makes its RemoteEngine."""

    def use(url: str, *, max_new_tokens: int) -> None:
        settings.HEALTH_ENGINE = "openai"
        settings.HEALTH_ENGINE_URL = url
        settings.HEALTH_ENGINE_MODEL = str(tiny_model_path)
        settings.HEALTH_MAX_NEW_TOKENS = max_new_tokens

    monkeypatch.setattr(process_engine, "_engine", None)
    yield use
    if process_engine._engine is not None:
        process_engine._engine.stop()


def deltas_of(events: list[dict]) -> list[dict]:
    return [event for event in events if event["type"] == "answer.delta"]


async def test_a_question_is_answered_by_the_server_and_saved(
    session, remote_engine_at, openai_server, tiny_model_path
):
    remote_engine_at(openai_server, max_new_tokens=24)

    async with running_worker():
        _, answer, channel, events = await ask_and_listen(session)
        await collect_until_done(channel, events)

    assert isinstance(process_engine._engine, RemoteEngine)
    answer = await reload(answer)
    assert answer.status == Message.Status.DONE
    assert answer.content
    assert answer.content == "".join(delta["text"] for delta in deltas_of(events))
    assert answer.model_name == str(tiny_model_path)
    assert answer.prompt_tokens > 0
    assert answer.answer_tokens == 24


async def test_the_server_dying_mid_answer_saves_it_interrupted_with_its_text(
    session, remote_engine_at, tiny_model_path, tmp_path
):
    with TransformersServe(tiny_model_path, tmp_path) as server:
        remote_engine_at(server.url, max_new_tokens=1500)
        async with running_worker():
            _, answer, channel, events = await ask_and_listen(session)
            layer = get_channel_layer()
            while not deltas_of(events):
                events.append(await asyncio.wait_for(layer.receive(channel), 30))
            server.kill()
            await collect_until_done(channel, events)

    answer = await reload(answer)
    assert answer.status == Message.Status.INTERRUPTED
    assert answer.content
    assert answer.content == "".join(delta["text"] for delta in deltas_of(events))
    assert answer.error == STOPPED_MID_ANSWER
    assert events[-1]["status"] == "interrupted"
