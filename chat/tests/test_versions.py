"""Versions: edit any question, regenerate an answer, and switch between the versions, in pages, API and exports."""

import importlib
import io
import json
import zipfile

import pytest
from django.apps import apps
from django.urls import reverse

from chat import services
from chat.errors import AnswerInProgress, ChatConflict
from chat.generation.conversation import answer_prepare
from chat.generation.model_status import model_status_publish
from chat.models import ChatSession, Message
from chat.selectors import message_history_for_prompt, message_page
from chat.tests.test_export import body

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def ask(session: ChatSession, question: str) -> tuple[Message, Message]:
    """A question and its finished answer."""
    asked, answer = services.message_send(session=session, content=question)
    services.answer_finish(message_id=answer.pk, content=f"About {question}", seq=1, status=Message.Status.DONE)
    answer.refresh_from_db()
    return asked, answer


def finish(answer: Message, text: str) -> None:
    services.answer_finish(message_id=answer.pk, content=text, seq=1, status=Message.Status.DONE)


def by_text(session: ChatSession, text: str) -> Message:
    """A message by its words: they are sealed at rest, so the database can't look them up."""
    return next(message for message in session.messages.all() if message.content == text)


def shown_texts(session: ChatSession) -> list[str]:
    return [message.content for message in message_page(session=session)[0]]


@pytest.fixture
def two_turns(session, sent_jobs) -> ChatSession:
    ask(session, "LDL 160")
    ask(session, "Diet")
    return session


def test_editing_a_question_in_the_middle_forks_the_chat(two_turns):
    first = by_text(two_turns, "LDL 160")

    edited, answer = services.message_edit(question=first, content="LDL 130")
    finish(answer, "About LDL 130")

    assert shown_texts(two_turns) == ["LDL 130", "About LDL 130"]
    assert edited.parent_id is None and answer.parent_id == edited.pk
    # Nothing is lost: the old version keeps its answer and the turn that followed.
    assert two_turns.messages.count() == 6
    page = message_page(session=two_turns)[0]
    assert (page[0].versions.number, page[0].versions.count) == (2, 2)
    assert page[1].versions.count == 1


def test_switching_back_brings_the_branch_as_it_was_left(two_turns):
    first = by_text(two_turns, "LDL 160")
    edited, answer = services.message_edit(question=first, content="LDL 130")
    finish(answer, "About LDL 130")

    services.message_version_select(message=first)
    assert shown_texts(two_turns) == ["LDL 160", "About LDL 160", "Diet", "About Diet"]

    services.message_version_select(message=edited)
    assert shown_texts(two_turns) == ["LDL 130", "About LDL 130"]


def test_the_next_question_and_the_models_history_follow_the_version_shown(two_turns, sent_jobs):
    first = by_text(two_turns, "LDL 160")
    _, answer = services.message_edit(question=first, content="LDL 130")
    finish(answer, "About LDL 130")

    question, next_answer = services.message_send(session=two_turns, content="And HDL?")

    assert question.parent_id == answer.pk
    history = [message.content for message in message_history_for_prompt(message=next_answer, limit=50)]
    assert history == ["LDL 130", "About LDL 130", "And HDL?"]
    turns = answer_prepare(answer=next_answer).request.turns
    assert "Diet" not in " ".join(turn.text for turn in turns)


def test_regenerating_keeps_the_earlier_answers_as_versions(session, sent_jobs):
    _, first_answer = ask(session, "LDL 160")
    second_answer = services.message_regenerate(session=session)
    finish(second_answer, "Another view of LDL 160")

    assert shown_texts(session) == ["LDL 160", "Another view of LDL 160"]
    assert message_page(session=session)[0][1].versions.ids == (first_answer.pk, second_answer.pk)

    services.message_version_select(message=first_answer)
    assert shown_texts(session) == ["LDL 160", "About LDL 160"]
    history = message_history_for_prompt(message=services.message_send(session=session, content="Why?")[1], limit=9)
    assert [message.content for message in history] == ["LDL 160", "About LDL 160", "Why?"]


def test_an_edit_keeps_the_questions_files(alice, session, sent_jobs, make_upload):
    upload = make_upload(owner=alice)
    question, answer = services.message_send(session=session, content="What is this?", uploads=[upload])
    finish(answer, "A scan")

    edited, _ = services.message_edit(question=question, content="What does this show?")

    assert list(edited.attachments.all()) == [upload]


def test_what_cannot_be_edited_or_switched_is_refused_and_nothing_changes(two_turns, sent_jobs):
    first = by_text(two_turns, "LDL 160")
    answer = by_text(two_turns, "About LDL 160")
    with pytest.raises(ChatConflict):
        services.message_edit(question=answer, content="An answer is not a question")
    services.message_edit(question=first, content="LDL 130")
    # The first version is hidden now, and so is what followed it.
    hidden_later = by_text(two_turns, "Diet")
    with pytest.raises(ChatConflict):
        services.message_edit(question=hidden_later, content="Not shown")
    # An answer is being written: nothing moves until it ends.
    with pytest.raises(AnswerInProgress):
        services.message_version_select(message=first)
    with pytest.raises(AnswerInProgress):
        services.message_edit(question=by_text(two_turns, "LDL 130"), content="Again")
    assert two_turns.messages.count() == 6
    assert shown_texts(two_turns)[0] == "LDL 130"


def test_versions_are_deleted_with_their_chat(two_turns):
    services.message_edit(question=by_text(two_turns, "Diet"), content="Exercise")
    Message.objects.filter(status=Message.Status.STREAMING).update(status=Message.Status.DONE)

    services.session_delete(session=two_turns)

    assert not Message.objects.exists()


def test_the_migration_chains_the_messages_of_existing_chats(session, bob_session):
    rows = [
        Message.objects.create(session=chat, role=role, content=role)
        for chat in (session, bob_session)
        for role in ("user", "assistant", "user")
    ]
    migration = importlib.import_module("chat.migrations.0006_message_versions")

    migration.chain_existing_messages(apps, None)

    parents = [Message.objects.get(pk=row.pk).parent_id for row in rows]
    assert parents == [None, rows[0].pk, rows[1].pk, None, rows[3].pk, rows[4].pk]


# Pages


def test_every_question_has_the_pencil_and_versions_their_switcher(alice_client, two_turns):
    first = by_text(two_turns, "LDL 160")
    services.message_edit(question=first, content="LDL 130")
    Message.objects.filter(status=Message.Status.STREAMING).update(status=Message.Status.DONE)
    services.message_version_select(message=first)

    html = alice_client.get(reverse("chat:session-detail", args=[two_turns.pk])).content.decode()

    assert html.count('class="edit-question"') == 2
    assert '<span class="version-number">1/2</span>' in html
    assert reverse("chat:message-version-select", args=[two_turns.pk, first.pk + 4]) in html


def test_editing_and_switching_in_the_page(alice_client, two_turns, django_capture_on_commit_callbacks):
    first = by_text(two_turns, "LDL 160")
    url = reverse("chat:message-edit", args=[two_turns.pk, first.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = alice_client.post(url, {"content": "LDL 130"}, **HTMX)
    html = response.content.decode()
    assert "LDL 130" in html and "Diet" not in html and "2/2" in html

    Message.objects.filter(status=Message.Status.STREAMING).update(status=Message.Status.DONE)
    response = alice_client.post(reverse("chat:message-version-select", args=[two_turns.pk, first.pk]), **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="message-list"' in html and "Diet" in html and "LDL 130" not in html and "1/2" in html


def test_switching_while_answering_says_why_in_the_composer(alice_client, two_turns):
    first = by_text(two_turns, "LDL 160")
    services.message_edit(question=first, content="LDL 130")

    response = alice_client.post(reverse("chat:message-version-select", args=[two_turns.pk, first.pk]), **HTMX)

    assert response.status_code == 409
    assert response["HX-Retarget"] == "#composer-error"


# API


@pytest.fixture
def model_ready():
    model_status_publish(state="ready", model_name="tiny-test")


def test_the_api_shows_versions_edits_and_switches(alice_api, two_turns, model_ready, sent_jobs):
    first = by_text(two_turns, "LDL 160")

    response = alice_api.post(f"/api/v1/messages/{first.pk}/edit/", {"content": "LDL 130"}, format="json")
    assert response.status_code == 201
    edited = response.json()["message"]
    assert (edited["versions"], edited["version"], edited["version_count"]) == ([first.pk, edited["id"]], 2, 2)
    assert edited["parent"] is None and edited["shown"] is True
    Message.objects.filter(status=Message.Status.STREAMING).update(status=Message.Status.DONE)

    response = alice_api.post(f"/api/v1/messages/{first.pk}/select/")
    assert response.status_code == 200
    assert (response.json()["version"], response.json()["shown"]) == (1, True)

    page = alice_api.get(f"/api/v1/sessions/{two_turns.pk}/messages/").json()["results"]
    assert [message["content"] for message in page] == ["LDL 160", "About LDL 160", "Diet", "About Diet"]
    assert page[0]["version_count"] == 2 and page[2]["version_count"] == 1
    assert alice_api.get(f"/api/v1/messages/{edited['id']}/").json()["shown"] is False


def test_the_api_refuses_what_it_cannot_do(alice_api, two_turns, model_ready, sent_jobs):
    answer = by_text(two_turns, "About Diet")
    response = alice_api.post(f"/api/v1/messages/{answer.pk}/edit/", {"content": "x"}, format="json")
    assert (response.status_code, response.json()["error"]["code"]) == (409, "not_editable")
    question = by_text(two_turns, "Diet")
    response = alice_api.post(f"/api/v1/messages/{question.pk}/edit/", {"content": "  "}, format="json")
    assert response.status_code == 422
    assert two_turns.messages.count() == 4


def test_bob_gets_404_for_alices_messages_versions(bob_api, two_turns, model_ready, sent_jobs):
    first = by_text(two_turns, "LDL 160")
    assert bob_api.post(f"/api/v1/messages/{first.pk}/edit/", {"content": "mine"}, format="json").status_code == 404
    assert bob_api.post(f"/api/v1/messages/{first.pk}/select/").status_code == 404
    assert two_turns.messages.count() == 4


# Exports


def test_exports_hold_every_version_and_say_which_is_shown(alice_client, two_turns, settings):
    first = by_text(two_turns, "LDL 160")
    services.message_edit(question=first, content="LDL 130")
    Message.objects.filter(status=Message.Status.STREAMING).update(status=Message.Status.DONE)

    archive = zipfile.ZipFile(io.BytesIO(body(alice_client.get("/account/export/"))))
    messages = json.loads(archive.read("export.json"))["chats"][0]["messages"]
    assert len(messages) == 6
    edited = next(message for message in messages if message["content"] == "LDL 130")
    assert (edited["version"], edited["version_count"], edited["shown"], edited["parent"]) == (2, 2, True, None)
    assert next(message for message in messages if message["content"] == "Diet")["shown"] is False
    chat_markdown = next(archive.read(name).decode() for name in archive.namelist() if name.startswith("chats/"))
    assert "(version 2 of 2)" in chat_markdown and "Diet" not in chat_markdown

    transcript = alice_client.get(reverse("chat:session-export", args=[two_turns.pk]), {"format": "md"})
    text = transcript.content.decode()
    assert "version 2 of 2" in text and "LDL 130" in text and "Diet" not in text
