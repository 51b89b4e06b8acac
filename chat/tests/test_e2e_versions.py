"""Edit and versions in a real browser (Debian's chromium, driven by Playwright) at desktop size.

Against daphne and the tiny model: every question has the pencil; ‹ n/m › switches between the
versions of a question, each with the messages that followed it; editing a question in the middle
of the chat makes its next version, answered by the model.
"""

import json

import pytest

from healthassistant.tests.browser import DESKTOP, chromium, playwright_or_skip
from healthassistant.tests.csp_refusals import csp_refusals

pytestmark = pytest.mark.e2e

playwright_api = playwright_or_skip()

EMAIL = "versions@example.com"
PASSWORD = "a-long-health-passphrase"

# A chat whose first question was edited, with the first version shown: LDL 160 → diet, or LDL 130.
FORKED_CHAT = """
import sys
from accounts.models import User
from allauth.account.models import EmailAddress
from chat.models import ChatSession, Message
user = User.objects.create_user(sys.argv[-1], 'a-long-health-passphrase')
EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
chat = ChatSession.objects.create(owner=user, title='Cholesterol')
def said(role, text, parent, **flags):
    return Message.objects.create(session=chat, role=role, content=text, parent=parent, **flags)
first = said('user', 'Is an LDL of 160 high?', None)
second = said('user', 'What should I eat?', said('assistant', 'Yes, 160 is high.', first))
said('assistant', 'More fibre.', second)
edited = said('user', 'Is an LDL of 130 high?', None, active=False, shown=False)
said('assistant', '130 is borderline.', edited, shown=False)
sys.stdout.write(str(chat.pk))
"""

SHOWN = """
import json, sys
from chat.models import Message
rows = Message.objects.filter(session__owner__email=sys.argv[-1], shown=True).order_by('pk')
sys.stdout.write(json.dumps([[m.role, m.content, m.parent.content if m.parent else None] for m in rows]))
"""


def run(server, script: str) -> str:
    return server.manage("shell", "--verbosity=0", "-c", script.replace("sys.argv[-1]", repr(EMAIL)))


def settled(page) -> None:
    """Waits until HTMX has no request, swap or settle under way, so that a click meets the buttons it swapped in."""
    page.wait_for_function(
        "() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling, .htmx-added')"
    )


def test_versions_are_switched_and_a_question_in_the_middle_is_edited(daphne_server):
    expect = playwright_api.expect
    chat_id = run(daphne_server, FORKED_CHAT)
    with chromium(playwright_api) as browser:
        page = browser.new_page(base_url=daphne_server.base, viewport=DESKTOP)
        page.set_default_timeout(30_000)
        refused = csp_refusals(page)
        page.goto("/accounts/login/")
        page.fill("input[name=login]", EMAIL)
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url("**/chat/")
        page.goto(f"/chat/{chat_id}/")

        questions = page.locator(".message-user .user-text")
        answers = page.locator(".message-assistant .answer-text")
        expect(questions).to_have_text(["Is an LDL of 160 high?", "What should I eat?"])
        # The pencil is on every question, not only the last one.
        expect(page.locator(".message-user .edit-question summary")).to_have_count(2)
        expect(page.locator(".message-user .version-number")).to_have_text("1/2")

        settled(page)
        page.get_by_role("button", name="Next version").click()
        # Lists, not strings: a string asks for exactly one element at once, a list waits for the swap.
        expect(questions).to_have_text(["Is an LDL of 130 high?"])
        expect(answers).to_have_text(["130 is borderline."])
        expect(page.locator(".message-user .version-number")).to_have_text("2/2")

        settled(page)
        page.get_by_role("button", name="Previous version").click()
        expect(questions).to_have_text(["Is an LDL of 160 high?", "What should I eat?"])
        expect(answers).to_have_text(["Yes, 160 is high.", "More fibre."])

        # Edit the first question, in the middle of the chat: its third version, answered; the chat forks.
        settled(page)
        first = page.locator(".message-user").first
        first.locator(".edit-question summary").click()
        first.locator("textarea[name=content]").fill("Is an LDL of 100 high?")
        first.get_by_role("button", name="Save and resend").click()
        expect(questions).to_have_text(["Is an LDL of 100 high?"])
        expect(page.locator(".message-user .version-number")).to_have_text("3/3")
        page.locator(".stop-button").click()
        expect(page.locator(".message-assistant[data-streaming]")).to_have_count(0)
        assert refused == []

    shown = json.loads(run(daphne_server, SHOWN))
    assert [row[:2] for row in shown][:1] == [["user", "Is an LDL of 100 high?"]]
    assert shown[1][0] == "assistant" and shown[1][2] == "Is an LDL of 100 high?"
