"""The client IP: X-Forwarded-For counts only as far as TRUSTED_PROXY_COUNT proxies vouch for it."""

import pytest
from django.test import RequestFactory
from rest_framework.throttling import AnonRateThrottle

from accounts.audit import audit_context
from healthassistant.client_ip import client_ip

TOO_MANY = "Too many failed login attempts"


@pytest.mark.parametrize(
    ("count", "forwarded", "expected"),
    [
        (0, "6.6.6.6", "10.0.0.9"),
        (1, "6.6.6.6, 203.0.113.7", "203.0.113.7"),
        (2, "6.6.6.6, 203.0.113.7, 10.0.0.2", "203.0.113.7"),
        (2, "203.0.113.7", "203.0.113.7"),
        (1, "", "10.0.0.9"),
    ],
    ids=["no-proxy-ignores-header", "one-proxy", "two-proxies", "short-header", "no-header"],
)
def test_it_believes_only_the_trusted_proxies(settings, count, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = count
    meta = {"REMOTE_ADDR": "10.0.0.9", "HTTP_X_FORWARDED_FOR": forwarded}
    assert client_ip(meta) == expected


def test_the_api_throttle_ignores_a_forged_header_by_default():
    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR="6.6.6.6", REMOTE_ADDR="10.0.0.9")
    assert AnonRateThrottle().get_ident(request) == "10.0.0.9"


def test_the_audit_trail_records_the_same_ip(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7", REMOTE_ADDR="10.0.0.9")
    assert audit_context(request).ip == "203.0.113.7"


@pytest.mark.django_db
def test_rotating_x_forwarded_for_does_not_escape_the_login_limit(client, alice):
    refused = []
    for attempt in range(7):
        response = client.post(
            "/accounts/login/",
            {"login": f"nobody{attempt}@example.org", "password": "wrong-password"},
            HTTP_X_FORWARDED_FOR=f"198.51.100.{attempt}",
        )
        refused.append(TOO_MANY in response.content.decode())
    assert refused == [False] * 5 + [True] * 2


@pytest.mark.django_db
def test_behind_one_proxy_each_client_has_its_own_limit(client, alice, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for attempt in range(6):
        client.post(
            "/accounts/login/",
            {"login": f"nobody{attempt}@example.org", "password": "wrong-password"},
            HTTP_X_FORWARDED_FOR="198.51.100.66",
        )
    blocked = client.post(
        "/accounts/login/", {"login": "x@example.org", "password": "wrong"}, HTTP_X_FORWARDED_FOR="198.51.100.66"
    )
    other = client.post(
        "/accounts/login/", {"login": "y@example.org", "password": "wrong"}, HTTP_X_FORWARDED_FOR="203.0.113.5"
    )
    assert TOO_MANY in blocked.content.decode()
    assert TOO_MANY not in other.content.decode()
