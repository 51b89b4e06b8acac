import threading

import pytest

from chat.generation import process_engine
from chat.inference.remote.engine import RemoteEngine
from chat.inference.types import ModelState


@pytest.fixture
def fresh_runtime(monkeypatch):
    """No process-wide engine yet; whatever a test starts is stopped after it."""
    monkeypatch.setattr(process_engine, "_engine", None)
    yield
    if process_engine._engine is not None:
        process_engine._engine.stop()


def test_the_engine_config_comes_from_settings(settings, tmp_path):
    settings.HEALTH_MODEL = "tiny"
    settings.HF_TOKEN = "hf_token"
    settings.HEALTH_DEVICE = "cpu"
    settings.HEALTH_MAX_BATCH_SIZE = 3
    settings.HEALTH_MAX_QUEUE = 7
    settings.HEALTH_MAX_NEW_TOKENS = 100
    settings.HEALTH_MAX_NEW_TOKENS_LIMIT = 200
    settings.HEALTH_CONTEXT_TOKENS = 1024
    settings.HEALTH_TEMPERATURE = 0.3
    settings.HEALTH_TOP_P = 0.8
    settings.DATA_DIR = tmp_path

    config = process_engine.engine_config_from_settings()

    assert (config.model, config.hf_token, config.device) == ("tiny", "hf_token", "cpu")
    assert (config.max_batch_size, config.max_queue) == (3, 7)
    assert (config.max_new_tokens, config.max_new_tokens_limit, config.context_tokens) == (100, 200, 1024)
    assert (config.temperature, config.top_p, config.data_dir) == (0.3, 0.8, tmp_path)


def test_one_engine_per_process_started_once_in_the_background(fresh_runtime, settings, tmp_path):
    settings.HEALTH_MODEL = str(tmp_path / "no-model")
    engines = []

    threads = [threading.Thread(target=lambda: engines.append(process_engine.get_engine())) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len({id(engine) for engine in engines}) == 1
    status = engines[0].wait_until_loaded(30)
    assert status.state is ModelState.FAILED
    assert "no-model" in status.reason


def test_health_engine_openai_makes_a_remote_engine_with_the_same_limits(fresh_runtime, settings):
    settings.HEALTH_ENGINE = "openai"
    settings.HEALTH_ENGINE_URL = "http://127.0.0.1:9/v1"
    settings.HEALTH_ENGINE_API_KEY = "secret"
    settings.HEALTH_ENGINE_MODEL = "google/medgemma-4b-it"
    settings.HEALTH_MAX_BATCH_SIZE = 5
    settings.HEALTH_MAX_ACTIVE_PER_USER = 2

    engine = process_engine.get_engine()

    assert isinstance(engine, RemoteEngine)
    config = process_engine.remote_config_from_settings()
    assert (config.url, config.api_key, config.model) == ("http://127.0.0.1:9/v1", "secret", "google/medgemma-4b-it")
    assert (config.limits.max_batch_size, config.limits.max_active_per_owner) == (5, 2)
    status = engine.wait_until_loaded(30)
    assert status.state is ModelState.FAILED
    assert status.model_name == "google/medgemma-4b-it"
    assert "http://127.0.0.1:9/v1 can't be reached" in status.reason
