"""Two factors: staff can't reach the admin without one, anyone may turn one on, and the API asks for it too."""

import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.urls import reverse
from rest_framework.test import APIClient

from conftest import ADMIN_TOTP_SECRET

pytestmark = pytest.mark.django_db

TOKEN_URL = "/api/v1/auth/token/"


@pytest.fixture(autouse=True)
def codes_of_the_last_period_too(settings):
    # A code made just before a 30 s period ends may be checked just after: accept the last period's too.
    settings.MFA_TOTP_TOLERANCE = 1


def current_code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def log_in(client, email: str, password: str) -> None:
    """A password login, confirmed once more as allauth asks before a factor is added (reauthentication)."""
    client.post(reverse("account_login"), {"login": email, "password": password})
    client.post(reverse("account_reauthenticate"), {"password": password})


@pytest.fixture
def staff_without_second_factor(django_user_model, password):
    return django_user_model.objects.create_superuser(email="newstaff@example.com", password=password)


def test_the_admins_login_is_allauths_login(client):
    response = client.get("/admin/login/", {"next": "/admin/"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_the_admin_login_is_rate_limited(client, admin_user, password):
    for _ in range(30):
        client.post(reverse("account_login"), {"login": "admin@example.com", "password": "guess"})
    # The right password no longer helps: allauth's limits (LOGIN_RATE_LIMIT, and requests a minute
    # per IP) hold for staff as for everyone.
    response = client.post(reverse("account_login"), {"login": "admin@example.com", "password": password})
    assert response.status_code == 429 or "Too many failed login attempts" in response.content.decode()
    assert reverse("mfa_authenticate") not in response.get("Location", "")
    assert client.get("/admin/").status_code == 302


def test_staff_without_a_second_factor_are_sent_to_set_one_up(client, staff_without_second_factor, password):
    log_in(client, "newstaff@example.com", password)

    response = client.get(reverse("admin:accounts_user_changelist"))

    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "Staff accounts need two-factor authentication" in page.content.decode()


def test_staff_log_in_with_password_and_code_and_reach_the_admin(client, admin_user, password):
    response = client.post(reverse("account_login"), {"login": "admin@example.com", "password": password})
    # The password alone is not a login: allauth asks for the code.
    assert response["Location"] == reverse("mfa_authenticate")
    assert client.get("/admin/").status_code == 302

    client.post(reverse("mfa_authenticate"), {"code": current_code(ADMIN_TOTP_SECRET)})

    assert client.get("/admin/").status_code == 200


def test_setting_up_a_second_factor_opens_the_admin(client, staff_without_second_factor, password):
    log_in(client, "newstaff@example.com", password)
    client.get(reverse("mfa_activate_totp"))  # shows the QR code of a new secret, kept in the session
    secret = client.session["mfa.totp.secret"]

    response = client.post(reverse("mfa_activate_totp"), {"code": current_code(secret)})

    assert response.status_code == 302
    assert Authenticator.objects.filter(user=staff_without_second_factor, type=Authenticator.Type.TOTP).exists()
    assert client.get("/admin/").status_code == 200


def test_anyone_may_turn_it_on_from_the_account_page(client, alice, password):
    log_in(client, "alice@example.com", password)
    account = client.get(reverse("account_change_password")).content.decode()
    assert reverse("mfa_index") in account
    assert client.get(reverse("mfa_activate_totp")).status_code == 200
    # Ordinary users are never forced: the app works without it.
    assert client.get(reverse("chat:index")).status_code == 200


class TestTheApi:
    SECRET = "KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU"

    @pytest.fixture
    def alice_with_totp(self, alice):
        TOTP.activate(alice, self.SECRET)
        return alice

    def log_in(self, password, **extra):
        return APIClient().post(TOKEN_URL, {"email": "alice@example.com", "password": password, **extra}, format="json")

    def test_the_password_alone_is_refused(self, alice_with_totp, password):
        response = self.log_in(password)
        assert response.status_code == 401
        assert response.json()["error"]["code"] == "second_factor_required"
        assert "send `code`" in response.json()["error"]["message"]

    def test_a_wrong_code_is_refused(self, alice_with_totp, password):
        response = self.log_in(password, code="000000" if current_code(self.SECRET) != "000000" else "111111")
        assert response.status_code == 401
        assert response.json()["error"]["code"] == "second_factor_wrong"

    def test_the_current_code_logs_in(self, alice_with_totp, password):
        response = self.log_in(password, code=current_code(self.SECRET))
        assert response.status_code == 200
        assert set(response.json()) == {"access", "refresh"}

    def test_a_recovery_code_works_once(self, alice_with_totp, password):
        code = RecoveryCodes.activate(alice_with_totp).generate_codes()[0]
        assert self.log_in(password, code=code).status_code == 200
        assert self.log_in(password, code=code).json()["error"]["code"] == "second_factor_wrong"

    def test_wrong_codes_run_into_the_limit(self, alice_with_totp, password):
        answers = [self.log_in(password, code="abcdef").status_code for _ in range(8)]
        assert 429 in answers

    def test_accounts_without_a_second_factor_need_no_code(self, alice, password):
        assert self.log_in(password).status_code == 200
