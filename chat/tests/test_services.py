from datetime import timedelta

import pytest
from django.utils import timezone

from chat import services
from chat.errors import AnswerInProgress, ChatError
from chat.models import ChatSession, Message

pytestmark = pytest.mark.django_db


def test_it_saves_the_question_and_a_streaming_answer_then_starts_it_on_commit(
    session, sent_jobs, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        question, answer = services.message_send(session=session, content="  What is HbA1c?  ")
    assert question.content == "What is HbA1c?"
    assert question.role == Message.Role.USER
    assert answer.status == Message.Status.STREAMING
    assert sent_jobs == [("start", answer.pk)]


def test_nothing_is_started_when_the_transaction_rolls_back(session, sent_jobs, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.message_send(session=session, content="Hello")
    # The job, and the word to the person's other tabs (chat.live_tabs): neither runs without a commit.
    assert len(callbacks) == 2
    assert sent_jobs == []


def test_a_new_chat_takes_its_title_from_the_first_question(alice, sent_jobs):
    session, _, answer = services.session_start(
        owner=alice, content="What does a TSH of 6.2 mean for my thyroid and should I worry about it at all?"
    )
    assert session.title == "What does a TSH of 6.2 mean for my thyroid and should I…"
    services.answer_finish(message_id=answer.pk, content="…", seq=1, status=Message.Status.DONE)
    services.message_send(session=session, content="Another question")
    session.refresh_from_db()
    assert session.title.startswith("What does a TSH")


def test_an_empty_question_is_refused_and_nothing_is_saved(alice, sent_jobs):
    with pytest.raises(ChatError, match="Write a question"):
        services.session_start(owner=alice, content="   ")
    assert not ChatSession.objects.exists()
    assert not Message.objects.exists()


def test_a_too_long_question_is_refused(session, sent_jobs):
    with pytest.raises(ChatError, match="too long"):
        services.message_send(session=session, content="x" * 20_001)


def test_a_second_question_waits_for_the_answer_in_progress(session, sent_jobs):
    services.message_send(session=session, content="First")
    with pytest.raises(AnswerInProgress):
        services.message_send(session=session, content="Second")
    assert Message.objects.filter(session=session).count() == 2


def test_regenerate_keeps_the_last_answer_as_an_earlier_version(session_with_messages, sent_jobs):
    old_answer = session_with_messages.messages.last()
    new_answer = services.message_regenerate(session=session_with_messages)
    old_answer.refresh_from_db()
    assert (old_answer.shown, old_answer.active) == (False, False)
    assert new_answer.status == Message.Status.STREAMING
    shown = session_with_messages.messages.filter(shown=True)
    assert list(shown.values_list("role", flat=True)) == ["user", "assistant"]


def test_regenerate_answers_a_question_whose_answer_failed(session, sent_jobs):
    Message.objects.create(session=session, role=Message.Role.USER, content="Q")
    Message.objects.create(session=session, role=Message.Role.ASSISTANT, status=Message.Status.FAILED, error="busy")
    answer = services.message_regenerate(session=session)
    assert session.messages.filter(shown=True).count() == 2
    assert answer.is_streaming


def test_edit_asks_the_last_question_again_and_answers_it(session_with_messages, sent_jobs):
    original = session_with_messages.messages.first()
    question, answer = services.message_edit(question=original, content="Is 130 high?")
    assert question.content == "Is 130 high?"
    shown = session_with_messages.messages.filter(shown=True)
    assert list(shown.values_list("pk", flat=True)) == [question.pk, answer.pk]


def test_cancel_asks_the_worker_to_stop(session, sent_jobs):
    _, answer = services.message_send(session=session, content="Q")
    services.message_cancel(message=answer)
    assert ("cancel", answer.pk) in sent_jobs


def test_cancel_of_a_finished_answer_is_refused(session_with_messages, sent_jobs):
    with pytest.raises(ChatError, match="not being generated"):
        services.message_cancel(message=session_with_messages.messages.last())


def test_session_update_renames_pins_and_archives(session):
    services.session_update(session=session, title="  Lipids   2026 ", pinned=True, archived=True)
    session.refresh_from_db()
    assert (session.title, session.pinned, session.archived) == ("Lipids 2026", True, True)
    with pytest.raises(ChatError):
        services.session_update(session=session, title="   ")


def test_deleting_a_chat_cancels_its_answer(session, sent_jobs, django_capture_on_commit_callbacks):
    _, answer = services.message_send(session=session, content="Q")
    with django_capture_on_commit_callbacks(execute=True):
        services.session_delete(session=session)
    assert ("cancel", answer.pk) in sent_jobs
    assert not ChatSession.objects.exists()


def test_restart_marks_unfinished_answers_interrupted_and_keeps_their_text(session, sent_jobs):
    _, answer = services.message_send(session=session, content="Q")
    services.answer_save_partial(message_id=answer.pk, content="Partial ans", seq=3)
    assert services.answers_mark_interrupted() == 1
    answer.refresh_from_db()
    assert answer.status == Message.Status.INTERRUPTED
    assert answer.content == "Partial ans"
    assert "Regenerate" in answer.error


def test_a_live_answer_is_not_marked_interrupted_by_another_worker(session, sent_jobs):
    _, answer = services.message_send(session=session, content="Q")
    assert services.answers_mark_interrupted(idle_for=timedelta(seconds=30)) == 0
    Message.objects.filter(pk=answer.pk).update(updated_at=timezone.now() - timedelta(minutes=5))
    assert services.answers_mark_interrupted(idle_for=timedelta(seconds=30)) == 1


def test_one_person_may_have_only_so_many_answers_being_written(alice, bob, sent_jobs, settings):
    settings.HEALTH_MAX_ACTIVE_PER_USER = 2
    services.session_start(owner=alice, content="First")
    services.session_start(owner=alice, content="Second")

    with pytest.raises(ChatError, match="You already have 2 answers being written") as refused:
        services.session_start(owner=alice, content="Third")

    assert refused.value.code == "too_many_answers"
    # Nothing of the refused question was saved: no chat, no message.
    assert ChatSession.objects.filter(owner=alice).count() == 2
    assert Message.objects.filter(session__owner=alice).count() == 4
    services.session_start(owner=bob, content="Bob is not held up by Alice")


def test_a_finished_answer_makes_room_for_the_next_question(alice, sent_jobs, settings):
    settings.HEALTH_MAX_ACTIVE_PER_USER = 1
    _, _, answer = services.session_start(owner=alice, content="First")
    other = services.session_create(owner=alice)
    with pytest.raises(ChatError, match="1 answer being written"):
        services.message_send(session=other, content="Second")

    services.answer_finish(message_id=answer.pk, content="Done.", seq=1, status=Message.Status.DONE)

    services.message_send(session=other, content="Second")


def test_regenerate_counts_against_the_same_limit(alice, session_with_messages, sent_jobs, settings):
    settings.HEALTH_MAX_ACTIVE_PER_USER = 1
    services.session_start(owner=alice, content="Busy elsewhere")

    with pytest.raises(ChatError, match="answer being written"):
        services.message_regenerate(session=session_with_messages)

    # The answer regenerate would have replaced is still there.
    assert session_with_messages.messages.filter(role=Message.Role.ASSISTANT).count() == 1
