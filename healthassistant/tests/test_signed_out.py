"""A script's request that meets an ended session gets a 401 that says so, never the login page."""

import pytest
from django.urls import reverse

from chat.services import session_create

MODEL_STATUS = "/chat/model-status/"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "headers",
    [{"HX-Request": "true"}, {"X-Requested-With": "XMLHttpRequest"}, {"Sec-Fetch-Mode": "cors"}],
    ids=["htmx", "xhr", "fetch"],
)
def test_it_answers_401_to_a_background_request_without_a_session(client, headers):
    response = client.get(MODEL_STATUS, headers=headers)

    assert response.status_code == 401
    assert response["X-Signed-Out"] == "1"
    assert response["HX-Reswap"] == "none"
    assert response.json() == {
        "error": "signed_out",
        "message": "You've been signed out. Sign in to continue.",
        "login_url": reverse("account_login"),
    }
    assert b"<form" not in response.content


@pytest.mark.django_db
def test_it_answers_401_to_a_question_sent_after_logging_out(alice_client, alice):
    session = session_create(owner=alice)
    alice_client.post(reverse("account_logout"))

    response = alice_client.post(
        reverse("chat:message-create", args=[session.pk]), {"content": "Still there?"}, headers={"HX-Request": "true"}
    )

    assert response.status_code == 401
    assert not session.messages.exists()


@pytest.mark.django_db
def test_it_still_redirects_a_page_load_to_the_login_page(client):
    response = client.get(reverse("chat:index"), headers={"Sec-Fetch-Mode": "navigate"})

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.django_db
def test_it_leaves_other_redirects_of_background_requests_alone(alice_client, alice):
    session = session_create(owner=alice)

    response = alice_client.post(
        reverse("chat:session-records", args=[session.pk]), {"use_records": "1"}, headers={"Sec-Fetch-Mode": "cors"}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("chat:session-detail", args=[session.pk])


@pytest.mark.django_db
def test_it_answers_signed_in_background_requests_as_before(alice_client):
    response = alice_client.get(MODEL_STATUS, headers={"HX-Request": "true"})

    assert response.status_code == 200
    assert 'id="model-status"' in response.content.decode()
