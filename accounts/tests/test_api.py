"""JWT login, refresh rotation, logout, /me/, and the errors every API client meets first."""

from datetime import timedelta

import pytest
from rest_framework.test import APIClient
from rest_framework.throttling import SimpleRateThrottle
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken
from rest_framework_simplejwt.tokens import AccessToken, RefreshToken

pytestmark = pytest.mark.django_db

TOKEN_URL = "/api/v1/auth/token/"
REFRESH_URL = "/api/v1/auth/token/refresh/"
BLACKLIST_URL = "/api/v1/auth/token/blacklist/"
ME_URL = "/api/v1/me/"


@pytest.fixture
def api() -> APIClient:
    return APIClient()


def log_in(api: APIClient, email: str, password: str):
    return api.post(TOKEN_URL, {"email": email, "password": password}, format="json")


def bearer(token) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def test_it_logs_in_with_email_and_password_and_the_token_works(api, alice, password):
    response = log_in(api, "alice@example.com", password)
    assert response.status_code == 200
    assert set(response.json()) == {"access", "refresh"}
    me = api.get(ME_URL, **bearer(response.json()["access"]))
    assert me.status_code == 200
    assert me.json()["email"] == "alice@example.com"
    assert me.json()["id"] == alice.pk


def test_it_logs_in_case_insensitively(api, alice, password):
    assert log_in(api, "ALICE@Example.com", password).status_code == 200


def test_it_refuses_a_wrong_password_in_the_error_shape(api, alice):
    response = log_in(api, "alice@example.com", "wrong")
    assert response.status_code == 401
    error = response.json()["error"]
    assert error["code"] == "no_active_account"
    assert "email and password" in error["message"]
    assert error["fields"] == {}
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_it_refuses_an_inactive_account(api, alice, password):
    alice.is_active = False
    alice.save()
    assert log_in(api, "alice@example.com", password).status_code == 401


def test_missing_credentials_are_field_errors(api):
    response = api.post(TOKEN_URL, {}, format="json")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    assert set(error["fields"]) == {"email", "password"}
    assert error["message"].startswith("`email`: This field is required.")


def test_failed_logins_count_against_the_login_pages_limit(api, alice, password):
    for _ in range(5):
        log_in(api, "alice@example.com", "wrong")
    # Even the right password is refused once the limit is reached, as on the login page.
    response = log_in(api, "alice@example.com", password)
    assert response.status_code == 429
    assert response.json()["error"]["code"] == "throttled"
    assert "Too many failed logins" in response.json()["error"]["message"]


def test_mandatory_email_verification_applies_to_tokens_too(api, django_user_model, password):
    django_user_model.objects.create_user(email="carol@example.com", password=password)  # never verified
    response = log_in(api, "carol@example.com", password)
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "email_unverified"


def test_refresh_rotates_and_blacklists_the_old_refresh_token(api, alice, password):
    pair = log_in(api, "alice@example.com", password).json()
    response = api.post(REFRESH_URL, {"refresh": pair["refresh"]}, format="json")
    assert response.status_code == 200
    rotated = response.json()
    assert rotated["refresh"] != pair["refresh"]
    assert api.get(ME_URL, **bearer(rotated["access"])).status_code == 200
    # The new one works once, and so on; the old one was used up (test_tokens: reusing it revokes them all).
    assert api.post(REFRESH_URL, {"refresh": rotated["refresh"]}, format="json").status_code == 200
    assert BlacklistedToken.objects.filter(token__jti=RefreshToken(pair["refresh"], verify=False)["jti"]).exists()


def test_blacklist_logs_out(api, alice, password):
    pair = log_in(api, "alice@example.com", password).json()
    response = api.post(BLACKLIST_URL, {"refresh": pair["refresh"]}, format="json")
    assert response.status_code == 204
    after = api.post(REFRESH_URL, {"refresh": pair["refresh"]}, format="json")
    assert after.status_code == 401
    assert api.post(BLACKLIST_URL, {"refresh": pair["refresh"]}, format="json").status_code == 401


def test_an_access_token_is_no_refresh_token(api, alice):
    response = api.post(REFRESH_URL, {"refresh": str(AccessToken.for_user(alice))}, format="json")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "token_not_valid"


def test_a_refresh_token_of_a_deleted_account_is_refused(api, alice):
    refresh = str(RefreshToken.for_user(alice))
    alice.delete()
    response = api.post(REFRESH_URL, {"refresh": refresh}, format="json")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "no_active_account"


def test_an_expired_access_token_is_401(api, alice):
    token = AccessToken.for_user(alice)
    token.set_exp(lifetime=-timedelta(seconds=1))
    response = api.get(ME_URL, **bearer(token))
    assert response.status_code == 401
    error = response.json()["error"]
    assert error["code"] == "token_not_valid"
    assert "/api/v1/auth/token/refresh/" in error["message"]


@pytest.mark.parametrize("header", ["Bearer not-a-jwt", "Bearer a b", "Bearer " + "x" * 300])
def test_a_bad_token_is_401(api, alice, header):
    response = api.get(ME_URL, HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert response.json()["error"]["message"]


def test_no_token_is_401_with_how_to_get_one(api):
    response = api.get(ME_URL)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"
    assert "POST /api/v1/auth/token/" in response.json()["error"]["message"]
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'


def test_a_token_of_a_deleted_account_is_401(api, alice):
    token = AccessToken.for_user(alice)
    alice.delete()
    assert api.get(ME_URL, **bearer(token)).status_code == 401


def test_the_per_user_throttle_answers_429_with_retry_after(api, alice, monkeypatch):
    monkeypatch.setitem(SimpleRateThrottle.THROTTLE_RATES, "user", "2/min")
    headers = bearer(AccessToken.for_user(alice))
    assert [api.get(ME_URL, **headers).status_code for _ in range(2)] == [200, 200]
    response = api.get(ME_URL, **headers)
    assert response.status_code == 429
    assert response.json()["error"]["code"] == "throttled"
    assert 0 < int(response["Retry-After"]) <= 60


def test_a_wrong_method_is_405_in_the_error_shape(api, alice):
    response = api.put(ME_URL, {}, format="json", **bearer(AccessToken.for_user(alice)))
    assert response.status_code == 405
    assert response.json()["error"]["code"] == "method_not_allowed"


def test_a_form_body_is_415_with_what_to_send(api):
    response = api.post(TOKEN_URL, {"email": "a@example.com", "password": "x"})
    assert response.status_code == 415
    assert "application/json" in response.json()["error"]["message"]


def test_malformed_json_is_400(api):
    response = api.generic("POST", TOKEN_URL, "{not json", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "parse_error"


def test_an_unknown_api_path_is_a_json_404(api):
    for path in ("/api/v1/nothing-here/", "/api/v1/me"):
        response = api.post(path)
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"


def test_an_unexpected_failure_is_a_500_in_the_error_shape(api, alice, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr("accounts.api.serializers.MeSerializer.to_representation", broken)
    response = api.get(ME_URL, **bearer(AccessToken.for_user(alice)))
    assert response.status_code == 500
    assert response.json()["error"]["code"] == "server_error"
    assert "a bug" not in response.json()["error"]["message"]
