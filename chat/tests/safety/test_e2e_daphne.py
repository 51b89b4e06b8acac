"""The emergency panel on the real server (daphne and the tiny model, ready): it comes with the question,
before the first token, and stays above the answer as it streams, at desktop and phone size."""

import pytest

from healthassistant.tests.browser import chromium, playwright_or_skip
from healthassistant.tests.csp_refusals import csp_refusals
from healthassistant.tests.test_e2e_browser import _ask, _sign_up

pytestmark = pytest.mark.e2e

playwright_api = playwright_or_skip()


def test_the_panel_shows_above_a_streaming_answer(daphne_server):
    expect = playwright_api.expect
    with chromium(playwright_api) as browser:
        page = browser.new_page(base_url=daphne_server.base, viewport={"width": 1280, "height": 800})
        page.set_default_timeout(30_000)
        refused = csp_refusals(page)
        _sign_up(page, daphne_server, "safety@example.com")
        expect(page.locator("#model-status")).to_contain_text("ready")

        _ask(page, "my baby is limp and not breathing")
        page.wait_for_url("**/chat/*/")
        panel = page.locator(".safety-panel")
        expect(panel).to_be_visible()
        expect(panel).to_contain_text("A baby or child who is limp, blue or not breathing needs help at once.")
        expect(page.locator(".message-assistant .answer-text").last).not_to_be_empty()

        page.set_viewport_size({"width": 390, "height": 844})
        page.reload()
        expect(panel).to_be_visible()
        # Both boxes in one frame: the page scrolls as the answer streams, so two reads apart would disagree.
        panel_box, answer_top = page.evaluate(
            """() => {
                const panel = document.querySelector(".safety-panel").getBoundingClientRect();
                const answers = document.querySelectorAll(".message-assistant");
                return [{left: panel.left, right: panel.right, bottom: panel.bottom},
                        answers[answers.length - 1].getBoundingClientRect().top];
            }"""
        )
        assert panel_box["left"] >= 0 and panel_box["right"] <= 390
        assert panel_box["bottom"] <= answer_top + 1
    assert refused == []
