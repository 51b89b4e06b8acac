"""Every page has a Content-Security-Policy without inline script; whatever may hold health data is never cached."""

import re
from pathlib import Path

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def directives(response) -> dict[str, str]:
    policy = response["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())


@pytest.mark.parametrize(
    ("url", "logged_in"),
    [
        ("/accounts/login/", False),
        ("/accounts/signup/", False),
        ("/chat/", True),
        ("/files/", True),
        ("/account/activity/", True),
        ("/admin/", True),
        ("/api/v1/docs/", False),
    ],
)
def test_every_page_has_the_policy(client, admin_client, url, logged_in):
    response = (admin_client if logged_in else client).get(url)
    assert response.status_code == 200
    policy = directives(response)
    assert policy["default-src"] == "'self'"
    assert policy["script-src"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert policy["base-uri"] == "'none'"
    assert policy["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "unsafe-eval" not in response["Content-Security-Policy"]


def test_htmx_may_not_eval_or_add_inline_styles(alice_client):
    html = alice_client.get("/chat/").content.decode()
    assert '<meta name="htmx-config" content=\'{"allowEval": false, "includeIndicatorStyles": false}\'>' in html


def test_no_template_holds_an_inline_script_handler_or_style():
    templates = [path for path in ROOT.glob("**/templates/**/*.html") if ".venv" not in path.parts]
    assert templates
    for path in templates:
        html = path.read_text()
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), path
        assert not re.search(r"\son[a-z]+\s*=", html), path
        assert not re.search(r"\sstyle\s*=", html), path
        assert "<style" not in html, path
        assert "hx-on" not in html, path


@pytest.mark.parametrize("url", ["/chat/", "/files/", "/account/activity/", "/accounts/password/change/"])
def test_pages_of_a_logged_in_person_are_never_stored(alice_client, url):
    response = alice_client.get(url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_api_replies_are_never_stored(alice_api, client):
    for response in (
        alice_api.get("/api/v1/me/"),
        alice_api.get("/api/v1/sessions/"),
        client.post(
            "/api/v1/auth/token/", {"email": "x@example.com", "password": "y"}, content_type="application/json"
        ),
        client.get("/api/v1/nothing-here/"),
    ):
        assert "no-store" in response["Cache-Control"], response.request["PATH_INFO"]


def test_a_favicon_is_served(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("favicon.svg")
    assert (ROOT / "static" / "favicon.svg").read_text().startswith("<svg")
    assert "favicon.svg" in client.get("/accounts/login/").content.decode()


def test_the_policy_is_configured_without_unsafe_sources():
    configured = str(settings.CONTENT_SECURITY_POLICY)
    assert "unsafe" not in configured
