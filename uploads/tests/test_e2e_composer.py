"""uploads.js in a real browser (Debian's chromium, driven by Playwright) against a live server."""

import pytest

from healthassistant.tests.browser import playwright_or_skip, signed_in_page
from uploads.models import Upload
from uploads.tests.helpers import ELF_BYTES, image_bytes

pytestmark = [pytest.mark.e2e, pytest.mark.urls("uploads.tests.e2e_urls")]

playwright_api = playwright_or_skip()


@pytest.fixture
def page(live_server, client, alice, monkeypatch):
    # Playwright's sync API runs an event loop in this thread; the ORM calls here are plain test reads.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    client.force_login(alice)
    with signed_in_page(
        playwright_api, base_url=live_server.url, sessionid=client.cookies["sessionid"].value, path="/composer/"
    ) as page:
        yield page


def test_attaching_shows_a_chip_or_the_servers_error_and_remove_deletes(page, tmp_path):
    expect = playwright_api.expect
    good, bad = tmp_path / "x-ray.png", tmp_path / "notes.pdf"
    good.write_bytes(image_bytes(size=(300, 200)))
    bad.write_bytes(ELF_BYTES)

    page.set_input_files("#attach-input", [str(good), str(bad)])

    # Stored (the chip that was uploading replaced by the server's): reading a file takes a worker process.
    expect(page.locator('#composer input[name="upload_ids"]')).to_have_count(1)
    chip = page.locator("#composer-attachments .upload-chip:not(.upload-chip-error):not(.is-uploading)")
    expect(chip).to_have_count(1)
    expect(chip.locator(".upload-chip-name")).to_have_text("x-ray.png")
    upload = Upload.objects.get()
    expect(page.locator('#composer input[name="upload_ids"]')).to_have_value(str(upload.pk))
    error = page.locator("#composer-attachments .upload-chip-error")
    expect(error).to_contain_text("This type of file isn't supported. Upload a PDF")
    assert page.evaluate("window.HealthUploads.pending()") == 0

    error.locator(".upload-chip-remove").click()
    expect(error).to_have_count(0)
    chip.locator(".upload-chip-remove").click()
    expect(chip).to_have_count(0)
    for _ in range(50):
        if not Upload.objects.exists():
            break
        page.wait_for_timeout(100)
    assert not Upload.objects.exists()


def test_a_file_over_the_limit_is_refused_in_the_browser(page, tmp_path, settings):
    big = tmp_path / "big.png"
    big.write_bytes(b"\x89PNG" + b"\x00" * (settings.UPLOAD_MAX_BYTES + 1))
    page.set_input_files("#attach-input", str(big))
    playwright_api.expect(page.locator(".upload-chip-error")).to_contain_text("the limit is 20.0 MB")
    assert not Upload.objects.exists()


def test_clear_empties_the_tray_after_a_send(page, tmp_path):
    expect = playwright_api.expect
    # One after the other: the live server's threads share one in-memory SQLite connection, so two
    # uploads whose transactions overlap (each waits on its parsing process) can break each other here.
    for count, name in enumerate(("a.png", "b.png"), 1):
        (tmp_path / name).write_bytes(image_bytes())
        page.set_input_files("#attach-input", str(tmp_path / name))
        expect(page.locator('#composer input[name="upload_ids"]')).to_have_count(count)
    page.evaluate("window.HealthUploads.clear()")
    expect(page.locator("#composer-attachments .upload-chip")).to_have_count(0)
    assert Upload.objects.count() == 2  # sent uploads stay on the server
