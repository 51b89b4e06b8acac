"""Uploads through the REST API: the browser's limits and errors, the owner-only file with safe headers."""

import pytest
from rest_framework.test import APIClient

from uploads.models import Upload
from uploads.tests.helpers import HTML_BYTES, files_under, image_bytes, uploaded
from uploads.views import FILES_PER_PAGE

pytestmark = pytest.mark.django_db

UPLOADS_URL = "/api/v1/uploads/"


def post_file(client, name: str, content: bytes):
    return client.post(UPLOADS_URL, {"file": uploaded(name, content)}, format="multipart")


def test_it_uploads_an_image(alice_api, alice, media_root):
    response = post_file(alice_api, "x-ray.png", image_bytes())
    assert response.status_code == 201
    body = response.json()
    upload = Upload.objects.get(pk=body["id"])
    assert upload.owner == alice
    assert (body["name"], body["kind"], body["content_type"]) == ("x-ray.png", "image", "image/png")
    assert (body["width"], body["height"]) == (64, 48)
    assert body["content_url"] == f"http://testserver/api/v1/uploads/{upload.pk}/content/"
    assert files_under(media_root)


def test_no_file_is_400(alice_api):
    response = alice_api.post(UPLOADS_URL, {}, format="multipart")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "no_file"


@pytest.mark.parametrize(
    ("body", "content_type", "code"),
    [
        (b"", "multipart/form-data; boundary=xyz", "no_file"),
        (b"--xyz--\r\n", "multipart/form-data; boundary=xyz", "no_file"),
        (b"", "multipart/form-data", "no_file"),
        (b"not multipart at all", "multipart/form-data", "parse_error"),
    ],
)
def test_an_empty_or_malformed_multipart_body_gets_the_error_shape(alice_api, body, content_type, code):
    response = alice_api.generic("POST", UPLOADS_URL, body, content_type=content_type)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == code
    assert "upload" in error["message"]


def test_a_json_body_is_415_with_what_to_send(alice_api):
    response = alice_api.post(UPLOADS_URL, {"file": "x"}, format="json")
    assert response.status_code == 415
    assert "multipart/form-data" in response.json()["error"]["message"]


@pytest.mark.parametrize(
    ("name", "content", "status", "code"),
    [
        ("page.html", HTML_BYTES, 415, "unsupported_type"),
        ("scan.png", b"", 400, "empty"),
        ("report.pdf", b"%PDF-1.7\n", 422, "corrupt"),
    ],
)
def test_it_refuses_what_the_browser_refuses(alice_api, media_root, name, content, status, code):
    response = post_file(alice_api, name, content)
    assert response.status_code == status
    assert response.json()["error"]["code"] == code
    assert response.json()["error"]["message"]
    assert not Upload.objects.exists()
    assert not files_under(media_root / "users")


def test_the_size_limit_and_the_quota_apply(alice_api, settings):
    settings.UPLOAD_MAX_BYTES = 100
    response = post_file(alice_api, "big.png", image_bytes(size=(400, 400)))
    assert (response.status_code, response.json()["error"]["code"]) == (413, "too_large")
    settings.UPLOAD_MAX_BYTES = 10_000_000
    settings.UPLOAD_QUOTA_BYTES = 100
    response = post_file(alice_api, "big.png", image_bytes(size=(400, 400)))
    assert (response.status_code, response.json()["error"]["code"]) == (413, "quota_exceeded")


def test_it_lists_the_users_files_in_pages(alice_api, bob_api, make_upload, bob, django_assert_max_num_queries):
    for number in range(FILES_PER_PAGE + 1):
        make_upload(name=f"scan-{number}.png")
    make_upload(owner=bob, name="bobs.png")
    with django_assert_max_num_queries(4):
        first = alice_api.get(UPLOADS_URL).json()
    assert first["count"] == FILES_PER_PAGE + 1
    assert len(first["results"]) == FILES_PER_PAGE
    second = alice_api.get(first["next"]).json()
    assert len(second["results"]) == 1
    assert "bobs.png" not in {row["name"] for row in first["results"] + second["results"]}
    assert [row["name"] for row in bob_api.get(UPLOADS_URL).json()["results"]] == ["bobs.png"]


@pytest.mark.parametrize("page", ["0", "x", "", "99"])
def test_a_bad_page_is_a_field_error(alice_api, make_upload, page):
    make_upload()
    response = alice_api.get(UPLOADS_URL, {"page": page})
    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["page"]


def test_it_reads_and_deletes_a_file(alice_api, make_upload, media_root, django_capture_on_commit_callbacks):
    upload = make_upload()
    url = f"{UPLOADS_URL}{upload.pk}/"
    assert alice_api.get(url).json()["id"] == str(upload.pk)
    with django_capture_on_commit_callbacks(execute=True):
        assert alice_api.delete(url).status_code == 204
    assert not Upload.objects.filter(pk=upload.pk).exists()
    assert not files_under(media_root / "users")
    assert alice_api.get(url).status_code == 404


def test_the_content_is_the_original_file_with_safe_headers(alice_api, make_upload):
    original = image_bytes()
    upload = make_upload(name="chest x-ray.png", content=original)
    response = alice_api.get(f"{UPLOADS_URL}{upload.pk}/content/", HTTP_ACCEPT="image/png")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == original
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert response["Content-Disposition"].startswith('attachment; filename="chest x-ray.png"')
    assert response["Cache-Control"] == "private, no-store"


def test_a_stored_file_of_a_type_no_longer_accepted_downloads_as_opaque_bytes(alice_api, make_upload):
    # This used to answer 500 in the API while the website handed the file over.
    upload = make_upload(name="old.png")
    Upload.objects.filter(pk=upload.pk).update(content_type="image/svg+xml")

    response = alice_api.get(f"{UPLOADS_URL}{upload.pk}/content/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith('attachment; filename="old.png"')
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_missing_file_is_404_as_json_whatever_the_accept_header(alice_api):
    response = alice_api.get(f"{UPLOADS_URL}00000000-0000-0000-0000-000000000000/content/", HTTP_ACCEPT="image/png")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["error"]["code"] == "not_found"


def test_it_validates_ownership(bob_api, make_upload):
    upload = make_upload()
    url = f"{UPLOADS_URL}{upload.pk}/"
    for response in (bob_api.get(url), bob_api.delete(url), bob_api.get(f"{url}content/")):
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"
    assert Upload.objects.filter(pk=upload.pk).exists()


def test_it_needs_a_token(make_upload):
    upload = make_upload()
    for response in (
        APIClient().get(UPLOADS_URL),
        APIClient().post(UPLOADS_URL, {"file": uploaded("a.png", image_bytes())}, format="multipart"),
        APIClient().get(f"{UPLOADS_URL}{upload.pk}/content/"),
    ):
        assert response.status_code == 401


def test_the_owner_chooses_whether_a_dicom_files_patient_details_reach_the_model(alice_api, bob_api, alice):
    from uploads.tests.helpers import dicom_bytes

    scan = post_file(alice_api, "ct.dcm", dicom_bytes("CT_small.dcm")).json()
    assert scan["share_patient_details"] is False
    url = f"{UPLOADS_URL}{scan['id']}/"

    assert bob_api.patch(url, {"share_patient_details": True}, format="json").status_code == 404
    response = alice_api.patch(url, {"share_patient_details": True}, format="json")
    assert response.status_code == 200
    assert response.json()["share_patient_details"] is True

    photo = post_file(alice_api, "photo.png", image_bytes()).json()
    refused = alice_api.patch(f"{UPLOADS_URL}{photo['id']}/", {"share_patient_details": True}, format="json")
    assert refused.status_code == 422
    assert refused.json()["error"]["code"] == "not_dicom"
    missing = alice_api.patch(url, {}, format="json")
    assert missing.status_code == 400
    assert "share_patient_details" in missing.json()["error"]["fields"]
