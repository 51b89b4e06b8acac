"""Starting inference in a process: where it runs, and what a restart does to unfinished answers."""

import pytest

from chat import inference_process, services
from chat.models import Message

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "in_process,argv,expected",
    [
        (True, ["daphne", "healthassistant.asgi:application"], True),
        (False, ["daphne", "healthassistant.asgi:application"], False),
        (False, ["manage.py", "runworker", "inference"], True),
        (False, ["manage.py", "runworker", "other"], False),
    ],
)
def test_it_knows_where_inference_runs(settings, in_process, argv, expected):
    settings.INFERENCE_IN_PROCESS = in_process
    assert inference_process.runs_inference_here(argv) is expected


def test_a_restart_marks_answers_left_streaming_interrupted(session, sent_jobs, monkeypatch, settings):
    settings.INFERENCE_IN_PROCESS = True
    _, answer = services.message_send(session=session, content="Q")
    services.answer_save_partial(message_id=answer.pk, content="Half an answ", seq=4)
    started = []
    monkeypatch.setattr(inference_process, "get_engine", lambda: started.append("engine"))
    monkeypatch.setattr(inference_process.threading, "Thread", _NoThread)

    inference_process.start_inference()

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
