"""Where you are: chosen on the Account page or through /api/v1/me/, for the emergency panel's numbers."""

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

URL = reverse("accounts:location")
ME_URL = "/api/v1/me/"


def test_the_page_shows_the_choice_and_the_numbers_that_apply_now(alice_client, settings):
    settings.EMERGENCY_NUMBER = "112"
    html = alice_client.get(URL, HTTP_ACCEPT_LANGUAGE="en-GB").content.decode()
    assert '<option value="GB">United Kingdom</option>' in html
    assert 'href="tel:999"' in html  # not chosen yet: from the browser's language


def test_the_account_page_links_to_it(alice_client):
    assert URL in alice_client.get(reverse("account_change_password")).content.decode()


def test_choosing_a_country_saves_it_for_that_person_only(alice, bob, alice_client):
    response = alice_client.post(URL, {"country": "AU"})
    assert response.status_code == 302
    alice.refresh_from_db()
    bob.refresh_from_db()
    assert (alice.country, bob.country) == ("AU", "")
    html = alice_client.get(URL).content.decode()
    assert '<option value="AU" selected>Australia</option>' in html
    assert 'href="tel:000"' in html
    assert "Lifeline, 13 11 14" in html


def test_not_chosen_clears_the_choice(alice, alice_client):
    alice.country = "US"
    alice.save()
    alice_client.post(URL, {"country": ""})
    alice.refresh_from_db()
    assert alice.country == ""


def test_an_unknown_country_is_refused_with_a_message(alice, alice_client):
    response = alice_client.post(URL, {"country": "XX"})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    alice.refresh_from_db()
    assert alice.country == ""


def test_signed_out_the_page_asks_to_log_in():
    response = Client().get(URL)
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_the_api_reads_and_changes_your_country(alice, alice_api, bob, bob_api):
    assert alice_api.get(ME_URL).json()["country"] == ""
    changed = alice_api.patch(ME_URL, {"country": "DE"}, format="json")
    assert changed.status_code == 200
    assert changed.json()["country"] == "DE"
    assert alice_api.get(ME_URL).json()["country"] == "DE"
    # Bob's PATCH changes only Bob: there is no way to name anyone else.
    bob_api.patch(ME_URL, {"country": "BR"}, format="json")
    alice.refresh_from_db()
    bob.refresh_from_db()
    assert (alice.country, bob.country) == ("DE", "BR")
    assert alice_api.patch(ME_URL, {"country": ""}, format="json").json()["country"] == ""


@pytest.mark.parametrize("country", ["XX", "us", "USA", 12, None])
def test_the_api_refuses_an_unknown_country(alice, alice_api, country):
    response = alice_api.patch(ME_URL, {"country": country}, format="json")
    assert response.status_code == 400
    assert "country" in response.json()["error"]["fields"]
    alice.refresh_from_db()
    assert alice.country == ""


def test_the_api_leaves_the_other_fields_alone(alice, alice_api):
    response = alice_api.patch(ME_URL, {"email": "mallory@example.com", "id": 999}, format="json")
    assert response.status_code == 200
    alice.refresh_from_db()
    assert alice.email != "mallory@example.com"


def test_signed_out_the_api_is_401():
    assert APIClient().patch(ME_URL, {"country": "GB"}, format="json").status_code == 401
