import pytest
from django.http import Http404

from chat import selectors, services
from chat.models import Message

pytestmark = pytest.mark.django_db


def test_it_validates_ownership_of_sessions(alice, bob, session):
    assert selectors.session_get_for_user(user=alice, session_id=session.pk) == session
    with pytest.raises(Http404):
        selectors.session_get_for_user(user=bob, session_id=session.pk)
    with pytest.raises(Http404):
        selectors.session_get_for_user(user=alice, session_id="not-a-uuid")


def test_it_validates_ownership_of_messages(alice, bob, session_with_messages):
    message = session_with_messages.messages.first()
    assert selectors.message_get_for_user(user=alice, message_id=message.pk) == message
    with pytest.raises(Http404):
        selectors.message_get_for_user(user=bob, message_id=message.pk)


def test_the_sidebar_lists_pinned_first_then_newest(alice):
    old = services.session_create(owner=alice, title="Old")
    services.session_create(owner=alice, title="New")
    services.session_update(session=old, pinned=True)
    archived = services.session_create(owner=alice, title="Archived")
    services.session_update(session=archived, archived=True)
    sessions, has_more = selectors.session_page_for_user(user=alice)
    assert [s.title for s in sessions] == ["Old", "New"]
    assert not has_more
    assert [s.title for s in selectors.session_page_for_user(user=alice, archived=True)[0]] == ["Archived"]


def test_search_matches_titles_and_message_content(alice, bob, session_with_messages):
    services.session_create(owner=alice, title="Knee pain")
    assert [s.title for s in selectors.session_list_for_user(user=alice, query="knee")] == ["Knee pain"]
    assert [s.title for s in selectors.session_list_for_user(user=alice, query="LDL")] == ["Cholesterol results"]
    assert list(selectors.session_list_for_user(user=bob, query="LDL")) == []


def test_the_sidebar_pages(alice, settings):
    for number in range(selectors.SIDEBAR_PAGE_SIZE + 3):
        services.session_create(owner=alice, title=f"Chat {number}")
    first, has_more = selectors.session_page_for_user(user=alice, page=1)
    second, has_more_after = selectors.session_page_for_user(user=alice, page=2)
    assert len(first) == selectors.SIDEBAR_PAGE_SIZE and has_more
    assert len(second) == 3 and not has_more_after
    assert not {s.pk for s in first} & {s.pk for s in second}


def test_history_opens_on_the_newest_page_and_loads_earlier(session):
    Message.objects.bulk_create(Message(session=session, role=Message.Role.USER, content=f"m{n}") for n in range(70))
    newest, has_earlier = selectors.message_page(session=session)
    assert [m.content for m in newest][-1] == "m69"
    assert len(newest) == selectors.HISTORY_PAGE_SIZE and has_earlier
    earlier, _ = selectors.message_page(session=session, before_id=newest[0].pk)
    assert earlier[-1].content == "m39"


def test_prompt_history_skips_failed_answers_and_is_bounded(session):
    Message.objects.create(session=session, role=Message.Role.USER, content="q1")
    Message.objects.create(session=session, role=Message.Role.ASSISTANT, content="", status=Message.Status.FAILED)
    Message.objects.create(session=session, role=Message.Role.USER, content="q2")
    answer = Message.objects.create(session=session, role=Message.Role.ASSISTANT, status=Message.Status.STREAMING)
    assert [m.content for m in selectors.message_history_for_prompt(message=answer, limit=10)] == ["q1", "q2"]
    assert [m.content for m in selectors.message_history_for_prompt(message=answer, limit=1)] == ["q2"]


def test_a_message_named_with_another_chat_does_not_exist(alice, session_with_messages):
    other = services.session_create(owner=alice, title="Other")
    message = session_with_messages.messages.first()
    assert selectors.message_get_for_user(user=alice, message_id=message.pk, session_id=session_with_messages.pk)
    with pytest.raises(Http404):
        selectors.message_get_for_user(user=alice, message_id=message.pk, session_id=other.pk)
