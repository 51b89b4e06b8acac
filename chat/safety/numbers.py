"""Whom to call: the emergency number and crisis line where the person is.

Their own choice ("Where you are" on the Account page), else the region of their browser's
language (en-GB: the United Kingdom), else the server's settings (EMERGENCY_NUMBER, CRISIS_LINE).
A country in the table without a crisis line of its own uses CRISIS_LINE.
"""

from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class EmergencyContacts:
    emergency_number: str
    crisis_line: str


@dataclass(frozen=True)
class Country:
    name: str
    emergency_number: str
    crisis_line: str = ""


_EU_112 = {
    "AT": "Austria",
    "BE": "Belgium",
    "BG": "Bulgaria",
    "HR": "Croatia",
    "CY": "Cyprus",
    "CZ": "Czechia",
    "DK": "Denmark",
    "EE": "Estonia",
    "FI": "Finland",
    "GR": "Greece",
    "HU": "Hungary",
    "IT": "Italy",
    "LV": "Latvia",
    "LT": "Lithuania",
    "LU": "Luxembourg",
    "MT": "Malta",
    "NL": "Netherlands",
    "PL": "Poland",
    "PT": "Portugal",
    "RO": "Romania",
    "SK": "Slovakia",
    "SI": "Slovenia",
    "SE": "Sweden",
}

# Only numbers we are sure of; a country left out uses the server's settings.
COUNTRIES: dict[str, Country] = {
    "AU": Country("Australia", "000", "Lifeline, 13 11 14"),
    "BR": Country("Brazil", "192", "CVV, 188"),
    "CA": Country("Canada", "911", "988 (Suicide Crisis Helpline)"),
    "DE": Country("Germany", "112", "TelefonSeelsorge, 0800 111 0 111"),
    "ES": Country("Spain", "112", "024 (Línea 024 de atención a la conducta suicida)"),
    "FR": Country("France", "112", "3114 (numéro national de prévention du suicide)"),
    "GB": Country("United Kingdom", "999", "Samaritans, 116 123"),
    "IE": Country("Ireland", "112", "Samaritans, 116 123"),
    "IN": Country("India", "112"),
    "MX": Country("Mexico", "911"),
    "NZ": Country("New Zealand", "111"),
    "US": Country("United States", "911", "988 (Suicide & Crisis Lifeline)"),
    **{code: Country(name, "112") for code, name in _EU_112.items()},
}

# For a choice of country: by name.
COUNTRY_CHOICES: list[tuple[str, str]] = sorted(
    ((code, country.name) for code, country in COUNTRIES.items()), key=lambda choice: choice[1]
)


def server_contacts() -> EmergencyContacts:
    return EmergencyContacts(emergency_number=settings.EMERGENCY_NUMBER, crisis_line=settings.CRISIS_LINE)


def country_contacts(country: str) -> EmergencyContacts:
    """The country's numbers; the settings' for a country not in the table, or a crisis line it lacks."""
    fallback = server_contacts()
    known = COUNTRIES.get(country)
    if known is None:
        return fallback
    return EmergencyContacts(
        emergency_number=known.emergency_number, crisis_line=known.crisis_line or fallback.crisis_line
    )


def country_from_accept_language(header: str) -> str:
    """The region of the browser's preferred language (en-GB: GB); "" for a bare language (en) or none."""
    preferred, best = "", 0.0
    for item in header.split(",")[:32]:
        tag, _, params = item.strip().partition(";")
        weight = 1.0
        if params.strip().startswith("q="):
            try:
                weight = float(params.strip()[2:])
            except ValueError:
                continue
        if weight > best:  # the first of equals wins, as the browser listed them
            preferred, best = tag.strip(), weight
    # language[-script][-region]: the region is the two-letter subtag after the language (zh-Hant-TW: TW).
    for subtag in preferred.split("-")[1:]:
        if len(subtag) == 2 and subtag.isascii() and subtag.isalpha():
            return subtag.upper()
    return ""


def contacts_for(*, country: str = "", accept_language: str = "") -> EmergencyContacts:
    """The person's chosen country, else their browser language's region, else the server's settings."""
    return country_contacts(country or country_from_accept_language(accept_language))


def contacts_for_request(request) -> EmergencyContacts:
    """contacts_for the person making the request (signed in or not); the settings' without a request."""
    if request is None:
        return server_contacts()
    user = getattr(request, "user", None)
    country = getattr(user, "country", "") if user is not None and user.is_authenticated else ""
    return contacts_for(country=country, accept_language=request.headers.get("Accept-Language", ""))
