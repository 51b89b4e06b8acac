"""Whom to call: the person's country, else their browser language's region, else the settings."""

import pytest

from chat.safety.numbers import (
    COUNTRIES,
    EmergencyContacts,
    contacts_for,
    country_contacts,
    country_from_accept_language,
)


@pytest.fixture(autouse=True)
def server_numbers(settings):
    settings.EMERGENCY_NUMBER = "112"
    settings.CRISIS_LINE = "findahelpline.com"


@pytest.mark.parametrize(
    ("country", "number", "crisis_line"),
    [
        ("US", "911", "988 (Suicide & Crisis Lifeline)"),
        ("CA", "911", "988 (Suicide Crisis Helpline)"),
        ("GB", "999", "Samaritans, 116 123"),
        ("IE", "112", "Samaritans, 116 123"),
        ("FR", "112", "3114 (numéro national de prévention du suicide)"),
        ("ES", "112", "024 (Línea 024 de atención a la conducta suicida)"),
        ("DE", "112", "TelefonSeelsorge, 0800 111 0 111"),
        ("BR", "192", "CVV, 188"),
        ("AU", "000", "Lifeline, 13 11 14"),
    ],
)
def test_a_country_in_the_table_has_its_numbers(country, number, crisis_line):
    assert country_contacts(country) == EmergencyContacts(emergency_number=number, crisis_line=crisis_line)


@pytest.mark.parametrize(("country", "number"), [("MX", "911"), ("NZ", "111"), ("IN", "112"), ("PT", "112")])
def test_a_country_without_a_crisis_line_of_its_own_uses_the_settings_one(country, number):
    assert country_contacts(country) == EmergencyContacts(emergency_number=number, crisis_line="findahelpline.com")


def test_every_eu_member_is_112():
    members = [
        "AT",
        "BE",
        "BG",
        "HR",
        "CY",
        "CZ",
        "DK",
        "EE",
        "FI",
        "FR",
        "DE",
        "GR",
        "HU",
        "IE",
        "IT",
        "LV",
        "LT",
        "LU",
        "MT",
        "NL",
        "PL",
        "PT",
        "RO",
        "SK",
        "SI",
        "ES",
        "SE",
    ]
    assert len(members) == 27
    assert {code: COUNTRIES[code].emergency_number for code in members} == dict.fromkeys(members, "112")


@pytest.mark.parametrize("country", ["", "JP", "ZZ", "us"])
def test_a_country_not_in_the_table_uses_the_settings(country, settings):
    settings.EMERGENCY_NUMBER = "119"
    assert country_contacts(country) == EmergencyContacts(emergency_number="119", crisis_line="findahelpline.com")


@pytest.mark.parametrize(
    ("header", "country"),
    [
        ("en-US", "US"),
        ("en-GB,en;q=0.9", "GB"),
        ("pt-BR,pt;q=0.9,en-US;q=0.8", "BR"),
        ("de-DE", "DE"),
        ("zh-Hant-TW", "TW"),
        ("fr-fr", "FR"),
        ("en;q=0.5, es-MX;q=0.9", "MX"),  # the most preferred, wherever it is listed
        ("en", ""),  # a bare language says nothing about where you are
        ("de,en-US;q=0.7", ""),
        ("", ""),
        ("*", ""),
        ("es-419", ""),  # Latin America: a region, not a country
        ("en-US;q=nonsense,;;,", ""),
    ],
)
def test_the_browser_languages_region_is_the_country(header, country):
    assert country_from_accept_language(header) == country


def test_a_chosen_country_wins_over_the_browser_and_the_browser_over_the_settings():
    assert contacts_for(country="GB", accept_language="en-US").emergency_number == "999"
    assert contacts_for(country="", accept_language="en-US").emergency_number == "911"
    assert contacts_for(country="", accept_language="en").emergency_number == "112"
    assert contacts_for().emergency_number == "112"
