"""End to end in a real browser: Debian's chromium, driven by Playwright, against daphne and the tiny model.

A new user signs up, asks, watches tokens arrive, reloads mid-answer, stops an answer, opens a second
chat and comes back to the first. Another attaches a lab report, sees the answer's sources with a
link to the right page, finds its value in Lab results, and switches "Use my records" off for the chat.
"""

import re

import pytest

from healthassistant.tests.browser import chromium, playwright_or_skip
from healthassistant.tests.csp_refusals import csp_refusals
from uploads.benchmarks.text_pdf import text_pdf

# Greedy decoding on the tiny model's random weights answers this one at full length, which gives
# a few seconds of streaming to reload and stop in.
LONG_QUESTION = "hello"

pytestmark = pytest.mark.e2e

playwright_api = playwright_or_skip()


@pytest.fixture
def page(daphne_server):
    with chromium(playwright_api) as browser:
        page = browser.new_page(base_url=daphne_server.base)
        page.set_default_timeout(30_000)
        # The Content-Security-Policy must block nothing the app itself does.
        refused = csp_refusals(page)
        yield page
    assert refused == []


def _answer_text(page) -> str:
    return page.locator(".message-assistant").last.locator(".answer-text").inner_text()


def _ask(page, question: str) -> None:
    page.fill("#composer-input", question)
    page.press("#composer-input", "Enter")


def _sign_up(page, daphne_server, email: str) -> None:
    expect = playwright_api.expect
    page.goto("/accounts/signup/")
    page.fill("input[name=email]", email)
    page.fill("input[name=password1]", "a-long-health-passphrase")
    page.fill("input[name=password2]", "a-long-health-passphrase")
    page.check("input[name=acknowledge_disclaimer]")
    page.click("button[type=submit]")
    # Verification is mandatory; under `make run` the mail is printed by the server, as here.
    expect(page.locator("main")).to_contain_text("Verify")
    link = re.findall(r"http://\S+/accounts/confirm-email/\S+", daphne_server.log_path.read_text())[-1]
    page.goto(link)
    page.click("button[type=submit]")
    page.goto("/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", "a-long-health-passphrase")
    page.click("button[type=submit]")
    # Signed in once the chat page has loaded with its scripts: a question typed or a file attached before
    # they run would be a newline in the box or a change nobody hears (seen in CI on a loaded machine).
    page.wait_for_url(lambda url: "/accounts/" not in url)
    page.wait_for_load_state("load")


def test_a_new_user_chats_reloads_stops_and_switches_chats(page, daphne_server):
    expect = playwright_api.expect
    # 1. Sign up.
    _sign_up(page, daphne_server, "newcomer@example.com")
    expect(page.locator(".empty-state")).to_be_visible()
    expect(page.locator("#model-status")).to_contain_text("ready")

    # 2. Ask, and see tokens arrive.
    _ask(page, LONG_QUESTION)
    page.wait_for_url("**/chat/*/")
    streaming = page.locator(".message-assistant[data-streaming] .streaming-text")
    expect(streaming).not_to_be_empty()
    before_reload = streaming.evaluate("element => element.textContent")

    # 3. Reload mid-answer: the answer is still being written, what was shown is all still there,
    # and it goes on to the end.
    page.reload()
    expect(page.locator(".message-assistant[data-streaming]")).to_have_count(1)
    page.wait_for_function(
        """(before) => {
            const text = document.querySelector(".message-assistant .answer-text");
            return text !== null && text.textContent.length > before.length && text.textContent.startsWith(before);
        }""",
        arg=before_reload,
    )
    # A whole 4,096-token answer: seconds alone, but a loaded CI machine can take minutes.
    expect(page.locator(".message-assistant .markdown")).to_be_visible(timeout=180_000)
    assert _answer_text(page).strip()

    # 4. Stop: the partial answer is kept and marked stopped.
    page.locator(".regenerate-button").click()
    expect(page.locator(".message-assistant[data-streaming] .streaming-text")).not_to_be_empty()
    page.locator(".stop-button").click()
    expect(page.locator(".message-assistant .status-note")).to_have_text("Stopped.", timeout=30_000)
    first_chat_url = page.url

    # 5. A second chat, then back to the first.
    page.click("text=+ New chat")
    _ask(page, "A second question")
    page.wait_for_url(lambda url: url != first_chat_url and "/chat/" in url and not url.endswith("/chat/"))
    expect(page.locator(".session-item")).to_have_count(2)
    page.locator(".session-item").filter(has_text="hello").locator("a.session-link").click()
    page.wait_for_url(first_chat_url)
    expect(page.locator(".message-user")).to_contain_text("hello")
    expect(page.locator(".message-assistant .status-note")).to_have_text("Stopped.")


def test_an_answer_lists_its_sources_linked_to_the_page_and_records_can_be_switched_off(page, daphne_server, tmp_path):
    expect = playwright_api.expect
    _sign_up(page, daphne_server, "records@example.com")
    report = tmp_path / "thyroid.pdf"
    report.write_bytes(text_pdf(["Full blood count: all within range.", "TSH 7.9 mIU/L high (0.4-4.0)"]))

    page.set_input_files("#attach-input", str(report))
    # Reading a file takes a worker process of its own: seconds on a loaded machine.
    expect(page.locator('#composer input[name="upload_ids"]')).to_have_count(1, timeout=30_000)
    _ask(page, "Is my TSH high?")
    page.wait_for_url("**/chat/*/")

    sources = page.locator(".message-assistant .sources")
    expect(sources).to_be_visible(timeout=60_000)
    first = sources.locator(".source-list li").first
    expect(first).to_contain_text("thyroid.pdf, page 2")
    expect(first).to_contain_text("TSH 7.9 mIU/L high")
    assert first.locator("a").get_attribute("href").endswith("#page=2")

    # The report's value is in Lab results too, with a chart the CSP lets through.
    page.goto("/labs/")
    expect(page.locator(".lab-matrix")).to_contain_text("TSH")
    expect(page.locator("svg.trend-chart")).to_have_count(1)
    page.go_back()

    switch = page.get_by_label("Use my records")
    expect(switch).to_be_checked()
    switch.uncheck()
    expect(page.locator("#records-toggle input[type=checkbox]")).not_to_be_checked()
    page.reload()
    expect(page.get_by_label("Use my records")).not_to_be_checked()
