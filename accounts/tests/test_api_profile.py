"""/api/v1/me/profile/: your own "About me", read, replaced (PUT) and changed (PATCH), in the API's error shape."""

import pytest
from rest_framework.test import APIClient

from accounts.health_profile import health_profile_update
from accounts.models import HealthProfile

pytestmark = pytest.mark.django_db

URL = "/api/v1/me/profile/"
EMPTY = {
    "age": None,
    "sex": "",
    "conditions": "",
    "medications": "",
    "allergies": "",
    "notes": "",
    "enabled": True,
}
ALICES = {
    "age": 54,
    "sex": "female",
    "conditions": "Type 2 diabetes",
    "medications": "Metformin 500 mg twice daily",
    "allergies": "Penicillin",
    "notes": "",
    "enabled": True,
}


@pytest.fixture
def alices_profile(alice):
    return health_profile_update(user=alice, **ALICES)


def without_time(body: dict) -> dict:
    """The body less updated_at, which a saved profile must have."""
    assert body.pop("updated_at")
    return body


def test_it_is_empty_until_first_saved(alice_api):
    response = alice_api.get(URL)

    assert response.status_code == 200
    assert response.json() == {**EMPTY, "updated_at": None}
    assert not HealthProfile.objects.exists()


def test_put_stores_it_and_answers_with_it(alice_api, alice):
    response = alice_api.put(URL, ALICES, format="json")

    assert response.status_code == 200
    assert without_time(response.json()) == ALICES
    assert without_time(alice_api.get(URL).json()) == ALICES
    assert HealthProfile.objects.get(user=alice).medications == "Metformin 500 mg twice daily"


def test_put_replaces_the_whole_profile(alice_api, alices_profile):
    response = alice_api.put(URL, {"allergies": "Latex"}, format="json")

    assert response.status_code == 200
    assert without_time(response.json()) == {**EMPTY, "allergies": "Latex"}
    alices_profile.refresh_from_db()
    assert alices_profile.medications == "" and alices_profile.age is None


def test_patch_changes_only_what_it_sends(alice_api, alices_profile):
    response = alice_api.patch(URL, {"enabled": False, "notes": "Pregnant, 20 weeks."}, format="json")

    assert response.status_code == 200
    assert without_time(response.json()) == {**ALICES, "enabled": False, "notes": "Pregnant, 20 weeks."}
    alices_profile.refresh_from_db()
    assert alices_profile.enabled is False and alices_profile.allergies == "Penicillin"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"age": 131}, "age"),
        ({"age": -1}, "age"),
        ({"age": "fifty"}, "age"),
        ({"sex": "x" * 41}, "sex"),
        ({"conditions": "c" * 1001}, "conditions"),
        ({"medications": "m" * 1001}, "medications"),
        ({"allergies": "a" * 1001}, "allergies"),
        ({"notes": "n" * 2001}, "notes"),
        ({"notes": "a\x00b"}, "notes"),
        ({"enabled": "perhaps"}, "enabled"),
    ],
)
def test_a_wrong_value_is_a_400_naming_its_field_and_changes_nothing(alice_api, alices_profile, body, field):
    for send in (alice_api.put, alice_api.patch):
        response = send(URL, {**ALICES, **body}, format="json")

        error = response.json()["error"]
        assert response.status_code == 400
        assert error["code"] == "validation_error"
        assert list(error["fields"]) == [field]
        assert error["message"].startswith(f"`{field}`: ")
    alices_profile.refresh_from_db()
    assert (alices_profile.age, alices_profile.notes) == (54, "")


def test_it_needs_a_token(alices_profile):
    anonymous = APIClient()

    assert anonymous.get(URL).status_code == 401
    assert anonymous.patch(URL, {"notes": "x"}, format="json").status_code == 401
    alices_profile.refresh_from_db()
    assert alices_profile.notes == ""


def test_bob_reaches_only_his_own(bob_api, bob, alices_profile):
    assert bob_api.get(URL).json() == {**EMPTY, "updated_at": None}

    bob_api.patch(URL, {"allergies": "Aspirin"}, format="json")

    alices_profile.refresh_from_db()
    assert alices_profile.allergies == "Penicillin"
    assert HealthProfile.objects.get(user=bob).allergies == "Aspirin"
    assert "Penicillin" not in bob_api.get(URL).content.decode()
