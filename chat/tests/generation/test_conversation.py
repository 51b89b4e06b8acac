"""From saved history to the engine's request: turns, their files, and alternating roles."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from chat.generation.conversation import generation_request_for
from chat.models import Message
from uploads.services import upload_create
from uploads.tests.helpers import image_bytes, pdf_bytes

pytestmark = pytest.mark.django_db


def say(session, role, content="", status=Message.Status.DONE, uploads=()):
    message = Message.objects.create(session=session, role=role, content=content, status=status)
    message.attachments.set(uploads)
    return message


def test_it_carries_the_history_with_earlier_turns_images_and_documents(alice, session):
    photo = upload_create(owner=alice, file=SimpleUploadedFile("rash.png", image_bytes(size=(300, 200))))
    report = upload_create(owner=alice, file=SimpleUploadedFile("labs.pdf", pdf_bytes("minimal-document.pdf")))
    say(session, Message.Role.USER, "What is this rash?", uploads=[photo])
    say(session, Message.Role.ASSISTANT, "It looks like…")
    say(session, Message.Role.USER, "And my lab report?", uploads=[report])
    answer = say(session, Message.Role.ASSISTANT, status=Message.Status.STREAMING)

    request = generation_request_for(answer=answer)

    assert [turn.role for turn in request.turns] == ["user", "assistant", "user"]
    first, _, last = request.turns
    assert len(first.images) == 1 and first.images[0].mode == "RGB"
    assert last.documents and last.documents[0].name == "labs.pdf"
    assert last.documents[0].text.strip()
    assert request.request_id == str(answer.pk)


def test_a_failed_answer_between_two_questions_keeps_roles_alternating(session):
    say(session, Message.Role.USER, "First question")
    say(session, Message.Role.ASSISTANT, status=Message.Status.FAILED)
    say(session, Message.Role.USER, "Second question")
    answer = say(session, Message.Role.ASSISTANT, status=Message.Status.STREAMING)

    request = generation_request_for(answer=answer)

    assert [turn.role for turn in request.turns] == ["user"]
    assert request.turns[0].text == "First question\n\nSecond question"


def test_a_question_with_only_a_file_gets_a_plain_request(alice, session):
    photo = upload_create(owner=alice, file=SimpleUploadedFile("x.png", image_bytes()))
    say(session, Message.Role.USER, "", uploads=[photo])
    answer = say(session, Message.Role.ASSISTANT, status=Message.Status.STREAMING)

    (turn,) = generation_request_for(answer=answer).turns

    assert turn.text == "Please look at the attached file(s)."
    assert len(turn.images) == 1
