import pytest

from chat import services
from chat.models import ChatSession, Message
from chat.tests.helpers import installed_engine


@pytest.fixture
def session(alice) -> ChatSession:
    return services.session_create(owner=alice, title="Cholesterol results")


@pytest.fixture
def bob_session(bob) -> ChatSession:
    return services.session_create(owner=bob, title="Bob's knee")


@pytest.fixture
def session_with_messages(session) -> ChatSession:
    """A finished exchange: a question and its answer."""
    Message.objects.create(session=session, role=Message.Role.USER, content="Is an LDL of 160 high?")
    Message.objects.create(
        session=session, role=Message.Role.ASSISTANT, content="An LDL of **160 mg/dL** is *high*.", answer_tokens=9
    )
    return session


@pytest.fixture
def sent_jobs(monkeypatch) -> list[tuple[str, int]]:
    """Jobs the services hand to the channel layer, recorded instead of sent (the real path is in test_worker)."""
    sent: list[tuple[str, int]] = []
    monkeypatch.setattr(
        "chat.generation.protocol.job_start_generation", lambda *, message_id: sent.append(("start", message_id))
    )
    monkeypatch.setattr(
        "chat.generation.protocol.job_cancel_generation", lambda *, message_id: sent.append(("cancel", message_id))
    )
    return sent


@pytest.fixture
def engine(tiny_model, monkeypatch):
    """A real engine on the tiny model, installed as this process's engine; short answers."""
    engine = installed_engine(tiny_model, monkeypatch, max_new_tokens=24)
    yield engine
    engine.stop()


@pytest.fixture
def long_answer_engine(tiny_model, monkeypatch):
    """The same, with answers long enough (about a second) to stop, snapshot or reconnect mid-stream."""
    engine = installed_engine(tiny_model, monkeypatch, max_new_tokens=1500, ignore_eos=True)
    yield engine
    engine.stop()
