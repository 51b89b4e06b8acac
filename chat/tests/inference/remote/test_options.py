"""A request's sampling settings as chat completion parameters, with the local engine's defaults and limits."""

import pytest

from chat.inference.config import EngineConfig
from chat.inference.errors import InvalidRequest
from chat.inference.remote.options import completion_options
from chat.inference.sampling import resolve_sampling
from chat.inference.types import ChatTurn, GenerationRequest

CONFIG = EngineConfig(max_new_tokens=300, max_new_tokens_limit=1000, temperature=0.0, top_p=0.9)
SCHEMA = {"type": "object", "properties": {"value": {"type": "number"}}, "required": ["value"]}


def options_for(**settings) -> dict:
    request = GenerationRequest(turns=(ChatTurn(role="user", text="Hi"),), **settings)
    return completion_options(resolve_sampling(request, CONFIG))


def test_the_configured_defaults_apply():
    assert options_for() == {"max_tokens": 300, "temperature": 0.0, "top_p": 0.9}


def test_a_request_s_own_settings_go_along():
    assert options_for(max_new_tokens=50, temperature=0.7, top_p=0.5, seed=42, stop=("\n\n", "END")) == {
        "max_tokens": 50,
        "temperature": 0.7,
        "top_p": 0.5,
        "seed": 42,
        "stop": ["\n\n", "END"],
    }


def test_a_json_schema_becomes_a_strict_response_format():
    assert options_for(json_schema=SCHEMA)["response_format"] == {
        "type": "json_schema",
        "json_schema": {"name": "answer", "schema": SCHEMA, "strict": True},
    }


@pytest.mark.parametrize(
    "asked", [{"max_new_tokens": 1001}, {"temperature": 3.0}, {"stop": ("x",), "json_schema": SCHEMA}]
)
def test_settings_out_of_bounds_are_refused_as_locally(asked):
    with pytest.raises(InvalidRequest):
        options_for(**asked)
