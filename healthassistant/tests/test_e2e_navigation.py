"""Phone and keyboard in a real browser (Debian's chromium, driven by Playwright) against a live server.

The sidebar drawer opens and closes by keyboard and by a tap outside, keeps focus while open and out
of itself while closed, and ☰ covers nothing; ⋯ menus stay on screen and close on Escape and outside
clicks; a skip link; visible focus; "Load earlier messages" keeps the reading position; and My files
is a list of cards on a phone.
"""

import pytest

from chat.models import Message
from chat.services import session_create
from healthassistant.tests.browser import DESKTOP, PHONE, playwright_or_skip

pytestmark = pytest.mark.e2e

playwright_api = playwright_or_skip()

IN_SIDEBAR = "document.activeElement.closest('#sidebar') !== null"


@pytest.fixture
def long_chat(alice):
    session = session_create(owner=alice, title="A long chat with a title that goes on and on")
    for n in range(40):
        Message.objects.create(session=session, role=Message.Role.USER, content=f"Question {n}")
        Message.objects.create(
            session=session, role=Message.Role.ASSISTANT, status=Message.Status.DONE, content=f"Answer {n}\n\n" * 3
        )
    return session


def _overlap(a: dict, b: dict) -> bool:
    return not (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )


def test_the_drawer_by_keyboard_and_by_tapping_outside(open_page, long_chat):
    expect = playwright_api.expect
    with open_page(f"/chat/{long_chat.pk}/", PHONE) as page:
        toggle = page.locator(".nav-toggle-button")
        sidebar = page.locator("#sidebar")

        # Closed: ☰ covers neither the title nor any message, and Tab never goes into the hidden drawer.
        assert not _overlap(toggle.bounding_box(), page.locator(".chat-title").bounding_box())
        page.evaluate("window.scrollTo(0, 0)")
        page.keyboard.press("Tab")
        expect(page.locator(".skip-link")).to_be_focused()
        page.keyboard.press("Tab")
        expect(toggle).to_be_focused()
        for _ in range(5):
            page.keyboard.press("Tab")
            assert not page.evaluate(IN_SIDEBAR)

        # Opened by keyboard: focus goes in and stays there, and the brand is not under ☰.
        toggle.focus()
        page.keyboard.press("Enter")
        expect(sidebar).to_have_class("sidebar is-open")
        expect(toggle).to_have_attribute("aria-expanded", "true")
        assert page.evaluate(IN_SIDEBAR)
        page.wait_for_timeout(300)  # the slide-in
        assert not _overlap(toggle.bounding_box(), page.locator(".brand").bounding_box())
        for _ in range(12):
            page.keyboard.press("Tab")
            assert page.evaluate(IN_SIDEBAR) or page.evaluate("document.activeElement.matches('.nav-toggle-button')")
        page.keyboard.press("Shift+Tab")
        assert page.evaluate(IN_SIDEBAR) or page.evaluate("document.activeElement.matches('.nav-toggle-button')")

        # Escape closes it and gives focus back to ☰.
        page.keyboard.press("Escape")
        expect(sidebar).not_to_have_class("sidebar is-open")
        expect(toggle).to_be_focused()
        expect(toggle).to_have_attribute("aria-expanded", "false")

        # A tap outside closes it too.
        toggle.click()
        expect(sidebar).to_have_class("sidebar is-open")
        page.mouse.click(360, 500)
        expect(sidebar).not_to_have_class("sidebar is-open")


def test_the_sidebar_is_no_drawer_on_a_desktop(open_page, long_chat):
    expect = playwright_api.expect
    with open_page(f"/chat/{long_chat.pk}/", DESKTOP) as page:
        expect(page.locator(".nav-toggle-button")).to_be_hidden()
        page.locator(".new-chat").focus()
        assert page.evaluate(IN_SIDEBAR)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_a_menu_stays_on_screen_and_closes_on_escape_and_outside_clicks(open_page, long_chat, viewport):
    expect = playwright_api.expect
    with open_page(f"/chat/{long_chat.pk}/", viewport) as page:
        if viewport is PHONE:
            page.locator(".nav-toggle-button").click()
        menu = page.locator(f"#session-{long_chat.pk} details.session-menu")
        menu.locator("summary").click()
        body = menu.locator(".session-menu-body")
        expect(body).to_be_visible()
        box = body.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"]

        page.keyboard.press("Escape")
        expect(body).to_be_hidden()
        expect(menu.locator("summary")).to_be_focused()
        if viewport is PHONE:
            expect(page.locator("#sidebar")).to_have_class("sidebar is-open")

        menu.locator("summary").click()
        expect(body).to_be_visible()
        page.locator(".sidebar input[type=search]").click()
        expect(body).to_be_hidden()


def test_a_skip_link_and_visible_focus(open_page, long_chat):
    expect = playwright_api.expect
    with open_page(f"/chat/{long_chat.pk}/", DESKTOP) as page:
        page.keyboard.press("Tab")
        skip = page.locator(".skip-link")
        expect(skip).to_be_focused()
        assert skip.bounding_box()["y"] >= 0
        page.keyboard.press("Enter")
        page.keyboard.press("Tab")
        assert page.evaluate("document.getElementById('main').contains(document.activeElement)")
        assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"

        page.locator("#composer-input").focus()
        assert page.evaluate("getComputedStyle(document.querySelector('.composer-row')).outlineStyle") == "solid"


def test_load_earlier_keeps_the_reading_position(open_page, long_chat):
    expect = playwright_api.expect
    with open_page(f"/chat/{long_chat.pk}/", DESKTOP) as page:
        first = page.locator("#messages .message").first
        anchor = page.locator("#" + first.get_attribute("id"))
        page.evaluate("window.scrollTo(0, 0)")
        top = anchor.bounding_box()["y"]
        page.get_by_role("button", name="Load earlier messages").click()
        expect(page.locator(".message")).to_have_count(60)
        page.wait_for_timeout(300)
        assert abs(anchor.bounding_box()["y"] - top) < 5
        assert page.evaluate("window.scrollY") > 0


def test_my_files_is_a_list_of_cards_on_a_phone(open_page, make_upload):
    make_upload(name="blood-test-results-from-the-hospital-march.png")
    expect = playwright_api.expect
    with open_page("/files/", PHONE) as page:
        name = page.locator(".file-name span")
        expect(name).to_be_visible()
        assert name.bounding_box()["width"] > 200
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        expect(page.locator(".file-table tr").last).to_have_css("display", "block")
        expect(page.locator(".file-table td[data-label=Uploaded]")).to_be_visible()
    with open_page("/files/", DESKTOP) as page:
        expect(page.locator(".file-table tbody tr")).to_have_css("display", "table-row")
