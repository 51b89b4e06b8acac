"""The remote engine against real servers: transformers serve on the tiny model, and a scripted HTTP server."""

import asyncio
import time

import pytest

from chat.inference.errors import EngineBusy, EngineUnavailable, OwnerBusy, PromptTooLong
from chat.inference.prompts import build_prompt
from chat.inference.remote.failures import STOPPED_MID_ANSWER
from chat.inference.types import ChatTurn, FinishReason, GenerationRequest, ModelState
from chat.tests.inference.helpers import an_image, question, read_all
from chat.tests.inference.remote.servers import ScriptedServer, answer_chunks
from healthassistant.live_server import free_port
from healthassistant.transformers_serve import TransformersServe

# On the tiny model, greedy: this one ends by itself after a few tokens; the default question goes on and on.
SHORT_QUESTION = "First question"
LONG = 1500


def conversation(*texts: str) -> GenerationRequest:
    """Alternating turns, the person's first and last."""
    roles = ("user", "assistant")
    return GenerationRequest(turns=tuple(ChatTurn(role=roles[n % 2], text=text) for n, text in enumerate(texts)))


async def ready(engine):
    status = await asyncio.to_thread(engine.wait_until_loaded, 30)
    assert status.state is ModelState.READY, status.reason
    return status


async def until(condition, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        await asyncio.sleep(0.05)


# transformers serve


async def test_it_streams_deltas_that_join_into_the_answer(remote_engine, tiny_model_path):
    status = await ready(remote_engine)

    deltas, result = await read_all(await remote_engine.submit(question(max_new_tokens=12)))

    assert status.model_name == str(tiny_model_path)
    assert deltas
    assert "".join(deltas) == result.text
    assert result.finish_reason is FinishReason.LENGTH
    assert result.answer_tokens == 12
    assert result.prompt_tokens > 0
    assert result.time_to_first_token > 0
    assert result.tokens_per_second > 0
    assert result.error == ""


async def test_an_answer_that_ends_by_itself_stops_without_a_done_line(remote_engine):
    result = await (await remote_engine.submit(question(SHORT_QUESTION, max_new_tokens=200))).result()

    assert result.finish_reason is FinishReason.STOP
    assert 0 < result.answer_tokens < 200


async def test_the_server_sees_the_prompt_the_local_engine_would_build(remote_engine, tiny_model):
    """Same messages, same chat template: the server counts exactly the local prompt's tokens, image included."""
    turns = (
        ChatTurn(role="user", text="Earlier question"),
        ChatTurn(role="assistant", text="Earlier answer"),
        ChatTurn(role="user", text="Is this a bruise?", images=(an_image(),)),
    )

    result = await (await remote_engine.submit(GenerationRequest(turns=turns, max_new_tokens=4))).result()

    local = build_prompt(tiny_model.processor, turns, context_tokens=8192, max_new_tokens=4)
    assert result.finish_reason is FinishReason.LENGTH
    assert result.prompt_tokens == local.token_count
    assert local.text.count("<start_of_image>") == 1


async def test_stop_closes_the_upstream_stream_and_keeps_the_partial_answer(remote_engine):
    started = time.monotonic()
    stream = await remote_engine.submit(question(max_new_tokens=LONG))
    first = await anext(stream)

    stream.cancel()
    rest, result = await read_all(stream)

    assert result.finish_reason is FinishReason.CANCELLED
    assert result.text == first + "".join(rest)
    assert result.text
    # The whole answer takes seconds on this server.
    assert time.monotonic() - started < 2
    # The server is free again at once.
    assert (await (await remote_engine.submit(question(max_new_tokens=3))).result()).answer_tokens == 3


async def test_turns_are_fair_and_limits_refuse_at_once(make_remote_engine):
    engine = make_remote_engine(max_batch_size=1, max_active_per_owner=2, max_queue=3)
    await ready(engine)

    alice_first = await engine.submit(question(max_new_tokens=LONG, owner="alice"))
    alice_second = await engine.submit(question(max_new_tokens=3, owner="alice"))
    bob = await engine.submit(question(max_new_tokens=3, owner="bob"))
    with pytest.raises(OwnerBusy):
        await engine.submit(question(owner="alice"))
    carol = await engine.submit(question(max_new_tokens=3, owner="carol"))
    with pytest.raises(EngineBusy):
        await engine.submit(question(owner="dave"))

    # alice has an answer streaming: bob and carol, who have none, go before her second.
    assert [stream.queue_position for stream in (alice_first, bob, carol, alice_second)] == [0, 1, 2, 3]
    assert engine.queue_length == 3
    alice_second.cancel()
    assert (await alice_second.result()).finish_reason is FinishReason.CANCELLED
    assert engine.queue_length == 2
    alice_first.cancel()
    assert (await bob.result()).finish_reason is FinishReason.LENGTH
    assert (await carol.result()).finish_reason is FinishReason.LENGTH
    assert (await alice_first.result()).finish_reason is FinishReason.CANCELLED
    assert engine.queue_length == 0


async def test_a_request_the_real_server_refuses_fails_clearly(make_remote_engine):
    engine = make_remote_engine(model="a-model-it-does-not-serve")

    result = await (await engine.submit(question())).result()

    assert result.finish_reason is FinishReason.ERROR
    assert result.error.endswith("refused this request (HTTP 400).")
    assert result.text == ""


async def test_the_server_dying_mid_answer_interrupts_it_and_then_it_is_unavailable(
    make_remote_engine, tiny_model_path, tmp_path
):
    with TransformersServe(tiny_model_path, tmp_path) as server:
        engine = make_remote_engine(url=server.url)
        await ready(engine)
        stream = await engine.submit(question(max_new_tokens=LONG))
        first = await anext(stream)

        server.kill()
        rest, result = await read_all(stream)

    assert result.finish_reason is FinishReason.INTERRUPTED
    assert result.error == STOPPED_MID_ANSWER
    assert result.text == first + "".join(rest)
    assert result.text
    await until(lambda: engine.status.state is ModelState.FAILED)
    assert engine.status.reason == f"The model server at {server.url} can't be reached (it may be starting, or down)."
    with pytest.raises(EngineUnavailable, match="can't be reached"):
        await engine.submit(question())


async def test_an_unreachable_server_is_named_and_refuses_at_once(make_remote_engine):
    url = f"http://127.0.0.1:{free_port()}/v1"
    engine = make_remote_engine(url=url)

    status = await asyncio.to_thread(engine.wait_until_loaded, 30)

    assert status.state is ModelState.FAILED
    assert status.reason == f"The model server at {url} can't be reached (it may be starting, or down)."
    with pytest.raises(EngineUnavailable, match=f"The model server at {url} can't be reached"):
        await engine.submit(question())


# A scripted server: what transformers serve can't be made to answer.


@pytest.fixture
def scripted():
    """A scripted server that answers "Fine." until a test gives it another reply."""
    with ScriptedServer(lambda body, attempt: answer_chunks("Fi", "ne.")) as server:
        yield server


async def test_the_request_carries_the_conversation_and_its_settings(make_remote_engine, scripted, tiny_model_path):
    engine = make_remote_engine(url=scripted.url)
    schema = {"type": "object", "properties": {"value": {"type": "number"}}}

    result = await (
        await engine.submit(question("Hi", max_new_tokens=20, temperature=0.5, seed=7, json_schema=schema))
    ).result()

    (sent,) = scripted.requests
    assert (result.text, result.finish_reason, result.prompt_tokens, result.answer_tokens) == (
        "Fine.",
        FinishReason.STOP,
        7,
        2,
    )
    assert sent["model"] == str(tiny_model_path)
    assert (sent["stream"], sent["stream_options"]) == (True, {"include_usage": True})
    assert (sent["max_tokens"], sent["temperature"], sent["seed"]) == (20, 0.5, 7)
    assert sent["response_format"]["json_schema"]["schema"] == schema
    assert [message["role"] for message in sent["messages"]] == ["system", "user"]


async def test_an_answer_cut_at_its_length_says_so(make_remote_engine, scripted):
    scripted.reply = lambda body, attempt: answer_chunks("Partly", finish_reason="length")
    engine = make_remote_engine(url=scripted.url)

    result = await (await engine.submit(question())).result()

    assert (result.text, result.finish_reason) == ("Partly", FinishReason.LENGTH)


async def test_server_failures_before_the_first_token_are_retried(make_remote_engine, scripted):
    replies = {1: (503, {"error": {"message": "loading"}}), 2: (429, {"error": {"message": "slow down"}})}
    scripted.reply = lambda body, attempt: replies.get(attempt) or answer_chunks("Fine.")
    engine = make_remote_engine(url=scripted.url)

    result = await (await engine.submit(question())).result()

    assert (result.text, result.finish_reason) == ("Fine.", FinishReason.STOP)
    assert len(scripted.requests) == 3


async def test_a_server_that_keeps_failing_gives_up_after_three_retries(make_remote_engine, scripted):
    scripted.reply = lambda body, attempt: (500, {"error": {"message": "Internal Server Error"}})
    engine = make_remote_engine(url=scripted.url)

    result = await (await engine.submit(question())).result()

    assert result.finish_reason is FinishReason.ERROR
    assert result.error == f"The model server at {scripted.url} failed (HTTP 500). Try again shortly."
    assert len(scripted.requests) == 4


async def test_an_error_after_the_first_token_interrupts_the_answer_without_a_retry(make_remote_engine, scripted):
    scripted.reply = lambda body, attempt: [*answer_chunks("Half an ")[:2], {"error": "the model failed"}]
    engine = make_remote_engine(url=scripted.url)

    result = await (await engine.submit(question())).result()

    assert (result.text, result.finish_reason) == ("Half an ", FinishReason.INTERRUPTED)
    assert result.error == STOPPED_MID_ANSWER
    assert len(scripted.requests) == 1


async def test_a_refused_key_is_named_and_not_retried(make_remote_engine, scripted):
    scripted.reply = lambda body, attempt: (401, {"error": {"message": "Unauthorized"}})
    engine = make_remote_engine(url=scripted.url)
    await ready(engine)

    result = await (await engine.submit(question())).result()

    assert result.error == f"The model server at {scripted.url} refused our API key (HEALTH_ENGINE_API_KEY)."
    assert len(scripted.requests) == 1
    # Until the next poll says otherwise, nobody else is sent to be refused.
    assert engine.status.state is ModelState.FAILED


async def test_the_status_says_when_the_server_refuses_our_key(make_remote_engine, scripted):
    scripted.models = (401, {"error": {"message": "Unauthorized"}})
    engine = make_remote_engine(url=scripted.url)

    status = await asyncio.to_thread(engine.wait_until_loaded, 30)

    assert status.state is ModelState.FAILED
    assert status.reason == f"The model server at {scripted.url} refused our API key (HEALTH_ENGINE_API_KEY)."
    with pytest.raises(EngineUnavailable, match="HEALTH_ENGINE_API_KEY"):
        await engine.submit(question())


async def test_a_refusal_for_context_length_drops_the_oldest_turn_and_asks_again(make_remote_engine, scripted):
    too_long = (400, {"error": {"message": "This model's maximum context length is 8192 tokens. However, you ..."}})
    scripted.reply = lambda body, attempt: too_long if len(body["messages"]) > 4 else answer_chunks("Fine.")
    engine = make_remote_engine(url=scripted.url)

    result = await (await engine.submit(conversation("One", "A", "Two", "B", "Three"))).result()

    assert (result.text, result.finish_reason) == ("Fine.", FinishReason.STOP)
    assert [[message["content"] for message in sent["messages"][1:]] for sent in scripted.requests] == [
        ["One", "A", "Two", "B", "Three"],
        ["Two", "B", "Three"],
    ]


async def test_when_even_the_latest_turn_is_too_long_for_the_server_it_says_so(make_remote_engine, scripted):
    scripted.reply = lambda body, attempt: (400, {"error": {"message": "maximum context length is 8192 tokens"}})
    engine = make_remote_engine(url=scripted.url)

    result = await (await engine.submit(conversation("One", "A", "Two"))).result()

    assert result.finish_reason is FinishReason.ERROR
    assert result.error.startswith("This conversation is too long for the model server's context")
    assert len(scripted.requests) == 2


async def test_the_server_s_context_and_queue_come_from_its_models_and_metrics(
    make_remote_engine, scripted, tiny_model_path
):
    scripted.models = (200, {"object": "list", "data": [{"id": str(tiny_model_path), "max_model_len": 900}]})
    scripted.metrics = (
        "# HELP vllm:num_requests_waiting Number of requests waiting to be processed.\n"
        f'vllm:num_requests_waiting{{model_name="{tiny_model_path}"}} 3.0\n'
        'vllm:num_requests_running{model_name="x"} 5.0\n'
    )
    engine = make_remote_engine(url=scripted.url, max_new_tokens=100)
    await ready(engine)

    history = [text for number in range(8) for text in (f"Question {number} " + "q" * 300, "Answer " + "a" * 300)]
    result = await (await engine.submit(conversation(*history, "The latest"))).result()

    assert engine.status.queue_length == 3
    assert result.finish_reason is FinishReason.STOP
    (sent,) = scripted.requests
    assert 1 < len(sent["messages"]) - 1 < 17
    assert sent["messages"][-1]["content"] == "The latest"
    with pytest.raises(PromptTooLong):
        await engine.submit(question("word " * 2000))
