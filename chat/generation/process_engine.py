"""The process-wide inference engine, configured from Django settings: the local one, or a remote server's."""

import threading

from django.conf import settings

from chat.inference.config import EngineConfig
from chat.inference.engine import Engine
from chat.inference.remote.config import RemoteConfig
from chat.inference.remote.engine import RemoteEngine

_engine: Engine | RemoteEngine | None = None
_engine_lock = threading.Lock()


def engine_config_from_settings() -> EngineConfig:
    return EngineConfig(
        model=settings.HEALTH_MODEL,
        hf_token=settings.HF_TOKEN,
        device=settings.HEALTH_DEVICE,
        max_batch_size=settings.HEALTH_MAX_BATCH_SIZE,
        max_queue=settings.HEALTH_MAX_QUEUE,
        max_active_per_owner=settings.HEALTH_MAX_ACTIVE_PER_USER,
        prefill_tokens_per_step=settings.HEALTH_PREFILL_TOKENS_PER_STEP,
        kv_cache_tokens=settings.HEALTH_KV_CACHE_TOKENS,
        max_new_tokens=settings.HEALTH_MAX_NEW_TOKENS,
        max_new_tokens_limit=settings.HEALTH_MAX_NEW_TOKENS_LIMIT,
        context_tokens=settings.HEALTH_CONTEXT_TOKENS,
        temperature=settings.HEALTH_TEMPERATURE,
        top_p=settings.HEALTH_TOP_P,
        data_dir=settings.DATA_DIR,
    )


def remote_config_from_settings() -> RemoteConfig:
    """HEALTH_ENGINE=openai: the server, and the same limits and defaults as the local engine's."""
    return RemoteConfig(
        url=settings.HEALTH_ENGINE_URL,
        api_key=settings.HEALTH_ENGINE_API_KEY,
        model=settings.HEALTH_ENGINE_MODEL,
        limits=engine_config_from_settings(),
    )


def get_engine() -> Engine | RemoteEngine:
    """The engine of this process, created and started (loading or connecting in the background) on the first call."""
    global _engine
    with _engine_lock:
        if _engine is None:
            if settings.HEALTH_ENGINE == "openai":
                _engine = RemoteEngine(remote_config_from_settings())
            else:
                _engine = Engine(engine_config_from_settings())
            _engine.start()
        return _engine
