"""Messages through the REST API: history pages, asking (with files, and with ?wait=true), reading, stop, regenerate."""

import io
import time

import pytest
from asgiref.sync import ThreadSensitiveContext
from channels.db import database_sync_to_async
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import AsyncClient
from PIL import Image
from rest_framework_simplejwt.tokens import AccessToken

from chat import services
from chat.generation.model_status import model_status_publish
from chat.models import Message
from chat.selectors import HISTORY_PAGE_SIZE
from chat.tests.async_helpers import running_worker
from uploads.services import upload_create

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def model_ready():
    """A worker that has reported its model ready."""
    model_status_publish(state="ready", model_name="tiny-test")


def messages_url(session) -> str:
    return f"/api/v1/sessions/{session.pk}/messages/"


def png_upload(owner, name="scan.png"):
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 30, 30)).save(buffer, format="PNG")
    return upload_create(owner=owner, file=SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png"))


def ask(client, session, payload, **params):
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return client.post(f"{messages_url(session)}?{query}", payload, format="json")


# History


def test_it_returns_the_newest_page_oldest_first(alice_api, session_with_messages):
    response = alice_api.get(messages_url(session_with_messages))
    assert response.status_code == 200
    body = response.json()
    assert [row["role"] for row in body["results"]] == ["user", "assistant"]
    assert body["results"][1]["content"] == "An LDL of **160 mg/dL** is *high*."
    assert body["results"][1]["status"] == "done"
    assert body["results"][1]["session"] == str(session_with_messages.pk)
    assert body["next"] is None


def test_it_pages_back_through_a_long_history_with_a_cursor(alice_api, session):
    for number in range(HISTORY_PAGE_SIZE * 2 + 5):
        Message.objects.create(session=session, role=Message.Role.USER, content=f"Question {number}")
    seen = []
    url = messages_url(session)
    while url:
        body = alice_api.get(url).json()
        seen = [row["content"] for row in body["results"]] + seen
        url = body["next"]
    assert seen == [f"Question {number}" for number in range(HISTORY_PAGE_SIZE * 2 + 5)]


def test_the_history_takes_a_bounded_number_of_queries(alice_api, alice, session, django_assert_max_num_queries):
    upload = png_upload(alice)
    for number in range(HISTORY_PAGE_SIZE):
        message = Message.objects.create(session=session, role=Message.Role.USER, content=f"Question {number}")
        message.attachments.add(upload)
    # The chat, the page, its attachments, its answers' sources (with their files), its versions, and the user.
    with django_assert_max_num_queries(6):
        body = alice_api.get(messages_url(session)).json()
    assert len(body["results"]) == HISTORY_PAGE_SIZE
    assert body["results"][0]["attachments"][0]["id"] == str(upload.pk)


@pytest.mark.parametrize("before", ["0", "x", "", str(2**63)])
def test_a_bad_cursor_is_a_field_error(alice_api, session, before):
    response = alice_api.get(messages_url(session), {"before": before})
    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["before"]


# Asking


def test_it_saves_the_question_and_starts_the_answer(alice_api, session, sent_jobs, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = ask(alice_api, session, {"content": "Is an LDL of 160 high?"})
    assert response.status_code == 201
    body = response.json()
    assert body["message"]["role"] == "user"
    assert body["message"]["content"] == "Is an LDL of 160 high?"
    assert body["answer"] is None
    answer = Message.objects.get(pk=body["answer_id"])
    assert (answer.role, answer.status) == ("assistant", "streaming")
    assert sent_jobs == [("start", answer.pk)]


def test_it_asks_about_an_uploaded_file(alice_api, alice, session, sent_jobs):
    upload = png_upload(alice)
    response = ask(alice_api, session, {"content": "What does this show?", "upload_ids": [str(upload.pk)]})
    assert response.status_code == 201
    assert [row["id"] for row in response.json()["message"]["attachments"]] == [str(upload.pk)]
    question = Message.objects.get(pk=response.json()["message"]["id"])
    assert list(question.attachments.all()) == [upload]


def test_a_file_alone_is_a_question(alice_api, alice, sent_jobs):
    session = services.session_create(owner=alice)
    upload = png_upload(alice, name="lab-report.png")
    response = ask(alice_api, session, {"upload_ids": [str(upload.pk)]})
    assert response.status_code == 201
    session.refresh_from_db()
    assert session.title == "lab-report.png"


def test_it_refuses_another_users_file(alice_api, bob, session, sent_jobs):
    upload = png_upload(bob)
    response = ask(alice_api, session, {"content": "And this?", "upload_ids": [str(upload.pk)]})
    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["upload_ids"]
    assert not Message.objects.filter(session=session).exists()


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"content": "Hi", "upload_ids": "not-a-list"}, "upload_ids"),
        ({"content": "Hi", "upload_ids": ["not-a-uuid"]}, "upload_ids.0"),
        ({"content": ["a list"]}, "content"),
        ({"content": "nul\x00byte"}, "content"),
    ],
)
def test_a_malformed_question_is_a_field_error(alice_api, session, payload, field):
    response = ask(alice_api, session, payload)
    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == [field]


@pytest.mark.parametrize(
    ("content", "code"), [("   ", "empty"), ("x" * (services.MAX_QUESTION_LENGTH + 1), "too_long")]
)
def test_the_services_refusals_are_422_with_their_message(alice_api, session, content, code):
    response = ask(alice_api, session, {"content": content})
    assert response.status_code == 422
    assert response.json()["error"]["code"] == code
    assert not Message.objects.filter(session=session).exists()


def test_a_second_question_while_answering_is_409(alice_api, session, sent_jobs):
    assert ask(alice_api, session, {"content": "First"}).status_code == 201
    response = ask(alice_api, session, {"content": "Second"})
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "answer_in_progress"
    assert "Stop" in response.json()["error"]["message"]


def test_past_the_per_person_limit_asking_is_429_too_many_answers(alice_api, alice, session, sent_jobs, settings):
    settings.HEALTH_MAX_ACTIVE_PER_USER = 1
    assert ask(alice_api, session, {"content": "First"}).status_code == 201
    elsewhere = services.session_create(owner=alice)

    response = ask(alice_api, elsewhere, {"content": "Second"})

    assert response.status_code == 429
    assert response.json()["error"]["code"] == "too_many_answers"
    assert "1 answer being written" in response.json()["error"]["message"]
    assert not elsewhere.messages.exists()


def test_asking_counts_against_the_question_throttle(alice_api, session, sent_jobs, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "questions": "1/min"},
    }
    assert ask(alice_api, session, {"content": "First"}).status_code == 201

    response = alice_api.post(f"/api/v1/sessions/{session.pk}/regenerate/")

    assert response.status_code == 429
    assert response.json()["error"]["code"] == "throttled"
    assert int(response["Retry-After"]) > 0
    # Reading is not asking: it is not throttled by this rate.
    assert alice_api.get(messages_url(session)).status_code == 200


def test_an_unavailable_model_is_503_with_the_reason(alice_api, session, sent_jobs):
    model_status_publish(state="failed", model_name="google/medgemma-4b-it", reason="Out of GPU memory.")
    response = ask(alice_api, session, {"content": "Hello?"})
    assert response.status_code == 503
    error = response.json()["error"]
    assert error["code"] == "model_unavailable"
    assert "Out of GPU memory" in error["message"]
    assert not Message.objects.filter(session=session).exists()


def test_no_worker_at_all_is_503_too(alice_api, session, sent_jobs):
    cache.clear()
    response = ask(alice_api, session, {"content": "Hello?"})
    assert response.status_code == 503
    assert "No inference worker has reported in" in response.json()["error"]["message"]


def test_a_full_queue_is_503_model_busy_with_retry_after(alice_api, session, sent_jobs, settings):
    model_status_publish(state="ready", model_name="tiny-test", queue_length=settings.HEALTH_MAX_QUEUE)
    response = ask(alice_api, session, {"content": "Hello?"})
    assert response.status_code == 503
    assert response.json()["error"]["code"] == "model_busy"
    assert int(response["Retry-After"]) > 0


@pytest.mark.parametrize(
    ("params", "field"), [({"wait": "maybe"}, "wait"), ({"wait": "true", "timeout": 0}, "timeout")]
)
def test_bad_wait_parameters_are_field_errors(alice_api, session, params, field):
    response = ask(alice_api, session, {"content": "Hi"}, **params)
    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == [field]
    assert not Message.objects.filter(session=session).exists()


# One message, stop, regenerate


def test_it_reads_one_message_with_its_status(alice_api, session_with_messages):
    answer = session_with_messages.messages.last()
    response = alice_api.get(f"/api/v1/messages/{answer.pk}/")
    assert response.status_code == 200
    assert response.json()["status"] == "done"
    assert response.json()["answer_tokens"] == 9


def test_message_endpoints_validate_ownership(bob_api, session_with_messages, sent_jobs):
    answer = session_with_messages.messages.last()
    for response in (
        bob_api.get(f"/api/v1/messages/{answer.pk}/"),
        bob_api.post(f"/api/v1/messages/{answer.pk}/cancel/"),
        bob_api.get(f"/api/v1/messages/{answer.pk}/stream/"),
    ):
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"
    assert sent_jobs == []


def test_an_id_beyond_any_integer_is_404(alice_api):
    assert alice_api.get(f"/api/v1/messages/{2**70}/").status_code == 404


def test_cancel_stops_a_streaming_answer(alice_api, session, sent_jobs):
    answer_id = ask(alice_api, session, {"content": "Tell me everything."}).json()["answer_id"]
    response = alice_api.post(f"/api/v1/messages/{answer_id}/cancel/")
    assert response.status_code == 202
    assert response.json()["id"] == answer_id
    assert ("cancel", answer_id) in sent_jobs


def test_cancel_of_a_finished_answer_is_409(alice_api, session_with_messages):
    answer = session_with_messages.messages.last()
    response = alice_api.post(f"/api/v1/messages/{answer.pk}/cancel/")
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "not_streaming"


def test_regenerate_keeps_the_last_answer_as_a_version(alice_api, session_with_messages, sent_jobs):
    old = session_with_messages.messages.last()
    response = alice_api.post(f"/api/v1/sessions/{session_with_messages.pk}/regenerate/")
    assert response.status_code == 201
    assert (response.json()["status"], response.json()["versions"]) == ("streaming", [old.pk, response.json()["id"]])
    assert Message.objects.filter(session=session_with_messages, shown=True).count() == 2
    assert Message.objects.get(pk=old.pk).shown is False


def test_regenerate_refuses_what_it_cannot_do(alice_api, session, sent_jobs):
    url = f"/api/v1/sessions/{session.pk}/regenerate/"
    response = alice_api.post(url)
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "nothing_to_regenerate"
    ask(alice_api, session, {"content": "First"})
    assert alice_api.post(url).json()["error"]["code"] == "answer_in_progress"


# ?wait=true: an async wait on the answer's group, under the ASGI handler


async def ask_and_wait(user, session, content: str, query: str):
    # Daphne's handler gives each request its own thread for sync code; the test client does not,
    # and the worker (in this loop) would wait for the shared one while the request waits for it.
    async with ThreadSensitiveContext():
        return await AsyncClient().post(
            f"{messages_url(session)}?{query}",
            {"content": content},
            "application/json",
            headers={"Authorization": f"Bearer {AccessToken.for_user(user)}"},
        )


@pytest.mark.django_db(transaction=True)
async def test_wait_true_returns_the_finished_answer(alice, session, engine):
    async with running_worker():
        response = await ask_and_wait(alice, session, "What does HbA1c measure?", "wait=true")
    assert response.status_code == 201
    body = response.json()
    answer = await database_sync_to_async(Message.objects.get)(pk=body["answer_id"])
    assert answer.status == Message.Status.DONE
    assert body["answer"]["status"] == "done"
    assert body["answer"]["content"] == answer.content
    assert body["answer"]["answer_tokens"] == answer.answer_tokens > 0


@pytest.mark.django_db(transaction=True)
async def test_wait_true_gives_up_after_the_timeout_with_the_answer_still_streaming(alice, session, sent_jobs):
    started = time.monotonic()
    response = await ask_and_wait(alice, session, "Anyone there?", "wait=true&timeout=1")
    assert response.status_code == 201
    assert 1 <= time.monotonic() - started < 10
    assert response.json()["answer"]["status"] == "streaming"
    assert response.json()["answer"]["id"] == response.json()["answer_id"]
