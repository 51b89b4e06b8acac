import re

import pytest
from django.urls import reverse

from accounts.api_keys import api_key_create
from accounts.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_staff_can_list_and_search_users(client, admin_user, alice, bob):
    client.force_login(admin_user)
    response = client.get(reverse("admin:accounts_user_changelist"), {"q": "alice"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "alice@example.com" in html
    assert "bob@example.com" not in html


def test_staff_can_filter_users(client, admin_user, alice):
    client.force_login(admin_user)
    response = client.get(reverse("admin:accounts_user_changelist"), {"is_active__exact": "1", "is_staff__exact": "0"})
    assert response.status_code == 200
    assert "alice@example.com" in response.content.decode()


def test_a_normal_user_is_refused(alice_client):
    response = alice_client.get(reverse("admin:accounts_user_changelist"))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_the_deactivate_action_deactivates(client, admin_user, alice):
    client.force_login(admin_user)
    response = client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "deactivate", "_selected_action": [alice.pk]},
    )
    assert response.status_code == 302
    alice.refresh_from_db()
    assert not alice.is_active


def test_createsuperuser_asks_for_an_email(django_user_model):
    from django.core.management import call_command

    call_command("createsuperuser", "--noinput", email="root@example.com")
    assert django_user_model.objects.get().is_superuser


def test_admins_see_whose_keys_and_when_but_never_a_digest_nor_a_way_to_change_one(admin_client, alice):
    key, raw = api_key_create(owner=alice, name="Open WebUI")

    listed = admin_client.get(reverse("admin:accounts_apikey_changelist"), {"q": "alice"}).content.decode()
    detail = admin_client.get(reverse("admin:accounts_apikey_change", args=[key.pk])).content.decode()

    for html in (listed, detail):
        assert "Open WebUI" in html and key.prefix in html and "alice@example.com" in html
        assert key.digest not in html and raw not in html
    assert 'name="name"' not in detail
    assert admin_client.get(reverse("admin:accounts_apikey_add")).status_code == 403
    assert admin_client.post(reverse("admin:accounts_apikey_delete", args=[key.pk])).status_code == 403
    assert AuditEvent.objects.filter(action=AuditEvent.Action.ADMIN_VIEW, target=f"apikey {key.pk}").exists()


def test_the_admin_is_titled_for_the_app(client, admin_user):
    client.force_login(admin_user)
    html = client.get(reverse("admin:index")).content.decode()
    assert "<title>Site administration | AI Health Assistant administration</title>" in html
    assert "AI Health Assistant administration" in html
    assert "Django administration" not in html


def test_the_admin_has_one_accounts_section(client, admin_user):
    client.force_login(admin_user)
    html = client.get(reverse("admin:index")).content.decode()
    captions = re.findall(r"<caption>\s*<a[^>]*>([^<]+)</a>", html)
    assert [caption for caption in captions if caption.strip().lower() == "accounts"] == ["Accounts"]
    # allauth's email addresses keep a section of their own, named for what is in it.
    assert "Email addresses" in captions
