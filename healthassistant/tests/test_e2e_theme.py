"""Light and dark in a real browser (Debian's chromium, driven by Playwright): static/js/theme.js and app.css."""

import pytest

from healthassistant.tests.browser import playwright_or_skip, signed_in_page

pytestmark = pytest.mark.e2e

playwright_api = playwright_or_skip()

BACKGROUND = "getComputedStyle(document.documentElement).backgroundColor"
LIGHT_BACKGROUND = "rgb(246, 247, 249)"
DARK_BACKGROUND = "rgb(15, 20, 25)"


@pytest.fixture
def signed_in(live_server, client, alice, monkeypatch):
    # Playwright's sync API runs an event loop in this thread; the ORM calls here are plain test reads.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    client.force_login(alice)
    return {"base_url": live_server.url, "sessionid": client.cookies["sessionid"].value}


def _theme(page) -> str:
    return page.evaluate("document.documentElement.dataset.theme")


def test_it_follows_the_system_until_a_choice_is_made(signed_in):
    with signed_in_page(playwright_api, path="/chat/", color_scheme="dark", **signed_in) as page:
        assert _theme(page) == "dark"
        assert page.evaluate(BACKGROUND) == DARK_BACKGROUND

        page.emulate_media(color_scheme="light")
        playwright_api.expect(page.locator("html")).to_have_attribute("data-theme", "light")
        assert page.evaluate(BACKGROUND) == LIGHT_BACKGROUND


def test_the_account_switch_is_kept_across_reloads_and_pages(signed_in):
    expect = playwright_api.expect
    with signed_in_page(playwright_api, path="/accounts/password/change/", color_scheme="light", **signed_in) as page:
        appearance = page.get_by_role("group", name="Appearance")
        expect(appearance.get_by_label("Follow the system")).to_be_checked()

        appearance.get_by_label("Dark").check()
        expect(page.locator("html")).to_have_attribute("data-theme", "dark")
        assert page.evaluate(BACKGROUND) == DARK_BACKGROUND

        # Chosen, it no longer follows the system; it is there on the next load, before anything else runs.
        page.reload()
        assert _theme(page) == "dark"
        expect(page.get_by_role("group", name="Appearance").get_by_label("Dark")).to_be_checked()
        page.goto("/files/")
        assert _theme(page) == "dark"

        page.goto("/accounts/password/change/")
        page.get_by_role("group", name="Appearance").get_by_label("Light").check()
        page.emulate_media(color_scheme="dark")
        page.reload()
        assert _theme(page) == "light"
        assert page.evaluate(BACKGROUND) == LIGHT_BACKGROUND

        # Back to following the system, which is dark now.
        page.get_by_role("group", name="Appearance").get_by_label("Follow the system").check()
        expect(page.locator("html")).to_have_attribute("data-theme", "dark")
        page.reload()
        assert _theme(page) == "dark"
