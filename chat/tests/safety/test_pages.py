"""The emergency panel in the chat pages, whatever the model's state, and the "model unavailable" line."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from chat import services
from chat.generation.model_status import model_status_publish
from chat.models import Message

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
EMERGENCY = "My father's face is drooping and he can't speak properly"


def test_an_emergency_question_shows_the_panel_at_once_even_with_no_model(alice_client, session, sent_jobs, settings):
    settings.EMERGENCY_NUMBER = "911"
    cache.clear()  # no inference worker has reported in
    response = alice_client.post(reverse("chat:message-create", args=[session.pk]), {"content": EMERGENCY}, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="safety-panel"' in html
    assert 'href="tel:911"' in html
    assert "These can be signs of a stroke" in html
    # The question is kept; its answer waits for the model.
    assert [message.role for message in Message.objects.filter(session=session)] == ["user", "assistant"]


def test_the_panel_stays_on_the_chat_page_and_sits_above_the_answer(alice_client, session, sent_jobs):
    model_status_publish(state="ready", model_name="tiny-test", queue_length=10_000)  # busy
    services.message_send(session=session, content=EMERGENCY)
    html = alice_client.get(reverse("chat:session-detail", args=[session.pk])).content.decode()
    assert html.count('class="safety-panel"') == 1
    assert html.index('class="safety-panel"') < html.index("message-assistant")


def test_self_harm_shows_the_crisis_line(alice_client, session, sent_jobs, settings):
    settings.CRISIS_LINE = "Samaritans 116 123"
    response = alice_client.post(
        reverse("chat:message-create", args=[session.pk]), {"content": "I want to kill myself"}, **HTMX
    )
    assert "Samaritans 116 123" in response.content.decode()


def test_an_ordinary_question_shows_no_panel(alice_client, session_with_messages):
    html = alice_client.get(reverse("chat:session-detail", args=[session_with_messages.pk])).content.decode()
    assert "safety-panel" not in html


def test_another_users_chat_is_404(bob_client, session, sent_jobs):
    services.message_send(session=session, content=EMERGENCY)
    assert bob_client.get(reverse("chat:session-detail", args=[session.pk])).status_code == 404


OPERATOR_REASON = (
    "Can't download google/medgemma-4b-it: it is gated and no HF_TOKEN is set. Accept the model's licence; "
    "or try the app on the tiny test model with `make run HEALTH_MODEL=tiny`."
)


def test_people_see_a_plain_message_when_the_model_is_unavailable(alice_client):
    model_status_publish(state="failed", model_name="google/medgemma-4b-it", reason=OPERATOR_REASON)
    html = alice_client.get(reverse("chat:model-status")).content.decode()
    assert "The assistant is not available yet." in html
    assert "your question is kept" in html
    assert "make run" not in html
    assert "HF_TOKEN" not in html


def test_staff_see_the_operators_how_to_once_as_code(client, admin_user):
    client.force_login(admin_user)
    model_status_publish(state="failed", model_name="google/medgemma-4b-it", reason=OPERATOR_REASON)
    html = client.get(reverse("chat:model-status")).content.decode()
    assert html.count("make run HEALTH_MODEL=tiny") == 1
    assert "<code>make run HEALTH_MODEL=tiny</code>" in html
    assert "`" not in html


def test_staff_get_the_general_how_to_when_the_reason_has_none(client, admin_user):
    client.force_login(admin_user)
    cache.clear()
    html = client.get(reverse("chat:model-status")).content.decode()
    assert "No inference worker has reported in." in html
    assert html.count("<code>make run HEALTH_MODEL=tiny</code>") == 1


def test_a_failed_answer_tells_people_plainly_that_the_model_is_unavailable(alice_client, session, sent_jobs):
    _, answer = services.message_send(session=session, content="Is an LDL of 160 high?")
    services.answer_finish(
        message_id=answer.pk,
        content="",
        seq=0,
        status=Message.Status.FAILED,
        error=f"The model is not available: {OPERATOR_REASON}",
        error_code="model_unavailable",
    )
    html = alice_client.get(reverse("chat:session-detail", args=[session.pk])).content.decode()
    assert "The assistant is not available yet. Your question is kept" in html
    assert "HF_TOKEN" not in html.split('id="messages"', 1)[1]


def test_a_refused_question_still_gets_the_panel(alice_client, session, sent_jobs):
    services.message_send(session=session, content="What is a normal TSH?")  # an answer is still being written
    response = alice_client.post(reverse("chat:message-create", args=[session.pk]), {"content": EMERGENCY}, **HTMX)
    html = response.content.decode()
    assert response.status_code == 409
    assert "still answering" in html
    assert 'class="safety-panel"' in html


def test_a_refused_ordinary_question_gets_only_its_error(alice_client, session, sent_jobs):
    services.message_send(session=session, content="What is a normal TSH?")
    response = alice_client.post(reverse("chat:message-create", args=[session.pk]), {"content": "And T4?"}, **HTMX)
    assert response.status_code == 409
    assert "safety-panel" not in response.content.decode()


def test_the_panel_gives_the_number_of_the_country_chosen(alice, alice_client, session, sent_jobs, settings):
    settings.EMERGENCY_NUMBER = "112"
    alice.country = "GB"
    alice.save()
    services.message_send(session=session, content="I want to kill myself")
    # The country chosen wins over the browser's language.
    html = alice_client.get(
        reverse("chat:session-detail", args=[session.pk]), HTTP_ACCEPT_LANGUAGE="en-US"
    ).content.decode()
    assert 'href="tel:999"' in html
    assert "Samaritans, 116 123" in html


def test_without_a_choice_the_panel_follows_the_browsers_language(alice_client, session, sent_jobs, settings):
    settings.EMERGENCY_NUMBER = "112"
    cache.clear()
    url = reverse("chat:message-create", args=[session.pk])
    brazil = alice_client.post(url, {"content": EMERGENCY}, HTTP_ACCEPT_LANGUAGE="pt-BR,pt;q=0.9", **HTMX)
    assert 'href="tel:192"' in brazil.content.decode()
    bare = alice_client.get(reverse("chat:session-detail", args=[session.pk]), HTTP_ACCEPT_LANGUAGE="pt")
    assert 'href="tel:112"' in bare.content.decode()
