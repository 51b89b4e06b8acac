"""Personal API keys: made, checked, recorded and revoked by accounts.api_keys; only their digest is kept."""

import hashlib
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone

from accounts.api_keys import (
    API_KEYS_PER_USER,
    InvalidApiKey,
    api_key_authenticate,
    api_key_create,
    api_key_get_for_user,
    api_key_revoke,
    api_keys_for_user,
)
from accounts.audit import AuditContext
from accounts.models import ApiKey, AuditEvent
from accounts.services import user_deactivate, user_delete
from healthassistant.errors import ApplicationError

pytestmark = pytest.mark.django_db

Action = AuditEvent.Action
FROM_A_SCRIPT = AuditContext(ip="203.0.113.7", user_agent="OpenAI/Python 1.99.0")


@pytest.fixture
def alices_key(alice):
    return api_key_create(owner=alice, name="Open WebUI")


def refusal(raw: str) -> InvalidApiKey:
    with pytest.raises(InvalidApiKey) as refused:
        api_key_authenticate(raw)
    assert refused.value.http_status == 401
    return refused.value


def make_stale(key: ApiKey, **fields) -> None:
    ApiKey.objects.filter(pk=key.pk).update(**fields)


def test_a_new_key_authenticates_as_its_owner(alice, alices_key):
    key, raw = alices_key

    found = api_key_authenticate(raw)

    assert found == key
    assert found.owner == alice
    assert found.keep_history is True
    assert raw.startswith("ha-") and len(raw) == 46


def test_each_key_is_new_and_only_its_digest_is_kept(alice, alices_key):
    key, raw = alices_key
    _, other = api_key_create(owner=alice, name="LangChain")

    stored = ApiKey.objects.filter(pk=key.pk).values().get()
    assert other != raw
    assert stored["digest"] == hashlib.sha256(raw.encode()).hexdigest()
    assert stored["prefix"] == raw[:10]
    assert not any(raw in str(value) for value in stored.values())
    assert raw not in str(key) and key.digest not in str(key)


def test_the_name_is_trimmed_and_must_be_one_line_of_text(alice):
    key, _ = api_key_create(owner=alice, name="  Open WebUI  ")
    assert key.name == "Open WebUI"

    for name in ("", "   ", "x" * 101, "line\nbreak", "nul\x00byte", "evil\u202etxt.exe"):
        with pytest.raises(ValidationError):
            api_key_create(owner=alice, name=name)
    assert api_keys_for_user(user=alice).count() == 1


def test_a_revoked_key_is_refused_at_once_and_leaves_the_list(alice, alices_key):
    key, raw = alices_key

    api_key_revoke(api_key=key)

    assert refusal(raw).code == "invalid_api_key"
    assert not api_keys_for_user(user=alice).exists()


def test_an_expired_key_is_refused_with_its_own_code_and_stays_listed(alice):
    key, raw = api_key_create(owner=alice, name="Trial", expires_at=timezone.now() + timedelta(days=1))
    assert api_key_authenticate(raw) == key

    make_stale(key, expires_at=timezone.now() - timedelta(seconds=1))

    refused = refusal(raw)
    assert refused.code == "expired_api_key"
    assert "expired on" in refused.message
    assert [listed.is_expired for listed in api_keys_for_user(user=alice)] == [True]


def test_an_expiry_must_be_in_the_future(alice):
    with pytest.raises(ApplicationError) as refused:
        api_key_create(owner=alice, name="Trial", expires_at=timezone.now() - timedelta(minutes=1))

    assert (refused.value.code, refused.value.http_status) == ("expiry_in_past", 400)
    assert not ApiKey.objects.exists()


def test_a_deactivated_accounts_keys_are_refused_until_it_is_active_again(alice, alices_key):
    key, raw = alices_key

    user_deactivate(users=[alice])
    assert refusal(raw).code == "account_inactive"

    alice.refresh_from_db()
    alice.is_active = True
    alice.save()
    assert api_key_authenticate(raw) == key


def test_a_deleted_accounts_keys_go_with_it(alice, alices_key, password):
    _, raw = alices_key

    user_delete(user=alice, password=password)

    assert not ApiKey.objects.exists()
    assert refusal(raw).code == "invalid_api_key"


def test_an_unknown_key_is_refused(alices_key):
    _, raw = alices_key

    assert refusal("ha-" + "A" * 43).code == "invalid_api_key"
    assert refusal(raw[:-1] + ("B" if raw[-1] != "B" else "C")).code == "invalid_api_key"


@pytest.mark.parametrize(
    "raw", ["ha-short", "sk-" + "A" * 43, "ha-" + "A" * 43 + "\x00", "ha-" + "é" * 43, "ha-" + "A" * 100_000]
)
def test_a_malformed_key_is_refused_without_a_query(db, raw, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert refusal(raw).code == "invalid_api_key"


def test_no_key_at_all_says_how_to_send_one(db):
    refused = refusal("")

    assert refused.code == "invalid_api_key"
    assert "Authorization: Bearer" in refused.message


def test_bob_cant_reach_alices_key(alice, bob, alices_key):
    key, _ = alices_key

    assert api_key_get_for_user(user=alice, key_id=key.pk) == key
    for user, key_id in ((bob, key.pk), (alice, "not-a-number"), (alice, 2**70), (alice, key.pk + 1)):
        with pytest.raises(Http404):
            api_key_get_for_user(user=user, key_id=key_id)
    assert not api_keys_for_user(user=bob).exists()


def test_the_list_is_newest_first(alice):
    first, _ = api_key_create(owner=alice, name="First")
    second, _ = api_key_create(owner=alice, name="Second")

    assert list(api_keys_for_user(user=alice)) == [second, first]


def test_use_is_recorded_at_most_once_a_minute(alice, alices_key):
    key, raw = alices_key

    api_key_authenticate(raw, audit=FROM_A_SCRIPT)
    api_key_authenticate(raw, audit=FROM_A_SCRIPT)

    key.refresh_from_db()
    assert timezone.now() - key.last_used_at < timedelta(seconds=5)
    used = AuditEvent.objects.filter(actor=alice, action=Action.API_KEY_USED)
    assert used.count() == 1
    assert (used.get().ip, used.get().user_agent) == ("203.0.113.7", "OpenAI/Python 1.99.0")

    make_stale(key, last_used_at=timezone.now() - timedelta(seconds=61))
    api_key_authenticate(raw)

    assert used.count() == 2


def test_the_audit_trail_names_the_key_by_id_and_holds_no_secret(alice, alices_key):
    key, raw = alices_key
    api_key_authenticate(raw)
    key_id, digest = key.pk, key.digest
    api_key_revoke(api_key=key)

    events = AuditEvent.objects.filter(actor=alice).order_by("at", "pk")
    assert [event.action for event in events] == [Action.API_KEY_CREATED, Action.API_KEY_USED, Action.API_KEY_REVOKED]
    for event in events.values("target", "user_agent", "ip"):
        assert event["target"] == str(key_id)
        for secret in (raw, raw[3:13], digest, "Open WebUI"):
            assert secret not in str(event)


def test_an_account_has_a_bounded_number_of_keys(alice):
    keys = [api_key_create(owner=alice, name=f"Key {number}")[0] for number in range(API_KEYS_PER_USER)]

    with pytest.raises(ApplicationError) as refused:
        api_key_create(owner=alice, name="One too many")
    assert (refused.value.code, refused.value.http_status) == ("too_many_api_keys", 400)

    api_key_revoke(api_key=keys[0])
    api_key_create(owner=alice, name="Room again")
