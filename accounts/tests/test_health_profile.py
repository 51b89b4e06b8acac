"""'About me': the page, the service and selector, the text given to the model, and its privacy."""

import io
import logging

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client

from accounts.health_profile import health_profile_for_user, health_profile_prompt_text, health_profile_update
from accounts.models import HealthProfile
from chat.tests.test_admin_reads_no_content import every_admin_page
from healthassistant.tests.encryption.helpers import new_key, raw_database_text

pytestmark = pytest.mark.django_db

PAGE = "/account/profile/"
ALICES = {
    "age": 54,
    "sex": "female",
    "conditions": "Type 2 diabetes\nhypertension",
    "medications": "Metformin 500 mg twice daily",
    "allergies": "Penicillin",
    "notes": "I had my gallbladder removed in 2019.",
}


def form_data(**changes) -> dict:
    return {**ALICES, "enabled": "on", **changes}


@pytest.fixture
def alices_profile(alice):
    return health_profile_update(user=alice, **ALICES)


# The page


def test_the_page_explains_itself_and_shows_an_empty_form_at_first(alice_client):
    response = alice_client.get(PAGE)

    html = response.content.decode()
    assert response.status_code == 200
    assert "given to the assistant with every question" in html
    assert "stored encrypted" in html and "switching it off keeps it" in html
    assert 'name="csrfmiddlewaretoken"' in html
    for field in ("age", "sex", "conditions", "medications", "allergies", "notes", "enabled"):
        assert f'name="{field}"' in html
    assert not HealthProfile.objects.exists()


def test_the_account_page_links_to_it(alice_client):
    assert f'href="{PAGE}">About me</a>' in alice_client.get("/accounts/password/change/").content.decode()


def test_saving_stores_it_and_says_so(alice_client, alice):
    response = alice_client.post(PAGE, form_data(), follow=True)

    html = response.content.decode()
    assert response.redirect_chain == [(PAGE, 302)]
    assert "Saved." in html
    assert "Metformin 500 mg twice daily" in html
    profile = HealthProfile.objects.get(user=alice)
    assert (profile.age, profile.sex, profile.allergies, profile.enabled) == (54, "female", "Penicillin", True)
    assert profile.conditions == "Type 2 diabetes\nhypertension"


def test_switching_it_off_keeps_it(alice_client, alice, alices_profile):
    alice_client.post(PAGE, {**ALICES})  # an unticked checkbox is not sent at all

    profile = HealthProfile.objects.get(user=alice)
    assert profile.enabled is False
    assert profile.medications == "Metformin 500 mg twice daily"
    assert 'name="enabled"' in alice_client.get(PAGE).content.decode()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"age": "131"}, "age", "less than or equal to 130"),
        ({"age": "-1"}, "age", "greater than or equal to 0"),
        ({"age": "fifty"}, "age", "Enter a whole number."),
        ({"sex": "x" * 41}, "sex", "at most 40 characters (it has 41)"),
        ({"medications": "m" * 1001}, "medications", "at most 1000 characters (it has 1001)"),
        ({"notes": "n" * 2001}, "notes", "at most 2000 characters (it has 2001)"),
    ],
)
def test_a_wrong_value_is_refused_beside_its_field_and_nothing_is_saved(alice_client, changes, field, message):
    response = alice_client.post(PAGE, form_data(**changes))

    html = response.content.decode()
    assert response.status_code == 400
    assert f'id="id_{field}-errors"' in html
    assert message in html
    assert not HealthProfile.objects.exists()


def test_the_page_needs_a_login(client):
    response = client.get(PAGE)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert client.post(PAGE, form_data()).status_code == 302
    assert not HealthProfile.objects.exists()


def test_the_page_needs_the_csrf_token(alice):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(alice)

    assert strict.post(PAGE, form_data()).status_code == 403
    assert not HealthProfile.objects.exists()


def test_bob_sees_and_changes_only_his_own(client, bob, alices_profile):
    client.force_login(bob)

    assert "Metformin" not in client.get(PAGE).content.decode()
    client.post(PAGE, form_data(medications="Ibuprofen", age="30"))

    alices_profile.refresh_from_db()
    assert alices_profile.medications == "Metformin 500 mg twice daily"
    assert HealthProfile.objects.get(user=bob).medications == "Ibuprofen"


# The service and the selector


def test_the_selector_gives_an_empty_unsaved_profile_until_one_is_saved(alice):
    empty = health_profile_for_user(user=alice)
    assert empty.pk is None and empty.age is None and empty.notes == "" and empty.enabled

    health_profile_update(user=alice, age=54)

    assert health_profile_for_user(user=alice).age == 54


def test_an_update_changes_only_the_fields_it_names(alice, alices_profile):
    health_profile_update(user=alice, allergies="")

    profile = HealthProfile.objects.get(user=alice)
    assert profile.allergies == ""
    assert profile.medications == "Metformin 500 mg twice daily"
    assert HealthProfile.objects.count() == 1


def test_the_service_refuses_what_the_model_does_not_allow(alice):
    with pytest.raises(ValidationError):
        health_profile_update(user=alice, age=200)
    with pytest.raises(TypeError, match="user_id"):
        health_profile_update(user=alice, user_id=2)
    assert not HealthProfile.objects.exists()


# The text given to the model


def test_the_prompt_text_is_one_compact_paragraph(alice, alices_profile):
    assert health_profile_prompt_text(user_id=alice.pk) == (
        "About the person (from their profile; it may be out of date): Age: 54. Sex: female."
        " Conditions: Type 2 diabetes; hypertension. Medications: Metformin 500 mg twice daily."
        " Allergies: Penicillin. Notes: I had my gallbladder removed in 2019."
    )


def test_empty_fields_are_left_out(alice):
    health_profile_update(user=alice, allergies="  \n Peanuts \n\n shellfish ", age=None)

    assert health_profile_prompt_text(user_id=alice.pk) == (
        "About the person (from their profile; it may be out of date): Allergies: Peanuts; shellfish."
    )


def test_age_zero_is_an_age(alice):
    health_profile_update(user=alice, age=0)

    assert health_profile_prompt_text(user_id=alice.pk).endswith("Age: 0.")


def test_there_is_no_text_when_off_empty_or_never_written(alice, bob, alices_profile):
    health_profile_update(user=bob, notes=" \n ")
    assert health_profile_prompt_text(user_id=bob.pk) == ""

    health_profile_update(user=alice, enabled=False)
    assert health_profile_prompt_text(user_id=alice.pk) == ""

    assert health_profile_prompt_text(user_id=alice.pk + bob.pk + 1) == ""


def test_a_long_profile_is_cut_at_a_word_within_the_budget(alice, settings):
    settings.HEALTH_PROFILE_PROMPT_CHARS = 150
    health_profile_update(user=alice, notes="word " * 400, allergies="Penicillin")

    text = health_profile_prompt_text(user_id=alice.pk)

    assert len(text) <= 150
    assert text.endswith(" word…")
    assert "Allergies: Penicillin." in text
    assert "wor…" not in text and " …" not in text


def test_the_text_within_the_budget_is_left_whole(alice, alices_profile, settings):
    whole = health_profile_prompt_text(user_id=alice.pk)
    settings.HEALTH_PROFILE_PROMPT_CHARS = len(whole)

    assert health_profile_prompt_text(user_id=alice.pk) == whole
    settings.HEALTH_PROFILE_PROMPT_CHARS = len(whole) - 1
    assert health_profile_prompt_text(user_id=alice.pk) == whole[: whole.rindex(" ")] + "…"


def test_the_prompt_text_is_one_query(alice, alices_profile, django_assert_num_queries):
    with django_assert_num_queries(1):
        health_profile_prompt_text(user_id=alice.pk)


# Privacy


def test_the_database_holds_none_of_it_in_plain_text(alice, alices_profile):
    raw = raw_database_text()

    for secret in ("diabetes", "Metformin", "Penicillin", "gallbladder", "female"):
        assert secret not in raw
    alices_profile.refresh_from_db()
    assert alices_profile.conditions == "Type 2 diabetes\nhypertension"
    assert alices_profile.age == 54


def test_key_rotation_re_seals_it(alice, settings):
    old = new_key()
    settings.ENCRYPTION_KEYS = [old]
    profile = health_profile_update(user=alice, **ALICES)
    new = new_key()
    settings.ENCRYPTION_KEYS = [new, old]
    out = io.StringIO()

    call_command("rotate_encryption_keys", stdout=out)

    assert "accounts.HealthProfile.age: 1 re-encrypted" in out.getvalue()
    assert "accounts.HealthProfile.notes: 1 re-encrypted" in out.getvalue()
    settings.ENCRYPTION_KEYS = [new]
    profile.refresh_from_db()
    assert (profile.age, profile.allergies) == (54, "Penicillin")


def test_nothing_of_it_is_logged(alice_client, alice_api, alice, caplog):
    caplog.set_level(logging.DEBUG)

    alice_client.post(PAGE, form_data())
    alice_client.post(PAGE, form_data(age="131"))
    alice_api.put("/api/v1/me/profile/", {**ALICES, "sex": "x" * 41}, format="json")
    health_profile_prompt_text(user_id=alice.pk)

    assert caplog.records  # the requests were logged, without the profile
    for secret in ("diabetes", "Metformin", "Penicillin", "gallbladder"):
        assert secret not in caplog.text


def test_no_admin_page_shows_it(admin_client, alice, alices_profile):
    for url, response in every_admin_page(admin_client, alice).items():
        html = response.content.decode()
        for secret in ("diabetes", "Metformin", "Penicillin", "gallbladder"):
            assert secret not in html, f"{secret!r} shown on {url}"


def test_the_admins_delete_page_lists_it_without_its_content(admin_client, alice, alices_profile):
    html = admin_client.get(f"/admin/accounts/user/{alice.pk}/delete/").content.decode()

    assert f"Health profile of user {alice.pk}" in html
    assert "Metformin" not in html
