import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_admins_list_chats_with_owner_and_message_count_but_no_title(client, admin_user, session_with_messages):
    client.force_login(admin_user)
    response = client.get(reverse("admin:chat_chatsession_changelist"), {"q": "alice"})
    html = response.content.decode()
    assert response.status_code == 200
    assert f"Chat {str(session_with_messages.pk)[:4]}…" in html
    assert "Cholesterol results" not in html
    assert "alice@example.com" in html
    assert '<td class="field-message_count">2</td>' in html


def test_admins_filter_chats(client, admin_user, session_with_messages):
    client.force_login(admin_user)
    response = client.get(reverse("admin:chat_chatsession_changelist"), {"archived__exact": "1"})
    assert str(session_with_messages) not in response.content.decode()


def test_a_title_is_no_search_term_for_admins(client, admin_user, session_with_messages):
    client.force_login(admin_user)
    response = client.get(reverse("admin:chat_chatsession_changelist"), {"q": "Cholesterol"})
    assert str(session_with_messages) not in response.content.decode()


def test_messages_are_read_only(client, admin_user, session_with_messages):
    client.force_login(admin_user)
    message = session_with_messages.messages.first()
    url = reverse("admin:chat_message_change", args=[message.pk])
    assert client.get(url).status_code == 200
    assert "Is an LDL of 160 high?" not in client.get(url).content.decode()
    client.post(url, {"content": "rewritten"})
    message.refresh_from_db()
    assert message.content == "Is an LDL of 160 high?"
    assert client.get(reverse("admin:chat_message_add")).status_code == 403


def test_a_normal_user_cannot_open_the_chat_admin(alice_client):
    response = alice_client.get(reverse("admin:chat_chatsession_changelist"))
    assert response.status_code == 302
