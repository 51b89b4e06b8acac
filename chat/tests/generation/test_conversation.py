"""From saved history to the engine's request: turns, their files, the records, About me, alternating roles."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.health_profile import health_profile_update
from chat.generation.conversation import ABOUT_ME, LAB_RESULTS, answer_prepare
from chat.models import Message
from uploads.benchmarks.text_pdf import text_pdf
from uploads.services import upload_create
from uploads.tests.helpers import image_bytes, pdf_bytes, uploaded

pytestmark = pytest.mark.django_db


def say(session, role, content="", status=Message.Status.DONE, uploads=()):
    message = Message.objects.create(session=session, role=role, content=content, status=status)
    message.attachments.set(uploads)
    return message


def test_it_carries_the_history_with_earlier_turns_images_and_the_files_passages(alice, session):
    photo = upload_create(owner=alice, file=SimpleUploadedFile("rash.png", image_bytes(size=(300, 200))))
    report = upload_create(owner=alice, file=SimpleUploadedFile("labs.pdf", pdf_bytes("minimal-document.pdf")))
    say(session, Message.Role.USER, "What is this rash?", uploads=[photo])
    say(session, Message.Role.ASSISTANT, "It looks like…")
    say(session, Message.Role.USER, "And my lab report?", uploads=[report])
    answer = say(session, Message.Role.ASSISTANT, status=Message.Status.STREAMING)

    prepared = answer_prepare(answer=answer)
    request = prepared.request

    assert [turn.role for turn in request.turns] == ["user", "assistant", "user"]
    first, _, last = request.turns
    assert len(first.images) == 1 and first.images[0].mode == "RGB"
    # The attached report takes part even though the question shares no word with it.
    assert last.documents[0].name == "[1] labs.pdf, page 1"
    assert last.documents[0].text.strip()
    assert [passage.upload_id for passage in prepared.records.passages] == [str(report.pk)]
    assert request.request_id == str(answer.pk)


def test_the_question_carries_about_me_then_lab_results_then_the_numbered_passages(alice, session):
    health_profile_update(user=alice, age=52, conditions="Type 2 diabetes", enabled=True)
    report = upload_create(owner=alice, file=uploaded("hba1c.pdf", text_pdf(["HbA1c 7.2 % high", "Lipids normal"])))
    say(session, Message.Role.USER, "Is my HbA1c too high?", uploads=[report])
    answer = say(session, Message.Role.ASSISTANT, status=Message.Status.STREAMING)

    (turn,) = answer_prepare(answer=answer).request.turns

    names = [document.name for document in turn.documents]
    assert names[0] == ABOUT_ME
    assert "Type 2 diabetes" in turn.documents[0].text
    assert names[1] == LAB_RESULTS
    assert "HbA1c 7.2 % high" in turn.documents[1].text
    assert names[2] == "[1] hba1c.pdf, page 1"
    assert turn.text == "Is my HbA1c too high?"


def test_about_me_switched_off_stays_out(alice, session):
    health_profile_update(user=alice, age=52, conditions="Asthma", enabled=False)
    say(session, Message.Role.USER, "Hello")
    answer = say(session, Message.Role.ASSISTANT, status=Message.Status.STREAMING)
    (turn,) = answer_prepare(answer=answer).request.turns
    assert turn.documents == ()


def test_records_from_other_chats_come_in_unless_the_chat_turns_them_off(alice, session):
    upload_create(owner=alice, file=uploaded("ferritin.pdf", text_pdf(["Ferritin 8 ng/mL low"])))
    say(session, Message.Role.USER, "Was my ferritin low?")
    answer = say(session, Message.Role.ASSISTANT, status=Message.Status.STREAMING)

    assert [p.name for p in answer_prepare(answer=answer).records.passages] == ["ferritin.pdf"]

    session.use_records = False
    session.save()
    answer.refresh_from_db()
    assert answer_prepare(answer=answer).records.passages == ()


def test_a_failed_answer_between_two_questions_keeps_roles_alternating(session):
    say(session, Message.Role.USER, "First question")
    say(session, Message.Role.ASSISTANT, status=Message.Status.FAILED)
    say(session, Message.Role.USER, "Second question")
    answer = say(session, Message.Role.ASSISTANT, status=Message.Status.STREAMING)

    request = answer_prepare(answer=answer).request

    assert [turn.role for turn in request.turns] == ["user"]
    assert request.turns[0].text == "First question\n\nSecond question"


def test_a_question_with_only_a_file_gets_a_plain_request(alice, session):
    photo = upload_create(owner=alice, file=SimpleUploadedFile("x.png", image_bytes()))
    say(session, Message.Role.USER, "", uploads=[photo])
    answer = say(session, Message.Role.ASSISTANT, status=Message.Status.STREAMING)

    (turn,) = answer_prepare(answer=answer).request.turns

    assert turn.text == "Please look at the attached file(s)."
    assert len(turn.images) == 1


def test_a_tools_instructions_and_the_answers_own_settings_reach_the_request(session):
    session.instructions = "Answer in one sentence."
    session.save()
    say(session, Message.Role.USER, "Is 160 high?")
    answer = Message.objects.create(
        session=session,
        role=Message.Role.ASSISTANT,
        status=Message.Status.STREAMING,
        generation={"max_new_tokens": 5, "temperature": 0.7, "top_p": 0.9, "seed": 3, "stop": ["\n\n"]},
    )

    request = answer_prepare(answer=answer).request

    assert request.instructions == "Answer in one sentence."
    assert (request.max_new_tokens, request.temperature, request.top_p, request.seed) == (5, 0.7, 0.9, 3)
    assert request.stop == ("\n\n",)


def test_an_answer_without_settings_takes_the_engines_defaults(session):
    say(session, Message.Role.USER, "Is 160 high?")
    answer = say(session, Message.Role.ASSISTANT, status=Message.Status.STREAMING)

    request = answer_prepare(answer=answer).request

    assert (request.max_new_tokens, request.temperature, request.top_p, request.seed, request.stop) == (
        None,
        None,
        None,
        None,
        (),
    )
    assert request.instructions == ""
