"""One tiny model for the whole session (built and loaded once), and engines on it."""

import dataclasses
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from chat.inference.config import EngineConfig
from chat.inference.engine import Engine
from chat.inference.loading.loader import LoadedModel

# tiny_model_path and tiny_model (loaded once) come from the project's conftest.py.


@pytest.fixture(scope="session")
def full_attention_model(tmp_path_factory) -> LoadedModel:
    """The tiny variant with layers sliding/full/sliding and a window of 16, loaded once."""
    from chat.inference.loading.loader import load_model
    from chat.inference.loading.tiny_model import build_tiny_model

    path = build_tiny_model(tmp_path_factory.mktemp("tiny-full-attention") / "model", full_attention=True)
    return load_model(EngineConfig(model=str(path), device="cpu"))


@pytest.fixture
def processor(tiny_model: LoadedModel):
    return tiny_model.processor


@pytest.fixture
def engine_config(tiny_model_path: Path, tmp_path: Path) -> EngineConfig:
    # Fixed answer lengths (ignore_eos) so that token counts can be asserted.
    return EngineConfig(
        model=str(tiny_model_path),
        device="cpu",
        max_batch_size=8,
        max_queue=8,
        max_new_tokens=8,
        max_new_tokens_limit=256,
        context_tokens=4096,
        data_dir=tmp_path,
        ignore_eos=True,
    )


@pytest.fixture
def make_engine(tiny_model: LoadedModel, engine_config: EngineConfig) -> Iterator[Callable[..., Engine]]:
    """Engines on the shared tiny model, not started: a test starts one once its queue is as it wants it."""
    engines: list[Engine] = []

    def make(*, model: LoadedModel = tiny_model, **overrides) -> Engine:
        engine = Engine.from_loaded(dataclasses.replace(engine_config, **overrides), model)
        engines.append(engine)
        return engine

    yield make
    for engine in engines:
        engine.stop()


@pytest.fixture
def engine(make_engine: Callable[..., Engine]) -> Engine:
    engine = make_engine()
    engine.start()
    return engine
