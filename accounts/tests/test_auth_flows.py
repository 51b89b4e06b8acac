"""Sign up, log in, log out, password change and reset through the real allauth views."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _link_in(message) -> str:
    return re.search(r"https?://\S+", message.body).group(0)


def test_it_signs_up_with_email_verifies_it_and_logs_in(client, django_user_model, password):
    response = client.post(
        reverse("account_signup"),
        {"email": "Carol@Example.com", "password1": password, "password2": password, "acknowledge_disclaimer": "on"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    user = django_user_model.objects.get()
    assert user.email == "carol@example.com"
    # Verification is mandatory: nothing opens before the link in the mail is followed.
    assert client.get(reverse("chat:index")).status_code == 302
    (message,) = mail.outbox
    assert message.to == ["carol@example.com"]
    confirm = urlsplit(_link_in(message)).path
    assert client.post(confirm).status_code == 302
    client.post(reverse("account_login"), {"login": "carol@example.com", "password": password})
    assert client.get(reverse("chat:index")).status_code == 200


def test_signing_up_with_a_taken_email_looks_the_same_and_mails_its_owner(client, alice, password, django_user_model):
    # Any case: ALICE@example.com is alice's address. The page must not tell a stranger she has an account.
    taken = client.post(
        reverse("account_signup"),
        {"email": "ALICE@example.com", "password1": password, "password2": password, "acknowledge_disclaimer": "on"},
    )
    new = client.post(
        reverse("account_signup"),
        {"email": "dave@example.com", "password1": password, "password2": password, "acknowledge_disclaimer": "on"},
    )

    assert taken.status_code == new.status_code == 302
    assert taken["Location"] == new["Location"] == reverse("account_email_verification_sent")
    assert django_user_model.objects.filter(email__iexact="alice@example.com").count() == 1
    to_alice, to_dave = mail.outbox
    assert to_alice.to == ["alice@example.com"]
    assert "already" in to_alice.body
    assert to_dave.to == ["dave@example.com"]


def test_signup_is_refused_until_the_disclaimer_is_acknowledged(client, django_user_model, password):
    page = client.get(reverse("account_signup")).content.decode()
    assert 'type="checkbox"' in page and "not a diagnosis" in page and "emergency number" in page

    response = client.post(
        reverse("account_signup"), {"email": "erin@example.com", "password1": password, "password2": password}
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_acknowledge_disclaimer-errors"' in html
    assert "Tick this box to confirm you have read it" in html
    assert not django_user_model.objects.exists()
    assert not mail.outbox


def test_it_shows_field_errors_next_to_their_fields(client):
    response = client.post(reverse("account_signup"), {"email": "not-an-email", "password1": "a", "password2": "b"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_email-errors"' in html
    assert "Enter a valid email address." in html


def test_it_logs_in_case_insensitively_and_logs_out(client, alice, password):
    response = client.post(reverse("account_login"), {"login": "ALICE@example.com", "password": password})
    assert response.status_code == 302
    assert client.get(reverse("chat:index")).status_code == 200
    client.post(reverse("account_logout"))
    response = client.get(reverse("chat:index"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_it_rejects_a_wrong_password(client, alice):
    response = client.post(reverse("account_login"), {"login": "alice@example.com", "password": "wrong"})
    assert response.status_code == 200
    assert "not correct" in response.content.decode()


def test_it_sends_a_password_reset_mail(client, alice):
    response = client.post(reverse("account_reset_password"), {"email": "alice@example.com"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["alice@example.com"]
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


def test_it_changes_the_password(alice_client, alice, password):
    response = alice_client.post(
        reverse("account_change_password"),
        {"oldpassword": password, "password1": "a-new-long-passphrase", "password2": "a-new-long-passphrase"},
    )
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.check_password("a-new-long-passphrase")


def test_the_login_rate_limit_kicks_in(client, alice, password):
    for _ in range(5):
        client.post(reverse("account_login"), {"login": "alice@example.com", "password": "wrong"})
    # Even the right password is refused once the limit is reached.
    response = client.post(reverse("account_login"), {"login": "alice@example.com", "password": password})
    assert "Too many failed login attempts" in response.content.decode()
    assert client.get(reverse("chat:index")).status_code == 302


def test_home_sends_visitors_to_login_and_users_to_chat(client, alice):
    assert reverse("account_login") in client.get("/")["Location"]
    client.force_login(alice)
    assert client.get("/")["Location"] == reverse("chat:index")


def test_every_auth_page_uses_the_app_layout(client):
    for name in ("account_login", "account_signup", "account_reset_password"):
        html = client.get(reverse(name)).content.decode()
        assert "app.css" in html
        assert "not a substitute for professional medical advice" in html
