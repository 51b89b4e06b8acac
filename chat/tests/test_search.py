"""Search over sealed titles and messages: decrypted within one person's own chats, matched in memory."""

import pytest

from chat import services
from chat.models import ChatSession, Message
from chat.search import session_ids_matching

pytestmark = pytest.mark.django_db


def chat(owner, title: str, *messages: str, archived: bool = False) -> ChatSession:
    session = ChatSession.objects.create(owner=owner, title=title, archived=archived)
    for content in messages:
        Message.objects.create(session=session, role=Message.Role.USER, content=content)
    return session


def test_it_matches_inside_words_and_across_case_like_the_database_did(alice):
    blood = chat(alice, "Blood count", "My HÄMOGLOBIN is 9.1")
    chat(alice, "Knee", "It hurts when I run")
    assert session_ids_matching(user=alice, archived=False, query="hämo") == {blood.pk}
    assert session_ids_matching(user=alice, archived=False, query="BLOOD C") == {blood.pk}


def test_it_never_sees_another_persons_chats(alice, bob):
    chat(bob, "Ferritin", "ferritin 12")
    assert session_ids_matching(user=alice, archived=False, query="ferritin") == set()


def test_archived_and_active_chats_are_searched_apart(alice):
    active = chat(alice, "A", "thyroid")
    archived = chat(alice, "B", "thyroid", archived=True)
    assert session_ids_matching(user=alice, archived=False, query="thyroid") == {active.pk}
    assert session_ids_matching(user=alice, archived=True, query="thyroid") == {archived.pk}


def test_messages_past_the_bound_are_not_read_but_titles_always_are(alice, settings):
    old = chat(alice, "Old", "glucose 7.2")
    titled = chat(alice, "Glucose diary")
    chat(alice, "New", "one", "two")
    settings.SEARCH_MAX_MESSAGES = 2
    assert session_ids_matching(user=alice, archived=False, query="glucose") == {titled.pk}
    settings.SEARCH_MAX_MESSAGES = 3
    assert session_ids_matching(user=alice, archived=False, query="glucose") == {old.pk, titled.pk}


def test_only_the_versions_on_screen_are_searched(alice):
    session = chat(alice, "Knee", "my knee hurts")
    question = session.messages.get()
    Message.objects.filter(pk=question.pk).update(status=Message.Status.DONE)
    question.refresh_from_db()
    Message.objects.create(session=session, role=Message.Role.ASSISTANT, content="Rest it.", parent=question)
    services.message_edit(question=question, content="my ankle hurts")
    assert session_ids_matching(user=alice, archived=False, query="ankle") == {session.pk}
    assert session_ids_matching(user=alice, archived=False, query="knee hurts") == set()
