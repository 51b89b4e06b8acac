"""The API tokens' lifecycle: a refresh token works once, reuse or a login change revokes them all, a login ends."""

import re
import sqlite3
import threading
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from datetime import timedelta

import pytest
from django.core import mail
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient
from rest_framework_simplejwt import tokens as simplejwt_tokens
from rest_framework_simplejwt.token_blacklist.models import OutstandingToken
from rest_framework_simplejwt.utils import datetime_to_epoch

from accounts.audit import Action
from accounts.models import AuditEvent
from accounts.services import user_deactivate
from accounts.tokens import RefreshToken

TOKEN_URL = "/api/v1/auth/token/"
REFRESH_URL = "/api/v1/auth/token/refresh/"
ME_URL = "/api/v1/me/"
NEW_PASSWORD = "a-new-long-passphrase"
LIFETIME = timedelta(days=7)  # JWT_REFRESH_DAYS' default


@pytest.fixture
def api() -> APIClient:
    return APIClient()


@pytest.fixture
def log_in(api, alice, password):
    """A token pair from the real login endpoint, as a script gets one."""

    def log_in(with_password: str = password) -> dict:
        response = api.post(TOKEN_URL, {"email": "alice@example.com", "password": with_password}, format="json")
        assert response.status_code == 200, response.content
        return response.json()

    return log_in


@pytest.fixture
def clock(monkeypatch):
    """Sets the time tokens are made and checked at; only ever in the past, as PyJWT refuses tokens from the future."""

    def set_to(moment):
        monkeypatch.setattr(simplejwt_tokens, "aware_utcnow", lambda: moment)

    return set_to


def refresh(api, token: str):
    return api.post(REFRESH_URL, {"refresh": token}, format="json")


def me(api, access: str):
    return api.get(ME_URL, HTTP_AUTHORIZATION=f"Bearer {access}")


def assert_logged_out(api, pair: dict) -> None:
    """Neither token of the pair works any more, and the answers say to log in again."""
    for response in (me(api, pair["access"]), refresh(api, pair["refresh"])):
        assert response.status_code == 401
        assert response["WWW-Authenticate"].startswith("Bearer")
        assert "Log in again: POST /api/v1/auth/token/" in response.json()["error"]["message"]


@pytest.fixture
def shared_database(transactional_db, alice, tmp_path):
    """The test database, with alice, as production's threads share it; returns `join`, for each thread to call first.

    The default test database, in-memory SQLite, shares one cache between its connections, where a
    locked table fails at once ("database table is locked") instead of waiting its turn as production's
    file does (WAL, busy timeout, BEGIN IMMEDIATE). So there the test and its threads move to a file copy.
    """
    if not (connection.vendor == "sqlite" and connection.is_in_memory_db()):
        yield lambda: None
        return
    path = tmp_path / "db.sqlite3"
    connection.ensure_connection()
    with closing(sqlite3.connect(path)) as copy:
        connection.connection.backup(copy)
    in_memory = connections[DEFAULT_DB_ALIAS]

    def join() -> None:
        connections[DEFAULT_DB_ALIAS] = type(in_memory)(
            {**in_memory.settings_dict, "NAME": str(path)}, DEFAULT_DB_ALIAS
        )

    join()
    yield join
    connection.close()
    connections[DEFAULT_DB_ALIAS] = in_memory


# A refresh token is used once.


def test_of_concurrent_refreshes_of_one_token_exactly_one_succeeds(alice, shared_database):
    token = str(RefreshToken.for_user(alice))
    requests = 8
    start = threading.Barrier(requests)

    def send(_) -> tuple[int, str]:
        # Each thread has its own database connection and goes through the whole stack, middleware included.
        shared_database()
        try:
            start.wait()
            response = Client().post(REFRESH_URL, {"refresh": token}, content_type="application/json")
            return response.status_code, response.json().get("error", {}).get("code", "")
        finally:
            connection.close()

    with ThreadPoolExecutor(requests) as pool:
        answers = list(pool.map(send, range(requests)))

    assert sorted(status for status, _ in answers) == [200] + [401] * (requests - 1)
    # The others used a used token: every token of the account is revoked, the new pair too.
    assert {code for status, code in answers if status == 401} <= {"token_reused", "token_revoked"}
    assert AuditEvent.objects.filter(actor=alice, action=Action.TOKEN_REFRESHED).count() == 1
    assert not OutstandingToken.objects.filter(user=alice, blacklistedtoken__isnull=True).exists()


@pytest.mark.django_db
def test_reusing_a_rotated_refresh_token_revokes_every_token_of_the_account(api, log_in, bob, password):
    laptop, script = log_in(), log_in()
    bobs = api.post(TOKEN_URL, {"email": "bob@example.com", "password": password}, format="json").json()
    rotated = refresh(api, laptop["refresh"]).json()

    reused = refresh(api, laptop["refresh"])

    assert reused.status_code == 401
    error = reused.json()["error"]
    assert error["code"] == "token_reused"
    assert error["message"].startswith("This refresh token was already used")
    for pair in (rotated, script):
        assert_logged_out(api, pair)
    assert not OutstandingToken.objects.filter(user__email="alice@example.com", blacklistedtoken__isnull=True).exists()
    assert AuditEvent.objects.filter(action=Action.TOKEN_REVOKED).count() == 1
    # Sending it once more changes nothing, and a new login works.
    assert refresh(api, laptop["refresh"]).json()["error"]["code"] == "token_revoked"
    assert me(api, log_in()["access"]).status_code == 200
    # Another account's tokens stay.
    assert me(api, bobs["access"]).status_code == 200
    assert refresh(api, bobs["refresh"]).status_code == 200


# A password change, a reset or a deactivation revokes every token.


@pytest.mark.django_db
def test_a_password_change_on_the_website_revokes_every_token(api, log_in, alice_client, password):
    pair = log_in()

    response = alice_client.post(
        reverse("account_change_password"),
        {"oldpassword": password, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )

    assert response.status_code == 302
    assert_logged_out(api, pair)
    assert me(api, pair["access"]).json()["error"]["code"] == "token_revoked"
    assert me(api, log_in(NEW_PASSWORD)["access"]).status_code == 200


@pytest.mark.django_db
def test_a_password_reset_revokes_every_token(api, log_in, client):
    pair = log_in()
    client.post(reverse("account_reset_password"), {"email": "alice@example.com"})
    link = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/\S+)", mail.outbox[0].body).group(1)
    form = client.get(link, follow=True).redirect_chain[-1][0]

    response = client.post(form, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    assert response.status_code == 302
    assert_logged_out(api, pair)
    assert me(api, log_in(NEW_PASSWORD)["access"]).status_code == 200


@pytest.mark.django_db
def test_a_password_set_in_the_admin_revokes_every_token(api, log_in, client, admin_user, alice):
    pair = log_in()
    client.force_login(admin_user)

    response = client.post(
        reverse("admin:auth_user_password_change", args=[alice.pk]),
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )

    assert response.status_code == 302
    assert_logged_out(api, pair)


@pytest.mark.django_db
def test_deactivating_accounts_revokes_every_token(api, log_in, alice):
    pair = log_in()

    user_deactivate(users=[alice])

    assert_logged_out(api, pair)


@pytest.mark.django_db
def test_unsetting_is_active_revokes_every_token_even_once_the_account_is_active_again(api, log_in, alice):
    pair = log_in()
    alice.is_active = False
    alice.save()
    alice.is_active = True
    alice.save()

    assert_logged_out(api, pair)
    assert me(api, log_in()["access"]).status_code == 200


# A login lasts JWT_REFRESH_DAYS, however often it is refreshed.


@pytest.mark.django_db
def test_a_rotated_refresh_token_expires_when_the_login_does(api, log_in, clock):
    logged_in_at = timezone.now() - timedelta(days=6)
    clock(logged_in_at)
    first = log_in()["refresh"]
    clock(logged_in_at + timedelta(days=3))

    rotated = refresh(api, first).json()["refresh"]

    clock(timezone.now())
    token = RefreshToken(rotated)
    assert token["exp"] == datetime_to_epoch(logged_in_at + LIFETIME)
    assert token["auth_time"] == datetime_to_epoch(logged_in_at)
    # Once more, with the real clock: still no later.
    assert RefreshToken(refresh(api, rotated).json()["refresh"])["exp"] == datetime_to_epoch(logged_in_at + LIFETIME)


@pytest.mark.django_db
def test_refreshing_a_login_older_than_its_lifetime_is_refused(api, alice):
    # As a token made while JWT_REFRESH_DAYS was longer would be: its own exp is still ahead.
    token = RefreshToken.for_login(alice, auth_time=datetime_to_epoch(timezone.now() - LIFETIME - timedelta(minutes=1)))
    token.set_exp(lifetime=timedelta(days=1))

    response = refresh(api, str(token))

    assert response.status_code == 401
    error = response.json()["error"]
    assert error["code"] == "login_expired"
    assert error["message"] == (
        "This login has ended: a login lasts 7 days, however often its tokens are refreshed."
        " Log in again: POST /api/v1/auth/token/ with your email and password."
    )


@pytest.mark.django_db
def test_an_expired_refresh_token_says_to_log_in_again(api, log_in, clock):
    clock(timezone.now() - LIFETIME - timedelta(minutes=1))
    old = log_in()["refresh"]
    clock(timezone.now())

    response = refresh(api, old)

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "login_expired"
