"""Deleting an account takes everything with it, at once, and only with the owner's password."""

import pytest
from django.test import Client
from rest_framework.test import APIClient

from accounts.health_profile import health_profile_update
from accounts.models import HealthProfile, User
from accounts.tokens import RefreshToken
from chat import services
from chat.generation import protocol
from chat.models import ChatSession, Message
from uploads.models import Upload
from uploads.tests.helpers import files_under, pdf_bytes

pytestmark = pytest.mark.django_db

DELETE_PAGE = "/account/delete/"
ME_URL = "/api/v1/me/"


@pytest.fixture
def alices_things(alice, make_upload, monkeypatch):
    """Two chats with messages and files, one answer still being written, the cancels sent for it, and an About me."""
    monkeypatch.setattr(protocol, "job_start_generation", lambda *, message_id: None)
    cancels = []
    monkeypatch.setattr(protocol, "job_cancel_generation", lambda *, message_id: cancels.append(message_id))
    scan = make_upload(name="scan.png")
    report = make_upload(name="report.pdf", content=pdf_bytes("minimal-document.pdf"))
    _, _, done = services.session_start(owner=alice, content="First", uploads=[scan])
    services.answer_finish(message_id=done.pk, content="Fine.", seq=1, status=Message.Status.DONE)
    _, _, streaming = services.session_start(owner=alice, content="Second", uploads=[report])
    health_profile_update(user=alice, age=54, medications="Metformin")
    return {"streaming": streaming, "cancels": cancels}


def log_in_for_tokens(email: str, password: str) -> dict:
    return APIClient().post("/api/v1/auth/token/", {"email": email, "password": password}, format="json").json()


def test_the_page_asks_for_the_password_and_deletes_everything(
    alice_client, alice, password, alices_things, media_root, django_capture_on_commit_callbacks
):
    assert "Your password, to confirm" in alice_client.get(DELETE_PAGE).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = alice_client.post(DELETE_PAGE, {"password": password})

    html = response.content.decode()
    assert response.status_code == 200
    assert "Deleted with it: 2 chats, 4 messages and 2 files" in html
    assert not User.objects.filter(pk=alice.pk).exists()
    assert not ChatSession.objects.exists() and not Message.objects.exists() and not Upload.objects.exists()
    assert not HealthProfile.objects.exists()
    assert files_under(media_root) == []
    # The answer being written was cancelled, so the worker stops computing it.
    assert alices_things["cancels"] == [alices_things["streaming"].pk]
    # Logged out: the chat pages send the visitor to the login page.
    assert alice_client.get("/chat/").status_code == 302


def test_a_wrong_password_deletes_nothing(alice_client, alice, alices_things):
    response = alice_client.post(DELETE_PAGE, {"password": "not it"})

    assert response.status_code == 400
    assert "password is not right" in response.content.decode()
    assert User.objects.filter(pk=alice.pk).exists()
    assert ChatSession.objects.filter(owner=alice).count() == 2
    assert HealthProfile.objects.get(user=alice).medications == "Metformin"
    assert alices_things["cancels"] == []


def test_signed_in_elsewhere_is_signed_out_too(alice_client, alice, password, alices_things):
    other_device = Client()
    other_device.force_login(alice)
    assert other_device.get("/chat/").status_code == 200

    alice_client.post(DELETE_PAGE, {"password": password})

    assert other_device.get("/chat/").status_code == 302


def test_the_api_deletes_the_account_and_its_tokens_stop_working(alice, password, alices_things):
    tokens = log_in_for_tokens("alice@example.com", password)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {tokens['access']}")

    response = api.delete(ME_URL, {"password": password}, format="json")

    assert response.status_code == 200
    assert response.json() == {"deleted": {"chats": 2, "messages": 4, "files": 2}}
    assert api.get(ME_URL).status_code == 401
    refreshed = APIClient().post("/api/v1/auth/token/refresh/", {"refresh": tokens["refresh"]}, format="json")
    assert refreshed.status_code == 401
    assert not User.objects.filter(email="alice@example.com").exists()
    assert not HealthProfile.objects.exists()


def test_the_api_needs_the_password(alice_api, alice):
    missing = alice_api.delete(ME_URL, {}, format="json")
    wrong = alice_api.delete(ME_URL, {"password": "nope"}, format="json")

    assert missing.status_code == 400 and "password" in missing.json()["error"]["fields"]
    assert wrong.status_code == 400 and wrong.json()["error"]["code"] == "wrong_password"
    assert User.objects.filter(pk=alice.pk).exists()


def test_bob_cannot_delete_alice_with_her_password(alice, bob, password, alices_things):
    # The API deletes the caller's own account only; alice's password means nothing for bob's.
    bob.set_password("bobs own password")
    bob.save()
    bob_api = APIClient()  # logged in after the change, which revoked his older tokens
    bob_api.credentials(HTTP_AUTHORIZATION=f"Bearer {RefreshToken.for_user(bob).access_token}")

    response = bob_api.delete(ME_URL, {"password": password}, format="json")

    assert response.status_code == 400
    assert User.objects.filter(pk=alice.pk).exists() and User.objects.filter(pk=bob.pk).exists()
    assert ChatSession.objects.filter(owner=alice).count() == 2


def test_signing_up_again_with_the_same_email_starts_empty(alice_client, password, alices_things):
    alice_client.post(DELETE_PAGE, {"password": password})

    again = User.objects.create_user(email="alice@example.com", password=password)

    assert not ChatSession.objects.filter(owner=again).exists() and not Upload.objects.filter(owner=again).exists()
    assert not HealthProfile.objects.filter(user=again).exists()
