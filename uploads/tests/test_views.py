import json
import re
import uuid

import pytest
from django.urls import reverse

from uploads.models import Upload
from uploads.tests.helpers import (
    ELF_BYTES,
    HTML_BYTES,
    SVG_BYTES,
    dicom_bytes,
    files_under,
    image_bytes,
    pdf_bytes,
    uploaded,
)

pytestmark = pytest.mark.django_db

UPLOAD_URL = "/files/upload/"


def post_file(client, name: str, content: bytes, **headers):
    return client.post(reverse("uploads:upload-create"), {"file": uploaded(name, content)}, headers=headers)


def test_the_urls_are_where_the_chat_expects_them():
    upload_id = uuid.uuid4()
    assert reverse("uploads:file-list") == "/files/"
    assert reverse("uploads:upload-create") == UPLOAD_URL
    assert reverse("uploads:file-content", args=[upload_id]) == f"/files/{upload_id}/content/"
    assert reverse("uploads:file-preview", args=[upload_id]) == f"/files/{upload_id}/preview/"
    assert reverse("uploads:file-delete", args=[upload_id]) == f"/files/{upload_id}/delete/"


# --- Uploading ------------------------------------------------------------------------------------


def test_an_upload_answers_201_with_a_chip_for_the_composer(alice_client):
    response = post_file(alice_client, "blood test.pdf", pdf_bytes("minimal-document.pdf"))
    assert response.status_code == 201
    upload = Upload.objects.get()
    html = response.content.decode()
    assert f'<input type="hidden" name="upload_ids" value="{upload.pk}">' in html
    assert reverse("uploads:file-preview", args=[upload.pk]) in html
    assert reverse("uploads:file-delete", args=[upload.pk]) in html
    assert "blood test.pdf" in html


def test_an_upload_answers_json_when_asked(alice_client):
    response = post_file(alice_client, "scan.png", image_bytes(), accept="application/json")
    assert response.status_code == 201
    body = response.json()
    upload = Upload.objects.get()
    assert body["id"] == str(upload.pk)
    assert (body["name"], body["kind"], body["content_type"]) == ("scan.png", "image", "image/png")
    assert body["content_url"] == reverse("uploads:file-content", args=[upload.pk])


def test_no_file_is_a_400_that_says_what_to_do(alice_client):
    response = alice_client.post(UPLOAD_URL, {}, headers={"accept": "application/json"})
    assert response.status_code == 400
    assert response.json() == {"error": {"code": "no_file", "message": "Choose a file to upload."}}


@pytest.mark.parametrize(
    ("name", "content", "status", "code"),
    [
        ("notes.exe", ELF_BYTES, 415, "unsupported_type"),
        ("fake.pdf", ELF_BYTES, 415, "unsupported_type"),
        ("page.png", HTML_BYTES, 415, "unsupported_type"),
        ("logo.jpg", SVG_BYTES, 415, "unsupported_type"),
        ("locked.pdf", pdf_bytes("libreoffice-writer-password.pdf"), 422, "encrypted"),
        ("cut.png", image_bytes(size=(200, 200))[:60], 422, "corrupt"),
        ("empty.pdf", b"", 400, "empty"),
    ],
)
def test_bad_files_get_a_clear_4xx_and_leave_nothing(alice_client, media_root, name, content, status, code):
    response = post_file(alice_client, name, content, accept="application/json")
    assert response.status_code == status
    error = response.json()["error"]
    assert error["code"] == code
    assert error["message"].endswith(".")
    assert not Upload.objects.exists()
    assert files_under(media_root) == []


def test_an_unsupported_type_names_the_accepted_ones_in_the_html_fragment(alice_client):
    response = post_file(alice_client, "virus.exe", ELF_BYTES)
    assert response.status_code == 415
    html = response.content.decode()
    assert 'role="alert"' in html and 'data-code="unsupported_type"' in html
    assert "Upload a PDF, a JPEG, PNG or WebP image, or a DICOM (.dcm) file." in html


def test_an_oversized_file_is_a_413(alice_client, settings):
    settings.UPLOAD_MAX_BYTES = 1000
    response = post_file(alice_client, "big.pdf", pdf_bytes("minimal-document.pdf"), accept="application/json")
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "too_large"


def test_the_quota_is_a_413(alice_client, settings):
    settings.UPLOAD_QUOTA_BYTES = 10
    response = post_file(alice_client, "a.png", image_bytes(), accept="application/json")
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "quota_exceeded"


def test_the_server_never_answers_500_to_random_bytes(alice_client):
    prefixes = [
        b"%PDF-",
        b"\xff\xd8\xff",
        b"\x89PNG\r\n\x1a\n",
        b"RIFF\x00\x00\x00\x00WEBPVP8 ",
        b"\x00" * 128 + b"DICM",
    ]
    for number, prefix in enumerate(prefixes):
        content = prefix + bytes((number * 7 + i * 13) % 256 for i in range(4000))
        response = post_file(alice_client, f"file{number}", content)
        assert 400 <= response.status_code < 500, prefix


def test_uploading_needs_a_login(client):
    response = post_file(client, "a.png", image_bytes())
    assert response.status_code == 302
    assert not Upload.objects.exists()


def test_uploading_needs_post(alice_client):
    assert alice_client.get(UPLOAD_URL).status_code == 405


def test_uploading_needs_the_csrf_token(alice):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    assert post_file(client, "a.png", image_bytes()).status_code == 403


# --- Serving --------------------------------------------------------------------------------------


def test_the_owner_gets_the_file_with_safe_headers(alice_client, make_upload):
    content = pdf_bytes("minimal-document.pdf")
    upload = make_upload(name="Résumé of results.pdf", content=content)
    response = alice_client.get(reverse("uploads:file-content", args=[upload.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == content
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    # Shown in the browser's PDF viewer (a source opens it at its page), which a sandbox would block.
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert response["Content-Disposition"] == (
        "inline; filename=\"Resume of results.pdf\"; filename*=UTF-8''R%C3%A9sum%C3%A9%20of%20results.pdf"
    )
    assert "no-store" in response["Cache-Control"]


def test_a_dicom_file_always_downloads_sandboxed(alice_client, make_upload):
    upload = make_upload(name="ct.dcm", content=dicom_bytes("CT_small.dcm"))
    response = alice_client.get(reverse("uploads:file-content", args=[upload.pk]))
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"


def test_an_image_is_shown_inline_with_its_detected_type(alice_client, make_upload):
    upload = make_upload(name="page.html", content=image_bytes(format="PNG"))
    response = alice_client.get(reverse("uploads:file-content", args=[upload.pk]))
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith('inline; filename="page.html.png"')


def test_the_preview_is_a_jpeg(alice_client, make_upload):
    upload = make_upload(content=pdf_bytes("minimal-document.pdf"), name="a.pdf")
    response = alice_client.get(reverse("uploads:file-preview", args=[upload.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"\xff\xd8\xff")


def test_a_file_missing_on_disk_is_a_404_not_a_500(alice_client, make_upload, media_root):
    upload = make_upload()
    (media_root / upload.stored_path).unlink()
    assert alice_client.get(reverse("uploads:file-content", args=[upload.pk])).status_code == 404


@pytest.mark.parametrize("name", ["uploads:file-content", "uploads:file-preview"])
def test_it_validates_ownership_when_serving(bob_client, make_upload, name):
    upload = make_upload()
    assert bob_client.get(reverse(name, args=[upload.pk])).status_code == 404


def test_it_validates_ownership_when_deleting(bob_client, make_upload, media_root):
    upload = make_upload()
    response = bob_client.post(reverse("uploads:file-delete", args=[upload.pk]))
    assert response.status_code == 404
    assert Upload.objects.filter(pk=upload.pk).exists()
    assert (media_root / upload.stored_path).is_file()


@pytest.mark.parametrize("name", ["uploads:file-content", "uploads:file-preview"])
def test_an_anonymous_visitor_is_sent_to_log_in(client, make_upload, name):
    response = client.get(reverse(name, args=[make_upload().pk]))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_no_url_serves_a_file_by_its_path(alice_client, make_upload):
    upload = make_upload()
    for prefix in ("/media-not-public/", "/files/", "/media/", "/static/", "/files/content/"):
        assert alice_client.get(prefix + upload.stored_path).status_code == 404, prefix
        assert alice_client.get(prefix + upload.preview_path).status_code == 404, prefix


# --- Deleting -------------------------------------------------------------------------------------


def test_the_owner_deletes_a_file_and_is_sent_back_to_the_list(alice_client, make_upload, media_root):
    upload = make_upload(name="old scan.png")
    response = alice_client.post(reverse("uploads:file-delete", args=[upload.pk]), follow=True)
    assert response.redirect_chain == [(reverse("uploads:file-list"), 302)]
    assert "Deleted “old scan.png”." in response.content.decode()
    assert not Upload.objects.exists()


def test_deleting_with_htmx_updates_the_quota_out_of_band(alice_client, make_upload):
    upload = make_upload()
    response = alice_client.post(reverse("uploads:file-delete", args=[upload.pk]), headers={"hx-request": "true"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="upload-quota"' in html and 'hx-swap-oob="true"' in html


def test_deleting_from_the_composer_answers_json(alice_client, make_upload):
    upload = make_upload()
    response = alice_client.post(
        reverse("uploads:file-delete", args=[upload.pk]), headers={"accept": "application/json"}
    )
    assert response.json() == {"deleted": str(upload.pk)}


def test_deleting_needs_post(alice_client, make_upload):
    upload = make_upload()
    assert alice_client.get(reverse("uploads:file-delete", args=[upload.pk])).status_code == 405
    assert Upload.objects.exists()


# --- My files -------------------------------------------------------------------------------------


def test_my_files_lists_my_uploads_their_chats_and_the_space_left(alice_client, bob, make_upload, attach, settings):
    settings.UPLOAD_QUOTA_BYTES = 1024 * 1024
    mine = make_upload(name="cholesterol.pdf", content=pdf_bytes("minimal-document.pdf"))
    message = attach(mine)
    make_upload(owner=bob, name="bobs-knee.png")

    html = alice_client.get(reverse("uploads:file-list")).content.decode().replace("\xa0", " ")

    assert "cholesterol.pdf" in html
    assert "bobs-knee.png" not in html
    assert f'href="/chat/{message.session.id}/"' in html
    assert "PDF document, 1 page" in html
    assert f"{mine.size / 1024:.1f} KB of 1.0 MB used" in html
    assert f"{(1024 * 1024 - mine.size) / 1024:.1f} KB left" in html
    assert reverse("uploads:file-delete", args=[mine.pk]) in html


def test_my_files_says_when_there_are_none(alice_client):
    assert "You have no files yet." in alice_client.get(reverse("uploads:file-list")).content.decode()


def test_my_files_needs_a_login(client):
    assert client.get(reverse("uploads:file-list")).status_code == 302


def _rows(owner, count):
    # Rows alone: the list page reads no files.
    return Upload.objects.bulk_create(
        Upload(
            owner=owner,
            original_name=f"file-{number}.png",
            stored_path=f"users/{owner.pk}/20260101T000000_{uuid.uuid4()}.png",
            kind=Upload.Kind.IMAGE,
            content_type="image/png",
            size=1000 + number,
            sha256="0" * 64,
        )
        for number in range(count)
    )


def test_my_files_is_paginated(alice_client, alice):
    _rows(alice, 30)
    first = alice_client.get(reverse("uploads:file-list")).content.decode()
    second = alice_client.get(reverse("uploads:file-list"), {"page": 2}).content.decode()
    assert first.count('file-delete">Delete') == 25
    assert second.count('file-delete">Delete') == 5
    assert "Page 2 of 2" in second


def test_my_files_makes_a_bounded_number_of_queries(alice_client, alice, attach, django_assert_max_num_queries):
    uploads = _rows(alice, 25)
    for upload in uploads[:10]:
        attach(upload)
    with django_assert_max_num_queries(8):
        response = alice_client.get(reverse("uploads:file-list"))
    assert response.status_code == 200
    assert len(re.findall(r'href="/chat/[0-9a-f-]{36}/"', response.content.decode())) == 10


def test_the_json_error_is_valid_json_even_for_odd_names(alice_client):
    response = post_file(alice_client, 'a"\u202e<b>.exe', ELF_BYTES, accept="application/json")
    json.loads(response.content)
    assert response.status_code == 415


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (
            b'--B\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\nabc',
            "multipart/form-data; boundary=B",
        ),
        (b"xx", "multipart/form-data"),
        (b"file=abc", "application/x-www-form-urlencoded"),
    ],
)
def test_a_malformed_request_is_a_400(alice_client, body, content_type):
    response = alice_client.generic("POST", UPLOAD_URL, body, content_type=content_type)
    assert response.status_code == 400


def test_a_row_of_a_type_no_longer_accepted_downloads_as_opaque_bytes(alice_client, make_upload):
    upload = make_upload()
    Upload.objects.filter(pk=upload.pk).update(content_type="image/svg+xml")
    response = alice_client.get(reverse("uploads:file-content", args=[upload.pk]))
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment;")
