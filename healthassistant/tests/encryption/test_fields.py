"""The encrypted fields: plain in Python, sealed in the database, and no lookup that would silently fail."""

import pytest
from django.core.exceptions import FieldError, ValidationError
from django.db import connection

from accounts.models import HealthProfile
from chat.models import ChatSession, Message
from healthassistant.encryption import cipher
from healthassistant.encryption.fields import EncryptedIntegerField

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


def test_a_sealed_number_is_an_int_in_python_and_not_in_the_column(alice):
    HealthProfile.objects.create(user=alice, age=73)

    assert HealthProfile.objects.get().age == 73
    assert HealthProfile.objects.filter(age__isnull=True).count() == 0
    with pytest.raises(FieldError):
        list(HealthProfile.objects.filter(age=73))
    with connection.cursor() as cursor:
        cursor.execute("SELECT age FROM accounts_healthprofile")
        [(stored,)] = cursor.fetchall()
    assert "73" not in stored and cipher.looks_sealed(stored)


def test_a_sealed_number_keeps_none_and_refuses_what_is_not_a_number():
    field = EncryptedIntegerField(null=True, blank=True)

    assert field.clean("", None) is None
    assert field.clean("42", None) == 42
    assert field.get_prep_value(None) is None
    with pytest.raises(ValidationError, match=r"Enter a whole number\."):
        field.clean("forty", None)
