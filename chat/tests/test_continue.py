"""Continue: an answer cut off at its length limit is written on, as the same answer."""

import pytest
from django.urls import reverse

from chat import services
from chat.errors import ChatConflict, TooManyAnswers
from chat.models import Message

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def cut_off(session) -> Message:
    Message.objects.create(session=session, role=Message.Role.USER, content="Tell me about LDL.")
    return Message.objects.create(
        session=session,
        role=Message.Role.ASSISTANT,
        status=Message.Status.DONE,
        content="LDL is the cholesterol that",
        finish_reason="length",
        stream_seq=7,
        answer_tokens=24,
    )


def test_it_streams_the_same_answer_again_from_where_it_stopped(cut_off, sent_jobs, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        answer = services.message_continue(answer=cut_off)

    answer.refresh_from_db()
    assert answer.pk == cut_off.pk
    assert answer.status == Message.Status.STREAMING
    assert answer.finish_reason == ""
    assert answer.content == "LDL is the cholesterol that"
    assert answer.stream_seq == 7
    assert Message.objects.filter(session=cut_off.session).count() == 2
    assert sent_jobs == [("start", cut_off.pk)]


@pytest.mark.parametrize(
    "change",
    [{"finish_reason": "stop"}, {"status": Message.Status.CANCELLED}, {"status": Message.Status.FAILED}],
    ids=["finished", "stopped", "failed"],
)
def test_only_an_answer_cut_off_at_the_length_limit_can_be_continued(cut_off, sent_jobs, change):
    Message.objects.filter(pk=cut_off.pk).update(**change)

    with pytest.raises(ChatConflict) as refused:
        services.message_continue(answer=cut_off)

    assert refused.value.code == "not_continuable"
    assert sent_jobs == []


def test_only_the_last_answer_can_be_continued(cut_off, sent_jobs):
    services.message_send(session=cut_off.session, content="And HDL?")
    Message.objects.filter(session=cut_off.session, status=Message.Status.STREAMING).update(status=Message.Status.DONE)

    with pytest.raises(ChatConflict):
        services.message_continue(answer=cut_off)


def test_it_counts_against_the_answers_a_person_may_have_written_at_once(cut_off, sent_jobs, settings, alice):
    settings.HEALTH_MAX_ACTIVE_PER_USER = 1
    other = services.session_create(owner=alice)
    services.message_send(session=other, content="Another question")

    with pytest.raises(TooManyAnswers):
        services.message_continue(answer=cut_off)

    cut_off.refresh_from_db()
    assert cut_off.status == Message.Status.DONE


def test_the_page_says_an_answer_stopped_at_the_length_limit_and_offers_continue(alice_client, cut_off):
    html = alice_client.get(reverse("chat:session-detail", args=[cut_off.session_id])).content.decode()

    assert "Stopped at the length limit." in html
    assert reverse("chat:message-continue", args=[cut_off.session_id, cut_off.pk]) in html


def test_continue_answers_with_the_answer_being_written(alice_client, cut_off, sent_jobs):
    url = reverse("chat:message-continue", args=[cut_off.session_id, cut_off.pk])

    response = alice_client.post(url, **HTMX)

    assert response.status_code == 200
    html = response.content.decode()
    assert f'id="message-{cut_off.pk}"' in html
    assert "data-streaming" in html
    assert 'data-seq="7"' in html
    assert "LDL is the cholesterol that" in html
    assert "Stopped at the length limit." not in html


def test_continue_refused_shows_the_reason_in_the_composer(alice_client, cut_off, sent_jobs):
    Message.objects.filter(pk=cut_off.pk).update(finish_reason="stop")

    response = alice_client.post(reverse("chat:message-continue", args=[cut_off.session_id, cut_off.pk]), **HTMX)

    assert response.status_code == 409
    assert response["HX-Retarget"] == "#composer-error"
    assert "length limit" in response.content.decode()


def test_bob_cant_continue_alices_answer(bob_client, cut_off, sent_jobs):
    response = bob_client.post(reverse("chat:message-continue", args=[cut_off.session_id, cut_off.pk]), **HTMX)

    assert response.status_code == 404
    cut_off.refresh_from_db()
    assert cut_off.status == Message.Status.DONE
    assert sent_jobs == []
