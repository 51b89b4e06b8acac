"""The fragments the chat page includes, and the contract uploads.js relies on."""

import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_composer_controls_hold_what_uploads_js_expects(settings):
    settings.UPLOAD_MAX_BYTES = 12345
    html = render_to_string("uploads/composer_controls.html")
    assert 'id="attach-button"' in html
    file_input = re.search(r"<input[^>]*id=\"attach-input\"[^>]*>", html, re.S).group(0)
    assert 'type="file"' in file_input and " multiple" in file_input
    assert " name=" not in file_input  # the file goes by XHR, never with the question's form
    assert f'data-upload-url="{reverse("uploads:upload-create")}"' in file_input
    assert 'data-max-bytes="12345"' in file_input
    assert "application/pdf" in file_input and ".dcm" in file_input
    assert 'id="composer-attachments"' in html
    assert 'src="/static/js/uploads.js"' in html


def test_a_composer_chip_carries_its_id_and_a_remove_button(make_upload):
    upload = make_upload(name="<img src=x onerror=alert(1)>.png")
    html = render_to_string("uploads/partials/upload-chip.html", {"upload": upload, "composer": True})
    assert f'<input type="hidden" name="upload_ids" value="{upload.pk}">' in html
    assert f'data-delete-url="{reverse("uploads:file-delete", args=[upload.pk])}"' in html
    assert "&lt;img src=x onerror=alert(1)&gt;.png" in html and "<img src=x" not in html


def test_a_history_chip_has_neither(make_upload):
    upload = make_upload()
    html = render_to_string("uploads/partials/upload-chip.html", {"upload": upload})
    assert "upload_ids" not in html
    assert "data-delete-url" not in html
    assert reverse("uploads:file-preview", args=[upload.pk]) in html


@pytest.mark.parametrize("path", ["js/uploads.js", "css/uploads.css"])
def test_the_static_files_exist(path):
    assert finders.find(path)


def test_uploads_js_exposes_clear_and_reads_the_agreed_ids():
    source = Path(finders.find("js/uploads.js")).read_text(encoding="utf-8")
    for needle in ("window.HealthUploads", "clear:", '"composer"', '"attach-input"', '"composer-attachments"'):
        assert needle in source
