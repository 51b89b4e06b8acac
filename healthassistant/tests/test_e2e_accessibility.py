"""axe-core in a real browser (Debian's chromium, driven by Playwright): no serious or critical violations.

The chat, My files, Account, privacy, login and signup pages, in light and in dark, and the signed-in
ones at a phone's size too. axe-core is vendored
(healthassistant/tests/vendor/axe.min.js, from the npm registry) and evaluated through the DevTools
protocol, which the page's Content-Security-Policy does not govern: the policy stays on, and the
pages must still have nothing refused.
"""

from contextlib import contextmanager
from pathlib import Path

import pytest

from chat import services
from chat.models import Message
from healthassistant.tests.browser import chromium, playwright_or_skip
from healthassistant.tests.csp_refusals import csp_refusals

pytestmark = pytest.mark.e2e

playwright_api = playwright_or_skip()

AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text()
# Every rule axe-core has for WCAG 2.0 and 2.1 A and AA, and its best practices.
RUN_AXE = """async () => {
  const results = await axe.run(document, {
    runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
    resultTypes: ["violations"],
  });
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(" ")).slice(0, 5),
    }));
}"""
DESKTOP = {"viewport": {"width": 1280, "height": 800}}
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


@pytest.fixture
def browser(monkeypatch):
    # Playwright's sync API runs an event loop in this thread; the ORM calls here are plain test setup.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with chromium(playwright_api) as browser:
        yield browser


@pytest.fixture
def signed_in(browser, live_server, client, alice, make_upload):
    make_upload(name="lipid-panel-2026-with-a-long-name.png")
    session = services.session_create(owner=alice, title="Cholesterol results")
    Message.objects.create(session=session, role=Message.Role.USER, content="Is an LDL of 160 high?")
    Message.objects.create(
        session=session, role=Message.Role.ASSISTANT, content="An LDL of **160 mg/dL** is *high*.", answer_tokens=9
    )
    client.force_login(alice)
    return {"sessionid": client.cookies["sessionid"].value, "chat": f"/chat/{session.pk}/"}


@contextmanager
def _page(browser, base_url: str, color_scheme: str, sessionid: str | None = None, size: dict = DESKTOP):
    context = browser.new_context(base_url=base_url, color_scheme=color_scheme, **size)
    if sessionid:
        context.add_cookies([{"name": "sessionid", "value": sessionid, "url": base_url}])
    page = context.new_page()
    page.set_default_timeout(30_000)  # The suite may share two cores with a build.
    refused = csp_refusals(page)
    try:
        yield page
    finally:
        context.close()
    assert refused == []


def _serious_violations(page, path: str, color_scheme: str) -> list[dict]:
    page.goto(path)
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.documentElement.dataset.theme") == color_scheme
    page.evaluate(AXE)
    return page.evaluate(RUN_AXE)


@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_the_signed_in_pages_have_no_serious_violations(browser, live_server, signed_in, color_scheme, size):
    found = {}
    with _page(browser, live_server.url, color_scheme, signed_in["sessionid"], size) as page:
        for path in ("/chat/", signed_in["chat"], "/files/", "/accounts/password/change/", "/privacy/"):
            found[path] = _serious_violations(page, path, color_scheme)
    assert {path: violations for path, violations in found.items() if violations} == {}


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_the_entrance_pages_have_no_serious_violations(browser, live_server, db, color_scheme):
    found = {}
    with _page(browser, live_server.url, color_scheme) as page:
        for path in ("/accounts/login/", "/accounts/signup/", "/privacy/"):
            found[path] = _serious_violations(page, path, color_scheme)
    assert {path: violations for path, violations in found.items() if violations} == {}
