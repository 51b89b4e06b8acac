"""Continue on a model server: vLLM goes on from the answer so far; any other server is asked nothing."""

import pytest

from chat.inference.errors import InvalidRequest
from chat.inference.types import ChatTurn, FinishReason, GenerationRequest
from chat.tests.inference.remote.servers import ScriptedServer, answer_chunks
from chat.tests.inference.remote.test_engine import ready

CUT_OFF = GenerationRequest(turns=(ChatTurn(role="user", text="What is LDL?"),), answer_start="LDL is")


@pytest.fixture
def scripted():
    with ScriptedServer(lambda body, attempt: answer_chunks(" the cholesterol", " carried in the blood.")) as server:
        yield server


async def test_a_vllm_server_goes_on_from_the_answer_so_far(make_remote_engine, scripted, tiny_model_path):
    scripted.models = (200, {"object": "list", "data": [{"id": str(tiny_model_path), "owned_by": "vllm"}]})
    engine = make_remote_engine(url=scripted.url)
    await ready(engine)

    result = await (await engine.submit(CUT_OFF)).result()

    assert result.finish_reason is FinishReason.STOP
    assert result.text == " the cholesterol carried in the blood."
    (sent,) = scripted.requests
    assert sent["messages"][-2:] == [
        {"role": "user", "content": "What is LDL?"},
        {"role": "assistant", "content": "LDL is"},
    ]
    assert sent["continue_final_message"] is True and sent["add_generation_prompt"] is False


async def test_an_ordinary_answer_asks_no_continuation(make_remote_engine, scripted, tiny_model_path):
    scripted.models = (200, {"object": "list", "data": [{"id": str(tiny_model_path), "owned_by": "vllm"}]})
    engine = make_remote_engine(url=scripted.url)
    await ready(engine)

    request = GenerationRequest(turns=(ChatTurn(role="user", text="What is LDL?"),))
    await (await engine.submit(request)).result()

    (sent,) = scripted.requests
    assert sent["messages"][-1]["role"] == "user"
    assert "continue_final_message" not in sent


async def test_another_server_is_asked_nothing_and_the_reason_is_given(make_remote_engine, scripted, tiny_model_path):
    scripted.models = (200, {"object": "list", "data": [{"id": str(tiny_model_path), "owned_by": "someone"}]})
    engine = make_remote_engine(url=scripted.url)
    await ready(engine)

    with pytest.raises(InvalidRequest, match="needs the built-in model or a vLLM server"):
        await engine.submit(CUT_OFF)

    assert scripted.requests == []


async def test_transformers_serve_is_asked_nothing(remote_engine):
    await ready(remote_engine)

    with pytest.raises(InvalidRequest, match="needs the built-in model or a vLLM server"):
        await remote_engine.submit(CUT_OFF)
