"""Helpers shared by the chat tests (fixtures live in conftest.py)."""

from channels.db import database_sync_to_async

from chat.models import Message


def installed_engine(loaded, monkeypatch, **config):
    """A real engine on this model, started and installed as this process's engine."""
    from chat.generation import process_engine
    from chat.inference.config import EngineConfig
    from chat.inference.engine import Engine

    engine = Engine.from_loaded(EngineConfig(model="tiny-test", device="cpu", max_queue=8, **config), loaded)
    engine.start()
    monkeypatch.setattr(process_engine, "_engine", engine)
    return engine


@database_sync_to_async
def reload(message: Message) -> Message:
    """The message as the database has it now."""
    message.refresh_from_db()
    return message
