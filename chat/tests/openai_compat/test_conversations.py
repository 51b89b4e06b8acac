"""A request as a chat: continued or made, its images stored, and nothing half-saved when it is refused."""

from datetime import timedelta

import pytest
from django.utils import timezone

from chat.errors import TooManyAnswers
from chat.models import ChatSession, Message
from chat.openai_compat.conversations import api_conversation_end, api_conversation_start, api_unkept_chats_delete
from chat.openai_compat.images import DataImage
from chat.openai_compat.request import CompletionRequest, Turn
from uploads.models import Upload
from uploads.tests.helpers import image_bytes

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("sent_jobs")]


def asking(text="Is 160 high?", *, history=(), images=()):
    return CompletionRequest(
        model="m", instructions="", history=history, question=Turn(role="user", text=text, images=images)
    )


def finish(conversation, text="Yes, it is high."):
    Message.objects.filter(pk=conversation.answer.pk).update(status=Message.Status.DONE, content=text)


def test_an_answered_turn_is_continued_by_the_clients_next_request(alice):
    first = asking()
    conversation = api_conversation_start(owner=alice, keep_history=True, request=first)
    finish(conversation)
    api_conversation_end(conversation=conversation, request=first)

    history = (first.question, Turn(role="assistant", text="Yes, it is high."))
    second = api_conversation_start(owner=alice, keep_history=True, request=asking("And 40?", history=history))

    assert second.continued and second.session == conversation.session
    assert second.session.messages.count() == 4


def test_an_unfinished_answer_is_not_continued(alice):
    first = asking()
    conversation = api_conversation_start(owner=alice, keep_history=True, request=first)
    Message.objects.filter(pk=conversation.answer.pk).update(status=Message.Status.CANCELLED, content="Ye")
    api_conversation_end(conversation=conversation, request=first)

    history = (first.question, Turn(role="assistant", text="Ye"))
    second = api_conversation_start(owner=alice, keep_history=True, request=asking("And 40?", history=history))

    assert not second.continued
    assert [m.content for m in second.session.messages.order_by("pk")][:3] == ["Is 160 high?", "Ye", "And 40?"]


def test_a_refused_question_leaves_no_chat_message_or_file(alice, settings):
    settings.HEALTH_MAX_ACTIVE_PER_USER = 1
    api_conversation_start(owner=alice, keep_history=True, request=asking())
    image = DataImage(image_bytes(size=(40, 30)), "image/png")
    history = (Turn(role="user", text="Earlier", images=(image,)), Turn(role="assistant", text="Noted."))

    with pytest.raises(TooManyAnswers):
        api_conversation_start(owner=alice, keep_history=True, request=asking(history=history, images=(image,)))

    assert ChatSession.objects.filter(owner=alice).count() == 1
    assert not Upload.objects.filter(owner=alice).exists()


def test_images_of_imported_turns_are_attached_where_they_were_sent(alice):
    image = DataImage(image_bytes(size=(40, 30)), "image/png")
    history = (Turn(role="user", text="This rash", images=(image,)), Turn(role="assistant", text="I see."))

    conversation = api_conversation_start(owner=alice, keep_history=True, request=asking("Worse now?", history=history))

    first, _, question, _ = conversation.session.messages.order_by("pk")
    assert first.attachments.get().original_name == "chat-image-1.png"
    assert not question.attachments.exists()


def test_a_chat_kept_for_no_history_goes_with_its_files_when_its_request_ends(alice):
    image = DataImage(image_bytes(size=(40, 30)), "image/png")
    request = asking(images=(image,))
    conversation = api_conversation_start(owner=alice, keep_history=False, request=request)
    assert not conversation.session.kept

    api_conversation_end(conversation=conversation, request=request)

    assert not ChatSession.objects.filter(owner=alice).exists()
    assert not Upload.objects.filter(owner=alice).exists()


def test_unkept_chats_left_by_a_dead_process_are_swept(alice):
    conversation = api_conversation_start(owner=alice, keep_history=False, request=asking())
    kept = api_conversation_start(owner=alice, keep_history=True, request=asking())
    ChatSession.objects.update(updated_at=timezone.now() - timedelta(hours=2))

    assert api_unkept_chats_delete(idle_for=timedelta(hours=1)) == 1
    assert list(ChatSession.objects.values_list("pk", flat=True)) == [kept.session.pk]
    assert not ChatSession.objects.filter(pk=conversation.session.pk).exists()


def test_unkept_chats_are_listed_nowhere(alice, alice_api):
    api_conversation_start(owner=alice, keep_history=False, request=asking())

    assert alice_api.get("/api/v1/sessions/").json()["results"] == []
