"""The red-flag check in the REST API: `safety` on every question, first in the answer's stream, and in a 503."""

import pytest
from asgiref.sync import sync_to_async
from django.core.cache import cache

from chat import services
from chat.generation.model_status import model_status_publish
from chat.models import Message
from chat.tests.test_api_sse import open_stream

EMERGENCY = "I have crushing chest pain and I can't breathe"


def messages_url(session) -> str:
    return f"/api/v1/sessions/{session.pk}/messages/"


def ask(client, session, content):
    return client.post(messages_url(session), {"content": content}, format="json")


@pytest.fixture
def model_ready():
    model_status_publish(state="ready", model_name="tiny-test")


@pytest.mark.django_db
def test_every_question_has_its_safety_and_answers_have_none(alice_api, session, sent_jobs, model_ready, settings):
    settings.EMERGENCY_NUMBER = "999"
    created = ask(alice_api, session, EMERGENCY)
    assert created.status_code == 201
    safety = created.json()["message"]["safety"]
    assert safety["level"] == "emergency"
    assert safety["categories"] == ["chest_pain", "breathing"]
    assert safety["emergency_number"] == "999"
    assert "Call 999 now" in safety["message"]
    rows = alice_api.get(messages_url(session)).json()["results"]
    assert [row["safety"] and row["safety"]["level"] for row in rows] == ["emergency", None]


@pytest.mark.django_db
def test_an_ordinary_question_is_level_none(alice_api, session_with_messages):
    question = alice_api.get(messages_url(session_with_messages)).json()["results"][0]
    assert question["safety"] == {"level": "none", "categories": [], "message": "", "emergency_number": ""}


@pytest.mark.django_db
def test_one_message_has_its_safety_and_another_users_is_404(alice_api, bob_api, session, sent_jobs, model_ready):
    question_id = ask(alice_api, session, "I want to end my life").json()["message"]["id"]
    mine = alice_api.get(f"/api/v1/messages/{question_id}/").json()
    assert mine["safety"]["categories"] == ["self_harm"]
    theirs = bob_api.get(f"/api/v1/messages/{question_id}/")
    assert theirs.status_code == 404
    assert "safety" not in theirs.json()


@pytest.mark.django_db
@pytest.mark.parametrize("state", ["failed", "no worker"])
def test_an_unavailable_model_is_503_with_the_questions_safety_and_nothing_saved(alice_api, session, sent_jobs, state):
    if state == "failed":
        model_status_publish(state="failed", model_name="google/medgemma-4b-it", reason="Out of GPU memory.")
    else:
        cache.clear()
    response = ask(alice_api, session, EMERGENCY)
    assert response.status_code == 503
    body = response.json()
    assert body["error"]["code"] == "model_unavailable"
    assert body["safety"]["level"] == "emergency"
    assert "chest_pain" in body["safety"]["categories"]
    assert not Message.objects.filter(session=session).exists()


@pytest.mark.django_db
def test_a_busy_model_is_503_with_safety_too(alice_api, session, sent_jobs, settings):
    model_status_publish(state="ready", model_name="tiny-test", queue_length=settings.HEALTH_MAX_QUEUE)
    response = ask(alice_api, session, "What is a normal TSH?")
    assert response.status_code == 503
    assert response.json()["error"]["code"] == "model_busy"
    assert response.json()["safety"]["level"] == "none"


@sync_to_async
def answered(session, content):
    _, answer = services.message_send(session=session, content=content)
    services.answer_finish(message_id=answer.pk, content="Please call now.", seq=1, status=Message.Status.DONE)
    return answer


@pytest.mark.django_db(transaction=True)
async def test_the_stream_sends_safety_first_for_an_emergency(alice, session, sent_jobs):
    answer = await answered(session, EMERGENCY)
    events = await (await open_stream(alice, answer.pk)).events()
    assert [event.event for event in events] == ["safety", "sources", "delta", "done"]
    assert events[0].data["level"] == "emergency"
    assert events[0].data["categories"] == ["chest_pain", "breathing"]


@pytest.mark.django_db(transaction=True)
async def test_the_stream_sends_no_safety_event_for_an_ordinary_question(alice, session, sent_jobs):
    answer = await answered(session, "What does HbA1c measure?")
    events = await (await open_stream(alice, answer.pk)).events()
    assert [event.event for event in events] == ["sources", "delta", "done"]


@pytest.mark.django_db(transaction=True)
async def test_another_users_stream_is_404_without_safety(bob, session, sent_jobs):
    answer = await answered(session, EMERGENCY)
    stream = await open_stream(bob, answer.pk)
    await stream.read_body()
    assert stream.status == 404
    assert "safety" not in stream.json()


@pytest.mark.django_db
def test_an_edit_refused_for_an_unavailable_model_carries_the_new_texts_safety(alice_api, session, sent_jobs):
    question, answer = services.message_send(session=session, content="Is an LDL of 160 high?")
    services.answer_finish(message_id=answer.pk, content="Yes.", seq=1, status=Message.Status.DONE)
    cache.clear()
    response = alice_api.post(f"/api/v1/messages/{question.pk}/edit/", {"content": EMERGENCY}, format="json")
    assert response.status_code == 503
    assert response.json()["safety"]["level"] == "emergency"
    assert Message.objects.filter(session=session).count() == 2


@pytest.mark.django_db
def test_safety_gives_the_persons_numbers_and_the_crisis_line_for_self_harm(
    alice, alice_api, session, sent_jobs, model_ready, settings
):
    settings.EMERGENCY_NUMBER = "112"
    alice.country = "AU"
    alice.save()
    safety = ask(alice_api, session, "I want to end my life").json()["message"]["safety"]
    assert safety["emergency_number"] == "000"
    assert safety["crisis_line"] == "Lifeline, 13 11 14"
    assert "Call 000 now" in safety["message"]
    listed = alice_api.get(messages_url(session)).json()["results"][0]["safety"]
    assert listed["emergency_number"] == "000"


@pytest.mark.django_db
def test_without_a_choice_the_api_follows_the_browsers_language(alice_api, session, sent_jobs, model_ready, settings):
    settings.EMERGENCY_NUMBER = "112"
    created = alice_api.post(messages_url(session), {"content": EMERGENCY}, format="json", HTTP_ACCEPT_LANGUAGE="en-GB")
    assert created.json()["message"]["safety"]["emergency_number"] == "999"


@pytest.mark.django_db
def test_a_503_gives_the_persons_number(alice, alice_api, session, sent_jobs):
    alice.country = "US"
    alice.save()
    cache.clear()
    response = ask(alice_api, session, EMERGENCY)
    assert response.status_code == 503
    assert response.json()["safety"]["emergency_number"] == "911"


@sync_to_async
def choose_country(user, country):
    user.country = country
    user.save()


@pytest.mark.django_db(transaction=True)
async def test_the_streams_safety_event_gives_the_persons_number(alice, session, sent_jobs):
    await choose_country(alice, "NZ")
    answer = await answered(session, EMERGENCY)
    events = await (await open_stream(alice, answer.pk)).events()
    assert events[0].event == "safety"
    assert events[0].data["emergency_number"] == "111"
    assert "Call 111 now" in events[0].data["message"]
    assert "crisis_line" not in events[0].data  # only for self-harm
