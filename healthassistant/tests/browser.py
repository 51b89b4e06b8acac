"""Debian's chromium driven by Playwright, for the browser tests: found, launched, and signed in.

Never a browser download: `make test` installs Debian's chromium where apt works, and the tests
that need it are skipped, with the reason, where it doesn't.
"""

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from healthassistant.tests.csp_refusals import csp_refusals

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
# The window sizes the browser tests check layouts at.
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}


def playwright_or_skip():
    """Playwright's sync API; skips the calling test module where chromium or Playwright is missing."""
    if not Path(CHROMIUM).exists():
        pytest.skip(
            "Debian's chromium is not installed (`make test` installs it where apt works)", allow_module_level=True
        )
    return pytest.importorskip("playwright.sync_api")


@contextmanager
def chromium(playwright_api) -> Iterator:
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@contextmanager
def signed_in_page(playwright_api, *, base_url: str, sessionid: str, path: str, **context_options) -> Iterator:
    """A page at path, signed in with the session cookie; the Content-Security-Policy must refuse nothing on it."""
    with chromium(playwright_api) as browser:
        context = browser.new_context(base_url=base_url, **context_options)
        context.add_cookies([{"name": "sessionid", "value": sessionid, "url": base_url}])
        page = context.new_page()
        page.set_default_timeout(15_000)
        refused = csp_refusals(page)
        page.goto(path)
        yield page
    assert refused == []
