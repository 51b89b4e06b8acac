"""The encrypted text field: plain in Python, sealed in the database, and no lookup that would silently fail."""

import pytest
from django.core.exceptions import FieldError

from chat.models import ChatSession, Message

pytestmark = pytest.mark.django_db


def test_a_filter_on_sealed_content_fails_loudly(alice):
    with pytest.raises(FieldError, match="Unsupported lookup 'icontains'"):
        list(Message.objects.filter(content__icontains="x"))
    with pytest.raises(FieldError):
        list(ChatSession.objects.filter(title="x"))


def test_isnull_still_works(alice):
    ChatSession.objects.create(owner=alice, title="")
    assert ChatSession.objects.filter(title__isnull=False).count() == 1


def test_bulk_writes_and_updates_seal_too(alice):
    session = ChatSession.objects.create(owner=alice)
    Message.objects.bulk_create(Message(session=session, role="user", content=f"question {n}") for n in range(3))
    Message.objects.filter(session=session).update(error="it failed")
    assert sorted(m.content for m in Message.objects.all()) == ["question 0", "question 1", "question 2"]
    assert {m.error for m in Message.objects.all()} == {"it failed"}
    assert not Message.objects.raw("SELECT id, error FROM chat_message WHERE error LIKE '%%failed%%'")[:1]
