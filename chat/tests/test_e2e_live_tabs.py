"""Two tabs of one browser (Debian's chromium, driven by Playwright) against daphne and the tiny model.

A question, a rename, a new chat and a delete made in the first tab show in the second, over the chat WebSocket
it already holds (or, on the new-chat page, the one that page holds), and the first tab shows each of its own
changes once.
"""

import pytest

from healthassistant.tests.browser import chromium, playwright_or_skip
from healthassistant.tests.csp_refusals import csp_refusals
from healthassistant.tests.test_e2e_browser import LONG_QUESTION, _ask, _sign_up

pytestmark = pytest.mark.e2e

playwright_api = playwright_or_skip()


def test_a_question_a_rename_a_new_chat_and_a_delete_reach_the_other_tab(daphne_server):
    expect = playwright_api.expect
    with chromium(playwright_api) as browser:
        context = browser.new_context(base_url=daphne_server.base)
        first, second = context.new_page(), context.new_page()
        refused = [csp_refusals(page) for page in (first, second)]
        for page in (first, second):
            page.set_default_timeout(30_000)
        _sign_up(first, daphne_server, "two-tabs@example.com")
        _ask(first, LONG_QUESTION)
        first.wait_for_url("**/chat/*/")
        session_id = first.url.rstrip("/").rsplit("/", 1)[-1]

        # The second tab watches the answer being written: its socket is open.
        second.goto(first.url)
        expect(second.locator(".message-assistant[data-streaming] .streaming-text")).not_to_be_empty()
        first.locator(".stop-button").click()
        expect(first.locator(".message-assistant .status-note")).to_have_text("Stopped.", timeout=30_000)

        # A question asked in the first tab appears in the second, its answer streaming there too.
        _ask(first, "Is an LDL of 160 high?")
        for page in (first, second):
            expect(page.locator(".message-user")).to_have_count(2)
            expect(page.locator(".message-user").last).to_contain_text("Is an LDL of 160 high?")
        expect(second.locator(".message-assistant").last.locator(".answer-text")).not_to_be_empty()

        # A rename: the second tab's sidebar entry, header and window title follow.
        item = f"#session-{session_id}"
        first.locator(f"{item} summary").click()
        first.fill(f"{item} .rename-form input[name=title]", "Cholesterol")
        first.locator(f"{item} .rename-form button").click()
        expect(second.locator(f"{item} .session-link")).to_have_text("Cholesterol")
        expect(second.locator(".chat-title")).to_have_text("Cholesterol")
        expect(second).to_have_title("Cholesterol · AI Health Assistant")
        expect(first.locator(".session-item")).to_have_count(1)

        # A chat started in the first tab joins the second tab's chat list, at its top.
        first.goto("/chat/")
        _ask(first, "What is a normal TSH?")
        first.wait_for_url("**/chat/*/")
        expect(second.locator(".session-item")).to_have_count(2)
        expect(second.locator(".session-item").first).to_contain_text("What is a normal TSH?")
        expect(second.locator(f"{item}.current")).to_have_count(1)
        first.goto(f"/chat/{session_id}/")

        # A delete: the second tab loses the entry and is told, with a way to its chats.
        first.once("dialog", lambda dialog: dialog.accept())
        first.locator(f"{item} summary").click()
        first.locator(f"{item} .button-danger").click()
        first.wait_for_url("**/chat/")
        notice = second.locator(".chat-deleted")
        expect(notice).to_be_visible()
        expect(notice).to_contain_text("This chat was deleted in another tab")
        expect(second.locator(item)).to_have_count(0)
        notice.get_by_role("link", name="Go to your chats").click()
        second.wait_for_url("**/chat/")

        # On the new-chat page, with no chat socket of its own, the second tab still sees a chat started in the first.
        expect(second.locator("body[data-live-tabs=listening]")).to_have_count(1)
        expect(second.locator(".session-item")).to_have_count(1)
        _ask(first, "Is a ferritin of 12 low?")
        first.wait_for_url("**/chat/*/")
        expect(second.locator(".session-item")).to_have_count(2)
        expect(second.locator(".session-item").first).to_contain_text("Is a ferritin of 12 low?")
    assert refused == [[], []]
