"""The audit trail records who did what to an account, from where, and never any content."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import AuditEvent, User

pytestmark = pytest.mark.django_db

Action = AuditEvent.Action
BROWSER = {"HTTP_USER_AGENT": "Mozilla/5.0 (Test) Firefox/140.0"}


def actions_of(user) -> list[str]:
    return list(AuditEvent.objects.filter(actor=user).order_by("at", "pk").values_list("action", flat=True))


def log_in_page(client, email, password):
    return client.post(reverse("account_login"), {"login": email, "password": password}, **BROWSER)


def test_logging_in_and_out_is_recorded_with_ip_and_browser(client, alice, password):
    log_in_page(client, "alice@example.com", password)
    client.post(reverse("account_logout"), **BROWSER)

    assert actions_of(alice) == [Action.LOGIN, Action.LOGOUT]
    event = AuditEvent.objects.filter(actor=alice).first()
    assert event.ip == "127.0.0.1"
    assert event.user_agent == BROWSER["HTTP_USER_AGENT"]
    assert event.target == str(alice.pk)


def test_a_failed_login_counts_against_the_account_it_names_never_with_the_typed_email(client, alice):
    log_in_page(client, "ALICE@example.com", "wrong")
    log_in_page(client, "nobody-here@example.com", "wrong")

    assert actions_of(alice) == [Action.LOGIN_FAILED]
    assert AuditEvent.objects.count() == 1
    stored = AuditEvent.objects.values_list("target", "user_agent")
    assert not any("@" in value for row in stored for value in row)


def test_password_change_and_reset_are_recorded(alice_client, client, alice, password):
    new = "a-new-long-passphrase"
    alice_client.post(reverse("account_change_password"), {"oldpassword": password, "password1": new, "password2": new})
    client.post(reverse("account_reset_password"), {"email": "alice@example.com"})
    link = re.search(r"http://testserver(/accounts/password/reset/key/\S+/)", mail.outbox[0].body).group(1)
    form_url = client.get(link)["Location"]
    client.post(form_url, {"password1": "another-long-passphrase", "password2": "another-long-passphrase"})

    assert Action.PASSWORD_CHANGED in actions_of(alice)
    assert Action.PASSWORD_RESET in actions_of(alice)


def test_api_tokens_issued_refreshed_and_revoked_are_recorded(alice, password):
    api = APIClient()
    tokens = api.post("/api/v1/auth/token/", {"email": "alice@example.com", "password": password}, format="json")
    refreshed = api.post("/api/v1/auth/token/refresh/", {"refresh": tokens.json()["refresh"]}, format="json")
    api.post("/api/v1/auth/token/blacklist/", {"refresh": refreshed.json()["refresh"]}, format="json")

    assert actions_of(alice) == [Action.TOKEN_ISSUED, Action.TOKEN_REFRESHED, Action.TOKEN_REVOKED]


def test_deleting_a_file_is_recorded_by_its_id_not_its_name(alice_client, alice, make_upload):
    upload = make_upload(name="hiv-results.pdf")

    alice_client.post(reverse("uploads:file-delete", args=[upload.pk]))

    event = AuditEvent.objects.get(actor=alice, action=Action.UPLOAD_DELETED)
    assert event.target == str(upload.pk)


def test_a_deleted_account_leaves_only_the_record_that_it_was_deleted(alice_client, alice, password):
    log_in_page(Client(), "alice@example.com", password)
    alice_id = alice.pk

    alice_client.post("/account/delete/", {"password": password}, **BROWSER)

    remaining = list(AuditEvent.objects.values_list("actor", "action", "target"))
    assert remaining == [(None, Action.ACCOUNT_DELETED, str(alice_id))]
    assert not AuditEvent.objects.filter(user_agent__contains="alice").exists()


def test_admins_viewing_chats_and_changing_users_is_recorded(admin_client, admin_user, alice):
    admin_client.get(reverse("admin:chat_chatsession_changelist"))
    admin_client.get(reverse("admin:uploads_upload_changelist"))
    admin_client.post(
        reverse("admin:accounts_user_changelist"), {"action": "deactivate", "_selected_action": [alice.pk]}
    )

    trail = list(AuditEvent.objects.filter(actor=admin_user).values_list("action", "target"))
    assert (Action.ADMIN_VIEW, "chatsession list") in trail
    assert (Action.ADMIN_VIEW, "upload list") in trail
    assert (Action.ADMIN_CHANGE, str(alice.pk)) in trail


def test_people_see_their_own_trail_on_the_account_page(client, alice, bob, password):
    log_in_page(client, "alice@example.com", password)
    log_in_page(Client(), "bob@example.com", password)

    html = client.get("/account/activity/").content.decode()

    assert "Security activity" in html and "Login" in html
    assert html.count("<tr>") == 1 + 1  # the header and alice's one sign-in, not bob's


def test_the_api_lists_the_trail_newest_first_in_pages(alice_api, alice, bob):
    for minutes in range(3):
        AuditEvent.objects.create(actor=alice, action=Action.LOGIN, at=timezone.now() - timedelta(minutes=minutes))
    AuditEvent.objects.create(actor=bob, action=Action.LOGIN)

    body = alice_api.get("/api/v1/me/audit/").json()

    assert body["count"] == 3
    assert set(body["results"][0]) == {"action", "at", "ip", "user_agent", "target"}
    times = [event["at"] for event in body["results"]]
    assert times == sorted(times, reverse=True)
    assert alice_api.get("/api/v1/me/audit/", {"page": "x"}).status_code == 400


def test_old_events_are_pruned_after_the_retention_period(alice, settings):
    settings.AUDIT_RETENTION_DAYS = 30
    AuditEvent.objects.create(actor=alice, action=Action.LOGIN, at=timezone.now() - timedelta(days=31))
    AuditEvent.objects.create(actor=alice, action=Action.LOGOUT)

    call_command("prune_audit_events")

    assert actions_of(alice) == [Action.LOGOUT]


def test_events_are_append_only(alice):
    event = AuditEvent.objects.create(actor=alice, action=Action.LOGIN)
    event.action = Action.LOGOUT

    with pytest.raises(ValueError, match="append-only"):
        event.save()
    assert User.objects.get(pk=alice.pk)
