"""The emergency panel in a real browser (Debian's chromium, driven by Playwright), at desktop and phone size,
with no model at all: the guidance never waits for it."""

import re

import pytest
from django.core.cache import cache

from chat import services
from chat.models import ChatSession
from healthassistant.tests.browser import DESKTOP, PHONE, playwright_or_skip

pytestmark = pytest.mark.e2e

playwright_api = playwright_or_skip()

EMERGENCY = "I have crushing chest pain and can't breathe"


@pytest.fixture
def signed_in(open_page, settings, sent_jobs):
    settings.EMERGENCY_NUMBER = "112"
    cache.clear()  # no inference worker has reported in: the model is unavailable

    # A bare language, so the browser's region doesn't choose the number (chat.safety.numbers).
    def open_in_locale(path: str, viewport: dict, locale: str = "en"):
        return open_page(path, viewport, locale=locale)

    return open_in_locale


def assert_panel_fits(page, viewport):
    expect = playwright_api.expect
    panel = page.locator(".safety-panel")
    expect(panel).to_be_visible()
    expect(panel).to_contain_text("This may be an emergency")
    expect(panel.locator("a.safety-number")).to_have_attribute("href", "tel:112")
    box = panel.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"]
    # Above the answer, which is still waiting for the model.
    answer = page.locator(".message-assistant").last.bounding_box()
    assert box["y"] + box["height"] <= answer["y"] + 1


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_a_typed_emergency_shows_the_panel_with_the_model_unavailable(signed_in, alice, viewport):
    expect = playwright_api.expect
    with signed_in("/chat/", viewport) as page:
        expect(page.locator("#model-status")).to_contain_text("The assistant is not available yet")
        page.fill("#composer-input", EMERGENCY)
        page.locator("#composer button[type=submit]").click()
        page.wait_for_url(re.compile(r"/chat/[0-9a-f-]{36}/$"))
        assert_panel_fits(page, viewport)
        expect(page.locator(".safety-panel")).to_contain_text("Chest pain or pressure can be a heart attack")
    assert ChatSession.objects.get(owner=alice).messages.count() == 2  # the question is kept


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_panel_is_there_on_reload_with_the_crisis_line(signed_in, alice, viewport, settings):
    settings.CRISIS_LINE = "Samaritans 116 123"
    session, _, _ = services.session_start(owner=alice, content="I don't want to live anymore")
    with signed_in(f"/chat/{session.pk}/", viewport) as page:
        assert_panel_fits(page, viewport)
        playwright_api.expect(page.locator(".safety-crisis")).to_contain_text("Samaritans 116 123")


def test_the_country_chosen_on_the_account_page_is_the_number_in_the_panel(signed_in, alice):
    expect = playwright_api.expect
    session, _, _ = services.session_start(owner=alice, content="I don't want to live anymore")
    # The browser says the United States; the person says the United Kingdom.
    with signed_in("/account/location/", DESKTOP, locale="en-US") as page:
        expect(page.locator("#current-numbers a")).to_have_attribute("href", "tel:911")
        page.get_by_label("Where you are").select_option(label="United Kingdom")
        page.get_by_role("button", name="Save").click()
        expect(page.locator("#current-numbers a")).to_have_attribute("href", "tel:999")
        page.goto(f"/chat/{session.pk}/")
        panel = page.locator(".safety-panel")
        expect(panel.locator("a.safety-number")).to_have_attribute("href", "tel:999")
        expect(panel.locator(".safety-crisis")).to_contain_text("Samaritans, 116 123")
    alice.refresh_from_db()
    assert alice.country == "GB"
