"""One status type and one rule for whether the model can take a question, for the pages and the API."""

import pytest
from django.urls import reverse

from chat.errors import ModelBusy, ModelUnavailable
from chat.generation import startup
from chat.generation.model_status import model_availability, model_status_publish, model_status_read
from chat.inference.types import ModelState

pytestmark = pytest.mark.django_db


def test_a_ready_model_with_room_can_answer(settings):
    model_status_publish(state="ready", model_name="tiny-test", queue_length=settings.HEALTH_MAX_QUEUE - 1)

    availability = model_availability()

    assert availability.refusal is None
    assert availability.status.is_ready
    assert availability.status.state is ModelState.READY


@pytest.mark.parametrize(
    ("published", "refusal", "says"),
    [
        ({"state": "failed", "reason": "Out of GPU memory."}, ModelUnavailable, "Out of GPU memory"),
        (None, ModelUnavailable, "No inference worker has reported in"),
        ({"state": "ready", "queue_length": 64}, ModelBusy, "64 questions are waiting"),
    ],
)
def test_a_model_that_cant_answer_soon_says_why(published, refusal, says):
    if published is not None:
        model_status_publish(model_name="tiny-test", **published)

    availability = model_availability()

    assert isinstance(availability.refusal, refusal)
    assert says in availability.refusal.message
    assert availability.refusal.http_status == 503


def test_the_page_shows_a_busy_model_by_the_same_rule(alice_client, settings):
    model_status_publish(state="ready", model_name="tiny-test", queue_length=settings.HEALTH_MAX_QUEUE)

    html = alice_client.get(reverse("chat:model-status")).content.decode()

    assert "tiny-test is busy: 64 questions waiting" in html


def test_starting_inference_says_starting_at_once(monkeypatch, settings):
    monkeypatch.setattr(startup, "get_engine", lambda: None)
    monkeypatch.setattr(startup, "answers_mark_interrupted", lambda *, idle_for: 0)
    monkeypatch.setattr(startup.threading, "Thread", lambda **kwargs: type("T", (), {"start": lambda self: None})())

    startup.start_inference()

    status = model_status_read()
    assert status.state is ModelState.STARTING
    assert status.model_name == settings.HEALTH_MODEL
