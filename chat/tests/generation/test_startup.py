"""Starting inference in a process: where it runs, and what a restart does to unfinished answers."""

import pytest
from django.core.management import call_command

from chat import services
from chat.generation import startup
from chat.models import Message

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("in_process", [True, False])
def test_the_web_process_runs_inference_only_in_the_default_mode(settings, monkeypatch, in_process):
    settings.INFERENCE_IN_PROCESS = in_process
    started = []
    monkeypatch.setattr(startup, "start_inference", lambda: started.append("inference"))

    application = object()

    served = startup.serve_inference_here_if_in_process(application)

    assert started == (["inference"] if in_process else [])
    assert isinstance(served, startup.InProcessWorkerStarter) is in_process
    assert (served is application) is not in_process


def test_the_worker_command_starts_inference_then_serves_the_channel(monkeypatch):
    calls = []
    monkeypatch.setattr(startup, "start_inference", lambda: calls.append("start"))
    monkeypatch.setattr(startup.Worker, "run", lambda worker: calls.append(tuple(worker.channels)))

    call_command("inference_worker")

    assert calls == ["start", ("inference",)]


def test_a_restart_marks_answers_left_streaming_interrupted(session, sent_jobs, monkeypatch, settings):
    settings.INFERENCE_IN_PROCESS = True
    _, answer = services.message_send(session=session, content="Q")
    services.answer_save_partial(message_id=answer.pk, content="Half an answ", seq=4)
    started = []
    monkeypatch.setattr(startup, "get_engine", lambda: started.append("engine"))
    monkeypatch.setattr(startup.threading, "Thread", _NoThread)

    startup.start_inference()

    answer.refresh_from_db()
    assert started == ["engine"]
    assert answer.status == Message.Status.INTERRUPTED
    assert answer.content == "Half an answ"


class _NoThread:
    """The heartbeat thread is not started here: it would outlive the test's database."""

    def __init__(self, *args, **kwargs):
        pass

    def start(self):
        pass
