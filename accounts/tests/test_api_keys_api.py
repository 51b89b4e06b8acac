"""/api/v1/me/keys/: making, listing and revoking your API keys with a JWT; the key itself is in one reply only."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient
from rest_framework.throttling import SimpleRateThrottle

from accounts.api_keys import API_KEYS_PER_USER, InvalidApiKey, api_key_authenticate, api_key_create
from accounts.models import ApiKey

pytestmark = pytest.mark.django_db

URL = "/api/v1/me/keys/"
FIELDS = {"id", "name", "prefix", "created_at", "expires_at", "last_used_at", "keep_history", "expired"}


def detail(key_id) -> str:
    return f"{URL}{key_id}/"


def key_client(raw: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    return client


def test_post_makes_a_key_and_the_reply_holds_it_once(alice_api, alice):
    response = alice_api.post(URL, {"name": "Open WebUI"}, format="json")

    assert response.status_code == 201
    body = response.json()
    assert set(body) == FIELDS | {"key"}
    assert (body["name"], body["keep_history"], body["expires_at"], body["last_used_at"]) == (
        "Open WebUI",
        True,
        None,
        None,
    )
    assert body["key"].startswith(body["prefix"])
    assert api_key_authenticate(body["key"]).owner == alice

    listed = alice_api.get(URL)
    assert body["key"] not in listed.content.decode()
    assert [set(key) for key in listed.json()["results"]] == [FIELDS]


def test_post_takes_an_iso_expiry_and_the_history_choice(alice_api):
    expiry = (timezone.now() + timedelta(days=30)).replace(microsecond=0)

    response = alice_api.post(
        URL, {"name": "Trial", "expires_at": expiry.isoformat(), "keep_history": False}, format="json"
    )

    assert response.status_code == 201
    key = ApiKey.objects.get()
    assert (key.expires_at, key.keep_history) == (expiry, False)
    assert datetime.fromisoformat(response.json()["expires_at"]) == expiry


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({}, "name"),
        ({"name": ""}, "name"),
        ({"name": "   "}, "name"),
        ({"name": "x" * 101}, "name"),
        ({"name": "nul\x00byte"}, "name"),
        ({"name": "two\nlines"}, "name"),
        ({"name": "Trial", "expires_at": "2001-01-01T00:00:00Z"}, "expires_at"),
        ({"name": "Trial", "expires_at": "next week"}, "expires_at"),
        ({"name": "Trial", "expires_at": "9999-12-31T23:59:59-12:00"}, "expires_at"),
        ({"name": 5}, "name"),
        ({"name": "Trial", "keep_history": "perhaps"}, "keep_history"),
        ({"name": "Trial", "keep_history": 1}, "keep_history"),
    ],
)
def test_post_refuses_invalid_fields_with_a_clear_400(alice_api, data, field):
    response = alice_api.post(URL, data, format="json")

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "validation_error"
    assert field in response.json()["error"]["fields"]
    assert not ApiKey.objects.exists()


def test_a_past_expiry_says_to_choose_the_future(alice_api):
    past = (datetime.now(UTC) - timedelta(hours=1)).isoformat()

    response = alice_api.post(URL, {"name": "Trial", "expires_at": past}, format="json")

    assert response.json()["error"]["fields"]["expires_at"] == [
        "Choose a moment in the future, or leave it out for no expiry."
    ]


def test_too_many_keys_is_a_clear_400(alice_api, alice):
    for number in range(API_KEYS_PER_USER):
        api_key_create(owner=alice, name=f"Key {number}")

    response = alice_api.post(URL, {"name": "One more"}, format="json")

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "too_many_api_keys"


def test_the_list_is_the_owners_newest_first_with_expired_keys_marked(
    alice_api, alice, bob, django_assert_max_num_queries
):
    old, _ = api_key_create(owner=alice, name="Old", expires_at=timezone.now() + timedelta(days=1))
    ApiKey.objects.filter(pk=old.pk).update(expires_at=timezone.now() - timedelta(days=1))
    for number in range(5):
        api_key_create(owner=alice, name=f"Key {number}")
    api_key_create(owner=bob, name="Bob's")

    with django_assert_max_num_queries(6):
        body = alice_api.get(URL).json()

    assert body["count"] == 6 and body["next"] is None
    assert [key["name"] for key in body["results"]] == ["Key 4", "Key 3", "Key 2", "Key 1", "Key 0", "Old"]
    assert [key["expired"] for key in body["results"]] == [False] * 5 + [True]


def test_delete_revokes_the_key_at_once(alice_api, alice):
    key, raw = api_key_create(owner=alice, name="Open WebUI")

    response = alice_api.delete(detail(key.pk))

    assert response.status_code == 204
    with pytest.raises(InvalidApiKey):
        api_key_authenticate(raw)
    assert alice_api.get(URL).json()["results"] == []
    assert alice_api.delete(detail(key.pk)).status_code == 404


def test_bob_can_neither_list_nor_revoke_alices_keys(bob_api, alice):
    key, raw = api_key_create(owner=alice, name="Open WebUI")

    assert bob_api.get(URL).json()["results"] == []
    response = bob_api.delete(detail(key.pk))

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    assert api_key_authenticate(raw) == key


def test_a_key_is_no_credential_for_the_rest_api(alice):
    _, raw = api_key_create(owner=alice, name="Open WebUI")
    with_key = key_client(raw)

    for response in (with_key.get("/api/v1/me/"), with_key.get(URL), with_key.post(URL, {"name": "Another"})):
        assert response.status_code == 401
    assert ApiKey.objects.count() == 1


def test_it_needs_a_login(client):
    assert APIClient().get(URL).status_code == 401
    assert APIClient().post(URL, {"name": "x"}, format="json").status_code == 401


def test_it_is_throttled_like_the_rest_of_the_api(alice_api, monkeypatch):
    monkeypatch.setitem(SimpleRateThrottle.THROTTLE_RATES, "user", "2/min")

    statuses = [alice_api.get(URL).status_code for _ in range(3)]

    assert statuses == [200, 200, 429]
