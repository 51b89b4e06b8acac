import pytest
from django.urls import reverse

from chat import services
from chat.models import ChatSession, Message

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def test_the_chat_pages_need_a_login(client, session):
    for url in (reverse("chat:index"), reverse("chat:session-detail", args=[session.pk]), reverse("chat:sidebar")):
        response = client.get(url)
        assert response.status_code == 302
        assert reverse("account_login") in response["Location"]


def test_a_first_time_user_sees_examples_and_the_model_status(alice_client):
    html = alice_client.get(reverse("chat:index")).content.decode()
    assert "example-question" in html
    assert "No chats yet." in html
    assert 'id="model-status"' in html


def test_the_page_says_plainly_when_the_model_is_unavailable(alice_client):
    html = alice_client.get(reverse("chat:model-status")).content.decode()
    assert "The assistant is not available yet." in html
    # The operator's how-to is for staff (chat/tests/safety/test_pages.py).
    assert "make run" not in html


def test_a_first_question_creates_a_chat_and_opens_it(alice_client, alice, sent_jobs):
    response = alice_client.post(reverse("chat:session-start"), {"content": "What is a normal TSH?"}, **HTMX)
    session = ChatSession.objects.get(owner=alice)
    assert response.status_code == 204
    assert response["HX-Redirect"] == reverse("chat:session-detail", args=[session.pk])
    assert session.title == "What is a normal TSH?"
    assert [m.role for m in session.messages.all()] == ["user", "assistant"]


def test_an_empty_question_gets_a_clear_error_in_the_composer(alice_client, alice, sent_jobs):
    response = alice_client.post(reverse("chat:session-start"), {"content": "  "}, **HTMX)
    assert response.status_code == 422
    assert response["HX-Retarget"] == "#composer-error"
    assert "Write a question" in response.content.decode()
    assert not ChatSession.objects.exists()


def test_sending_returns_the_question_and_a_streaming_answer(
    alice_client, session, sent_jobs, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = alice_client.post(
            reverse("chat:message-create", args=[session.pk]), {"content": "Is <b>this</b> ok?"}, **HTMX
        )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Is &lt;b&gt;this&lt;/b&gt; ok?" in html
    assert "data-streaming" in html
    assert sent_jobs[0][0] == "start"


def test_the_chat_page_renders_answers_as_sanitised_markdown(alice_client, session_with_messages):
    Message.objects.create(session=session_with_messages, role=Message.Role.USER, content="and?")
    Message.objects.create(
        session=session_with_messages, role=Message.Role.ASSISTANT, content="<script>alert(1)</script> **ok**"
    )
    html = alice_client.get(reverse("chat:session-detail", args=[session_with_messages.pk])).content.decode()
    assert "<strong>160 mg/dL</strong>" in html
    assert "<script>alert(1)</script>" not in html
    assert "<strong>ok</strong>" in html
    assert "Regenerate" in html


def test_the_chat_page_opens_on_the_newest_page_with_load_earlier(alice_client, session, django_assert_max_num_queries):
    Message.objects.bulk_create(
        Message(session=session, role=Message.Role.USER if n % 2 == 0 else Message.Role.ASSISTANT, content=f"m{n}")
        for n in range(10_000)
    )
    with django_assert_max_num_queries(12):
        response = alice_client.get(reverse("chat:session-detail", args=[session.pk]))
    html = response.content.decode()
    assert "m9999" in html and "m9000" not in html
    assert "Load earlier messages" in html
    newest = session.messages.order_by("-pk")[29]
    earlier = alice_client.get(reverse("chat:session-detail", args=[session.pk]), {"before": newest.pk}, **HTMX)
    assert "m9969" in earlier.content.decode()


def test_the_sidebar_query_count_is_bounded(alice_client, alice, django_assert_max_num_queries):
    ChatSession.objects.bulk_create(ChatSession(owner=alice, title=f"Chat {n}") for n in range(5_000))
    with django_assert_max_num_queries(8):
        response = alice_client.get(reverse("chat:index"))
    assert response.content.decode().count('class="session-item') == 50
    with django_assert_max_num_queries(6):
        second_page = alice_client.get(reverse("chat:sidebar"), {"page": 2}, **HTMX)
    assert second_page.content.decode().count('class="session-item') == 50


@pytest.mark.parametrize("page", ["99999999999999999999", "50001", "-3", "2.5", "x"])
def test_any_page_number_answers_without_an_error(alice_client, session, page):
    response = alice_client.get(reverse("chat:sidebar"), {"page": page}, **HTMX)
    assert response.status_code == 200


@pytest.mark.parametrize("before", ["99999999999999999999", "-1", "1e400"])
def test_any_earlier_messages_cursor_answers_without_an_error(alice_client, session, before):
    response = alice_client.get(reverse("chat:session-detail", args=[session.pk]), {"before": before}, **HTMX)
    assert response.status_code == 200


def test_search_finds_an_old_conversation_by_its_content(alice_client, session_with_messages, alice):
    services.session_create(owner=alice, title="Knee")
    html = alice_client.get(reverse("chat:sidebar"), {"q": "ldl"}, **HTMX).content.decode()
    assert "Cholesterol results" in html
    assert "Knee" not in html


def test_rename_pin_archive_and_delete(alice_client, session, sent_jobs):
    url = reverse("chat:session-update", args=[session.pk])
    assert "Lipids" in alice_client.post(url, {"title": "Lipids"}, **HTMX).content.decode()
    alice_client.post(url, {"pinned": "1"}, **HTMX)
    alice_client.post(url, {"archived": "1"}, **HTMX)
    session.refresh_from_db()
    assert (session.title, session.pinned, session.archived) == ("Lipids", True, True)
    response = alice_client.post(reverse("chat:session-delete", args=[session.pk]), **HTMX)
    assert response["HX-Redirect"] == reverse("chat:index")
    assert not ChatSession.objects.exists()


def test_regenerate_and_edit_answer_again(
    alice_client, session_with_messages, sent_jobs, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = alice_client.post(reverse("chat:message-regenerate", args=[session_with_messages.pk]), **HTMX)
    assert "data-streaming" in response.content.decode()
    Message.objects.filter(session=session_with_messages, status="streaming").update(status="done")
    with django_capture_on_commit_callbacks(execute=True):
        response = alice_client.post(
            reverse("chat:message-edit", args=[session_with_messages.pk, session_with_messages.messages.first().pk]),
            {"content": "Is 130 high?"},
            **HTMX,
        )
    assert "Is 130 high?" in response.content.decode()
    assert len(sent_jobs) == 2


def test_stop_sends_the_cancel(alice_client, session, sent_jobs):
    _, answer = services.message_send(session=session, content="Q")
    response = alice_client.post(reverse("chat:message-stop", args=[session.pk, answer.pk]), **HTMX)
    assert response.status_code == 204
    assert ("cancel", answer.pk) in sent_jobs


@pytest.mark.parametrize(
    "name,method",
    [
        ("chat:session-detail", "get"),
        ("chat:session-update", "post"),
        ("chat:session-delete", "post"),
        ("chat:message-create", "post"),
        ("chat:message-regenerate", "post"),
    ],
)
def test_bob_gets_404_on_alices_chat(bob_client, session_with_messages, sent_jobs, name, method):
    url = reverse(name, args=[session_with_messages.pk])
    response = getattr(bob_client, method)(url, {"content": "hi", "title": "mine"}, **HTMX)
    assert response.status_code == 404
    session_with_messages.refresh_from_db()
    assert session_with_messages.title == "Cholesterol results"
    assert session_with_messages.messages.count() == 2


@pytest.mark.parametrize(
    "name,method",
    [
        ("chat:message-detail", "get"),
        ("chat:message-stop", "post"),
        ("chat:message-edit", "post"),
        ("chat:message-version-select", "post"),
    ],
)
def test_bob_gets_404_on_alices_messages(bob_client, bob_session, session_with_messages, sent_jobs, name, method):
    message = session_with_messages.messages.last()
    for session_id in (session_with_messages.pk, bob_session.pk):
        response = getattr(bob_client, method)(reverse(name, args=[session_id, message.pk]), **HTMX)
        assert response.status_code == 404


def test_bob_does_not_find_alices_chats_by_search(bob_client, session_with_messages):
    html = bob_client.get(reverse("chat:sidebar"), {"q": "LDL"}, **HTMX).content.decode()
    assert "Cholesterol" not in html


def test_a_question_past_the_per_person_limit_is_refused_in_the_composer(alice_client, alice, sent_jobs, settings):
    settings.HEALTH_MAX_ACTIVE_PER_USER = 1
    alice_client.post(reverse("chat:session-start"), {"content": "First"}, **HTMX)

    response = alice_client.post(reverse("chat:session-start"), {"content": "Second"}, **HTMX)

    # The same status as the API's: the error carries it.
    assert response.status_code == 429
    assert response["HX-Retarget"] == "#composer-error"
    assert "You already have 1 answer being written" in response.content.decode()
    assert ChatSession.objects.filter(owner=alice).count() == 1


def test_asking_too_fast_is_throttled_with_retry_after(alice_client, session, sent_jobs, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "questions": "2/min"},
    }
    regenerate = reverse("chat:message-regenerate", args=[session.pk])
    for _ in range(2):
        alice_client.post(regenerate, **HTMX)

    response = alice_client.post(reverse("chat:message-create", args=[session.pk]), {"content": "Again?"}, **HTMX)

    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "You are asking very quickly" in response.content.decode()
    assert not session.messages.exists()
