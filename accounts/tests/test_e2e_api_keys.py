"""The API keys page in a real browser (Debian's chromium, driven by Playwright): HTMX and static/js/api-keys.js."""

import pytest

from accounts.models import ApiKey
from healthassistant.tests.browser import playwright_or_skip, signed_in_page

pytestmark = pytest.mark.e2e

playwright_api = playwright_or_skip()


@pytest.fixture
def page(live_server, client, alice, monkeypatch):
    # Playwright's sync API runs an event loop in this thread; the ORM calls here are plain test reads.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    client.force_login(alice)
    # localhost is a secure context, so the clipboard API is there to copy with.
    with signed_in_page(
        playwright_api,
        base_url=live_server.url,
        sessionid=client.cookies["sessionid"].value,
        path="/account/keys/",
        permissions=["clipboard-read", "clipboard-write"],
    ) as page:
        yield page


def test_make_copy_and_revoke_a_key_in_place(page):
    expect = playwright_api.expect

    # A refused form comes back with its error, in place.
    page.fill("#id_name", "Open WebUI")
    page.fill("#id_expires_on", "2001-01-01")
    page.evaluate("document.getElementById('id_expires_on').removeAttribute('min')")
    page.get_by_role("button", name="Make a key").click()
    expect(page.locator("#api-keys .field-errors")).to_contain_text("That day has passed")

    # Made: the key shows once, with a working copy button.
    page.fill("#id_expires_on", "")
    page.get_by_role("button", name="Make a key").click()
    expect(page.locator("#api-key-created")).to_contain_text("won't be shown again")
    raw = page.locator("#new-api-key").input_value()
    assert raw.startswith(ApiKey.objects.get().prefix) and len(raw) == 46
    page.click("button[data-copy]")
    expect(page.locator("button[data-copy]")).to_have_text("Copied")
    assert page.evaluate("navigator.clipboard.readText()") == raw

    # Revoked after confirming, in place; the new key is gone from the page with it.
    page.get_by_role("link", name="Revoke…").click()
    expect(page.locator(".api-key-confirm")).to_contain_text("Revoke “Open WebUI”")
    page.click(".api-key-confirm button[type=submit]")
    expect(page.locator("#api-keys")).to_contain_text("Revoked “Open WebUI”")
    expect(page.locator("#api-keys")).to_contain_text("You have no API keys.")
    expect(page.locator("#new-api-key")).to_have_count(0)
    assert not ApiKey.objects.exists()
