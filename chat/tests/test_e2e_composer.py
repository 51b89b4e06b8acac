"""The question box in a real browser (Debian's chromium, driven by Playwright) against a live server.

It grows, keeps a draft per chat across reloads, is focused on a new chat, turns Send into Stop while
an answer is being written; answers have Copy and say when they stopped at the length limit; and a
session that ended shows a "signed out" dialog, keeps the question, and sends it after signing in.
No worker runs here: a question's answer stays "being written", which is what Send-into-Stop needs.
"""

import pytest

from chat.models import Message
from chat.services import session_create
from healthassistant.tests.browser import DESKTOP, PHONE, playwright_or_skip

pytestmark = pytest.mark.e2e

playwright_api = playwright_or_skip()


@pytest.fixture
def chat_session(alice):
    session = session_create(owner=alice, title="Headaches")
    Message.objects.create(session=session, role=Message.Role.USER, content="Why do I get headaches?")
    Message.objects.create(
        session=session,
        role=Message.Role.ASSISTANT,
        status=Message.Status.DONE,
        content="Often from too little sleep or water.",
        finish_reason="length",
    )
    return session


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_a_new_chat_focuses_the_box_which_grows_and_keeps_its_draft(open_page, viewport):
    expect = playwright_api.expect
    with open_page("/chat/", viewport) as page:
        box = page.locator("#composer-input")
        expect(box).to_be_focused()
        height = box.bounding_box()["height"]

        page.keyboard.type("First line")
        for line in range(2, 7):
            page.keyboard.press("Shift+Enter")
            page.keyboard.type(f"line {line}")
        grown = box.bounding_box()["height"]
        assert grown > height + 40

        # Up to a limit, then it scrolls.
        for line in range(7, 80):
            page.keyboard.press("Shift+Enter")
            page.keyboard.type(f"line {line}")
        assert box.bounding_box()["height"] <= viewport["height"] * 0.4 + 1

        page.reload()
        expect(box).to_have_value(box.input_value())
        assert box.input_value().startswith("First line\nline 2")
        assert box.input_value().endswith("line 79")


def test_drafts_are_kept_per_chat_and_cleared_when_sent(open_page, chat_session):
    expect = playwright_api.expect
    with open_page(f"/chat/{chat_session.pk}/") as page:
        page.fill("#composer-input", "A draft for Headaches")
        page.goto("/chat/")
        expect(page.locator("#composer-input")).to_have_value("")
        page.fill("#composer-input", "A draft for a new chat")
        page.goto(f"/chat/{chat_session.pk}/")
        expect(page.locator("#composer-input")).to_have_value("A draft for Headaches")

        page.press("#composer-input", "Enter")
        expect(page.locator(".message-user").last).to_contain_text("A draft for Headaches")
        expect(page.locator("#composer-input")).to_have_value("")
        page.reload()
        expect(page.locator("#composer-input")).to_have_value("")
        assert page.evaluate(f"localStorage.getItem('health-draft:{chat_session.pk}')") is None
        assert page.evaluate("localStorage.getItem('health-draft:new')") == "A draft for a new chat"

        # A new chat's first question leads to its chat page by a redirect; its draft goes all the same.
        page.goto("/chat/")
        page.press("#composer-input", "Enter")
        page.wait_for_url(lambda url: "/chat/" in url and not url.endswith("/chat/"))
        page.goto("/chat/")
        expect(page.locator("#composer-input")).to_have_value("")
        assert page.evaluate("localStorage.getItem('health-draft:new')") is None


def test_send_turns_into_stop_while_an_answer_is_written(open_page, chat_session):
    expect = playwright_api.expect
    with open_page(f"/chat/{chat_session.pk}/") as page:
        send = page.locator("#composer .send-button")
        expect(send).to_have_text("Send")
        page.fill("#composer-input", "And at night?")
        page.press("#composer-input", "Enter")
        expect(page.locator(".message-assistant[data-streaming]")).to_have_count(1)
        expect(send).to_have_text("■ Stop")
        expect(send).to_have_attribute("aria-label", "Stop the answer")

        # Enter now keeps the text for later, rather than being refused.
        page.fill("#composer-input", "Next question")
        page.press("#composer-input", "Enter")
        expect(page.locator("#composer-error")).to_be_empty()
        expect(page.locator("#composer-input")).to_have_value("Next question")
        assert Message.objects.filter(session=chat_session).count() == 4

        with page.expect_response(lambda response: response.url.endswith("/stop/")) as stopped:
            send.click()
        assert stopped.value.status == 204

        # When the answer is done (the worker would say so), Send is back.
        Message.objects.filter(session=chat_session, status=Message.Status.STREAMING).update(
            status=Message.Status.CANCELLED
        )
        page.reload()
        expect(send).to_have_text("Send")


def test_each_answer_has_copy_and_a_cut_off_one_says_so(open_page, chat_session):
    expect = playwright_api.expect
    with open_page(f"/chat/{chat_session.pk}/", permissions=["clipboard-read", "clipboard-write"]) as page:
        answer = page.locator(".message-assistant")
        expect(answer.locator(".length-note")).to_have_text("Stopped at the length limit.")
        answer.get_by_role("button", name="Copy the answer").click()
        expect(answer.locator(".copy-button")).to_have_text("Copied")
        assert page.evaluate("navigator.clipboard.readText()") == "Often from too little sleep or water."


def test_a_status_poll_after_the_session_ended_shows_the_signed_out_dialog(open_page, chat_session):
    expect = playwright_api.expect
    with open_page(f"/chat/{chat_session.pk}/") as page:
        page.context.clear_cookies(name="sessionid")
        dialog = page.locator("#signed-out-dialog")
        expect(dialog).to_be_visible(timeout=12_000)
        expect(dialog).to_contain_text("You've been signed out")
        expect(page.locator(".chat-header")).not_to_contain_text("Sign in")
        expect(page.locator(".chat form[action*=login]")).to_have_count(0)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_a_question_sent_after_the_session_ended_is_sent_after_signing_in(open_page, chat_session, password, viewport):
    expect = playwright_api.expect
    with open_page(f"/chat/{chat_session.pk}/", viewport) as page:
        # No status poll here: the question itself meets the ended session.
        page.evaluate("document.getElementById('model-status').remove()")
        page.fill("#composer-input", "Should I worry?")
        page.context.clear_cookies(name="sessionid")
        page.press("#composer-input", "Enter")

        dialog = page.locator("#signed-out-dialog")
        expect(dialog).to_be_visible()
        expect(page.locator("#messages")).not_to_contain_text("Sign in")
        expect(page.locator(".message-user")).to_have_count(1)
        expect(page.locator("#composer-input")).to_have_value("Should I worry?")

        dialog.get_by_role("link", name="Sign in to continue").click()
        page.fill("input[name=login]", "alice@example.com")
        page.fill("input[name=password]", password)
        page.click("button[type=submit]")

        page.wait_for_url(f"**/chat/{chat_session.pk}/")
        expect(page.locator(".message-user").last).to_contain_text("Should I worry?")
        expect(page.locator("#composer-input")).to_have_value("")
        questions = [message.content for message in Message.objects.filter(session=chat_session, role="user")]
        assert questions == ["Why do I get headaches?", "Should I worry?"]


def test_continue_writes_on_a_cut_off_answer(open_page, chat_session):
    expect = playwright_api.expect
    with open_page(f"/chat/{chat_session.pk}/", PHONE) as page:
        answer = page.locator(".message-assistant")
        answer.get_by_role("button", name="Continue").click()
        expect(answer).to_have_attribute("data-streaming", "")
        expect(answer.locator(".streaming-text")).to_have_text("Often from too little sleep or water.")
        expect(answer.locator(".length-note")).to_have_count(0)
        expect(page.locator("#composer .send-button")).to_have_text("■ Stop")
        assert Message.objects.get(session=chat_session, role="assistant").status == Message.Status.STREAMING


def test_send_turns_into_stop_when_an_answer_is_regenerated(open_page, chat_session):
    expect = playwright_api.expect
    with open_page(f"/chat/{chat_session.pk}/") as page:
        page.locator(".regenerate-button").click()
        expect(page.locator(".message-assistant[data-streaming]")).to_have_count(1)
        expect(page.locator("#composer .send-button")).to_have_text("■ Stop")
