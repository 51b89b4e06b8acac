"""Continue needs the built-in model: a model server is asked for no answer it can't go on from."""

import pytest

from chat.inference.errors import InvalidRequest
from chat.inference.types import ChatTurn, GenerationRequest
from chat.tests.inference.remote.servers import ScriptedServer, answer_chunks


@pytest.fixture
def scripted():
    with ScriptedServer(lambda body, attempt: answer_chunks("Fine.")) as server:
        yield server


async def test_continuing_an_answer_is_refused_with_a_clear_reason(make_remote_engine, scripted):
    engine = make_remote_engine(url=scripted.url)
    request = GenerationRequest(turns=(ChatTurn(role="user", text="What is LDL?"),), answer_start="LDL is")

    with pytest.raises(InvalidRequest, match="needs the built-in model"):
        await engine.submit(request)

    assert scripted.requests == []
