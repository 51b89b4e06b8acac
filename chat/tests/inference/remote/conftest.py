"""Remote engines on the session's real server (openai_server, from the project's conftest.py) or another one."""

import dataclasses
from collections.abc import Callable, Iterator

import pytest

from chat.inference.config import EngineConfig
from chat.inference.remote.config import RemoteConfig
from chat.inference.remote.engine import RemoteEngine


@pytest.fixture
def make_remote_engine(request, tiny_model_path) -> Iterator[Callable[..., RemoteEngine]]:
    """Started engines, stopped after the test: make(url=..., limits..., config...), the session's server by default."""
    engines: list[RemoteEngine] = []
    config_fields = {field.name for field in dataclasses.fields(RemoteConfig)}

    def make(*, url: str | None = None, **overrides) -> RemoteEngine:
        # Only tests that use it start the session's server.
        url = url or request.getfixturevalue("openai_server")
        limits = EngineConfig(max_new_tokens=12, max_new_tokens_limit=2048, max_queue=8)
        limits = dataclasses.replace(limits, **{k: v for k, v in overrides.items() if k not in config_fields})
        settings = {"model": str(tiny_model_path), "retry_delays": (0.05, 0.1, 0.2), "poll_seconds": 0.5}
        settings |= {k: v for k, v in overrides.items() if k in config_fields}
        config = RemoteConfig(url=url, limits=limits, **settings)
        engine = RemoteEngine(config)
        engine.start()
        engines.append(engine)
        return engine

    yield make
    for engine in engines:
        engine.stop()


@pytest.fixture
def remote_engine(make_remote_engine) -> RemoteEngine:
    return make_remote_engine()
