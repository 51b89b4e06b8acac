import pytest
from django.urls import reverse

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
