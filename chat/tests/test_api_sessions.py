"""The chats of the REST API: list (search, archived, pages), create, read, update, delete, and ownership."""

import pytest
from rest_framework.test import APIClient

from chat import services
from chat.models import ChatSession, Message
from chat.selectors import SIDEBAR_PAGE_SIZE

pytestmark = pytest.mark.django_db

SESSIONS_URL = "/api/v1/sessions/"


def session_url(session) -> str:
    return f"{SESSIONS_URL}{session.pk}/"


def titles(response) -> list[str]:
    return [row["title"] for row in response.json()["results"]]


def test_it_lists_only_the_users_chats_pinned_first(alice_api, alice, session, bob_session):
    pinned = services.session_create(owner=alice, title="Pinned one")
    services.session_update(session=pinned, pinned=True)
    response = alice_api.get(SESSIONS_URL)
    assert response.status_code == 200
    assert titles(response) == ["Pinned one", "Cholesterol results"]
    assert response.json()["next"] is None
    assert response.json()["previous"] is None
    row = response.json()["results"][0]
    assert set(row) == {"id", "title", "pinned", "archived", "use_records", "source", "created_at", "updated_at"}
    assert row["source"] == "app"


def test_the_list_takes_a_bounded_number_of_queries(alice_api, alice, django_assert_max_num_queries):
    for number in range(20):
        services.session_create(owner=alice, title=f"Chat {number}")
    with django_assert_max_num_queries(3):
        assert len(alice_api.get(SESSIONS_URL).json()["results"]) == 20


def test_it_searches_titles_and_messages(alice_api, alice, session_with_messages):
    services.session_create(owner=alice, title="Knee pain")
    assert titles(alice_api.get(SESSIONS_URL, {"q": "knee"})) == ["Knee pain"]
    assert titles(alice_api.get(SESSIONS_URL, {"q": "LDL of 160"})) == ["Cholesterol results"]
    assert titles(alice_api.get(SESSIONS_URL, {"q": "nothing like this"})) == []


def test_it_lists_archived_chats_apart(alice_api, alice, session):
    old = services.session_create(owner=alice, title="Old chat")
    services.session_update(session=old, archived=True)
    assert titles(alice_api.get(SESSIONS_URL)) == ["Cholesterol results"]
    assert titles(alice_api.get(SESSIONS_URL, {"archived": "true"})) == ["Old chat"]


def test_it_pages_through_many_chats(alice_api, alice):
    for number in range(SIDEBAR_PAGE_SIZE + 1):
        services.session_create(owner=alice, title=f"Chat {number}")
    first = alice_api.get(SESSIONS_URL, {"q": "chat"}).json()
    assert len(first["results"]) == SIDEBAR_PAGE_SIZE
    assert first["next"].startswith("http://testserver/api/v1/sessions/?")
    assert "q=chat" in first["next"] and "page=2" in first["next"]
    second = alice_api.get(first["next"]).json()
    assert len(second["results"]) == 1
    assert second["next"] is None
    assert "page" not in second["previous"]
    seen = {row["id"] for row in first["results"] + second["results"]}
    assert len(seen) == SIDEBAR_PAGE_SIZE + 1


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"page": "0"}, "page"),
        ({"page": "many"}, "page"),
        ({"page": ""}, "page"),
        ({"archived": "maybe"}, "archived"),
        ({"archived": ""}, "archived"),
        ({"q": "x" * 201}, "q"),
    ],
)
def test_bad_list_parameters_are_field_errors(alice_api, params, field):
    response = alice_api.get(SESSIONS_URL, params)
    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == [field]


def test_it_creates_a_chat(alice_api, alice):
    response = alice_api.post(SESSIONS_URL, {"title": "  Blood   pressure "}, format="json")
    assert response.status_code == 201
    created = ChatSession.objects.get(pk=response.json()["id"])
    assert created.owner == alice
    assert created.title == "Blood pressure"
    assert alice_api.post(SESSIONS_URL, {}, format="json").json()["title"] == "New chat"


def test_a_blank_title_is_a_field_error(alice_api):
    response = alice_api.post(SESSIONS_URL, {"title": "   "}, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"title": ["This field may not be blank."]}


def test_it_reads_a_chat(alice_api, session):
    response = alice_api.get(session_url(session))
    assert response.status_code == 200
    assert response.json()["title"] == "Cholesterol results"


def test_it_renames_pins_and_archives(alice_api, session):
    response = alice_api.patch(session_url(session), {"title": "LDL", "pinned": True, "archived": True}, format="json")
    assert response.status_code == 200
    session.refresh_from_db()
    assert (session.title, session.pinned, session.archived) == ("LDL", True, True)
    assert response.json()["pinned"] is True
    response = alice_api.patch(session_url(session), {"pinned": False}, format="json")
    session.refresh_from_db()
    assert (session.title, session.pinned, session.archived) == ("LDL", False, True)


def test_an_invalid_update_changes_nothing(alice_api, session):
    response = alice_api.patch(session_url(session), {"title": "x" * 201, "pinned": "perhaps"}, format="json")
    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]) == {"title", "pinned"}
    session.refresh_from_db()
    assert session.title == "Cholesterol results"


def test_it_deletes_a_chat_and_its_messages(alice_api, session_with_messages):
    response = alice_api.delete(session_url(session_with_messages))
    assert response.status_code == 204
    assert not ChatSession.objects.filter(pk=session_with_messages.pk).exists()
    assert not Message.objects.filter(session_id=session_with_messages.pk).exists()
    assert alice_api.get(session_url(session_with_messages)).status_code == 404


def test_it_validates_ownership(bob_api, session):
    url = session_url(session)
    for response in (
        bob_api.get(url),
        bob_api.patch(url, {"title": "Mine now"}, format="json"),
        bob_api.delete(url),
        bob_api.get(f"{url}messages/"),
        bob_api.post(f"{url}messages/", {"content": "Hello?"}, format="json"),
        bob_api.post(f"{url}regenerate/"),
    ):
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"
    session.refresh_from_db()
    assert session.title == "Cholesterol results"
    assert titles(bob_api.get(SESSIONS_URL)) == []


def test_a_malformed_id_is_404(alice_api):
    response = alice_api.get(f"{SESSIONS_URL}not-a-uuid/")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_it_needs_a_token(session):
    for response in (APIClient().get(SESSIONS_URL), APIClient().get(session_url(session))):
        assert response.status_code == 401
