import hashlib
import io
import logging
import re

import pytest
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.db import DatabaseError, transaction
from PIL import Image

from uploads import services, storage
from uploads.errors import UploadRejected
from uploads.models import Upload
from uploads.services import upload_create, upload_delete
from uploads.tests.helpers import (
    ELF_BYTES,
    HTML_BYTES,
    SVG_BYTES,
    dicom_bytes,
    files_under,
    image_bytes,
    image_only_pdf_bytes,
    pdf_bytes,
    uploaded,
)

pytestmark = pytest.mark.django_db


def test_it_stores_a_pdf_with_its_facts_text_and_preview(alice, media_root):
    content = pdf_bytes("minimal-document.pdf")

    upload = upload_create(owner=alice, file=uploaded("Blood test.pdf", content, "application/pdf"))

    assert upload.owner == alice
    assert upload.original_name == "Blood test.pdf"
    assert (upload.kind, upload.content_type) == ("pdf", "application/pdf")
    assert upload.size == len(content)
    assert upload.sha256 == hashlib.sha256(content).hexdigest()
    assert upload.page_count == 1
    assert "Lorem ipsum" in upload.extracted_text
    assert re.fullmatch(rf"users/{alice.pk}/\d{{8}}T\d{{6}}_{upload.pk}\.pdf", upload.stored_path)
    assert storage.read_file(upload.stored_path) == content
    assert upload.preview_path == upload.stored_path.removesuffix(".pdf") + ".preview.jpg"
    assert Image.open(io.BytesIO(storage.read_file(upload.preview_path))).format == "JPEG"
    assert upload.model_image_paths == []


def test_it_stores_an_image_with_its_dimensions_and_a_model_sized_copy(alice, media_root):
    upload = upload_create(owner=alice, file=uploaded("x-ray.png", image_bytes(size=(1200, 900))))
    assert (upload.kind, upload.width, upload.height) == ("image", 1200, 900)
    assert len(upload.model_image_paths) == 1
    with Image.open(io.BytesIO(storage.read_file(upload.model_image_paths[0]))) as image:
        assert (image.format, image.mode, image.size) == ("PNG", "RGB", (896, 672))


def test_a_scanned_pdf_stores_its_rendered_pages(alice, media_root):
    upload = upload_create(owner=alice, file=uploaded("scan.pdf", image_only_pdf_bytes()))
    assert len(upload.model_image_paths) == 1
    assert (media_root / upload.model_image_paths[0]).is_file()


def test_a_dicom_is_stored_with_a_rendered_image_and_no_patient_details(alice):
    upload = upload_create(owner=alice, file=uploaded("ct.dcm", dicom_bytes("CT_small.dcm")))
    assert (upload.kind, upload.content_type) == ("dicom", "application/dicom")
    assert upload.stored_path.endswith(".dcm")
    assert "CompressedSamples" not in upload.extracted_text  # CT_small's PatientName


def test_the_stored_extension_comes_from_the_bytes_not_the_name(alice):
    upload = upload_create(owner=alice, file=uploaded("report.pdf", image_bytes(format="JPEG"), "application/pdf"))
    assert upload.stored_path.endswith(".jpg")
    assert upload.content_type == "image/jpeg"
    assert upload.original_name == "report.pdf"


def test_the_display_name_is_sanitised(alice):
    upload = upload_create(owner=alice, file=uploaded("..\\..\\evil\u202egnp.exe", image_bytes()))
    assert upload.original_name == "evilgnp.exe"
    assert upload.stored_path.startswith(f"users/{alice.pk}/")


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("program.pdf", ELF_BYTES),
        ("page.png", HTML_BYTES),
        ("drawing.jpg", SVG_BYTES),
        ("notes.txt", b"My blood pressure was 140/90."),
        ("archive.webp", b"PK\x03\x04" + b"\x00" * 64),
    ],
)
def test_other_types_are_refused_and_leave_nothing(alice, media_root, name, content):
    with pytest.raises(UploadRejected) as caught:
        upload_create(owner=alice, file=uploaded(name, content, "image/png"))
    assert caught.value.code == "unsupported_type"
    assert not Upload.objects.exists()
    assert files_under(media_root) == []


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (lambda: pdf_bytes("libreoffice-writer-password.pdf"), "encrypted"),
        (lambda: pdf_bytes("minimal-document.pdf")[:5000], "corrupt"),
        (lambda: image_bytes(format="JPEG", size=(300, 300))[:400], "corrupt"),
        (lambda: dicom_bytes("MR_truncated.dcm"), "corrupt"),
    ],
)
def test_broken_files_are_refused_and_leave_nothing(alice, media_root, content, code):
    with pytest.raises(UploadRejected) as caught:
        upload_create(owner=alice, file=uploaded("file.bin", content()))
    assert caught.value.code == code
    assert not Upload.objects.exists()
    assert files_under(media_root) == []


def test_an_empty_file_is_refused(alice):
    with pytest.raises(UploadRejected) as caught:
        upload_create(owner=alice, file=uploaded("empty.pdf", b""))
    assert caught.value.code == "empty"


def test_an_oversized_file_is_refused_before_it_is_read(alice, settings, media_root):
    settings.UPLOAD_MAX_BYTES = 1024
    with pytest.raises(UploadRejected) as caught:
        upload_create(owner=alice, file=uploaded("big.pdf", pdf_bytes("minimal-document.pdf")))
    assert caught.value.code == "too_large"
    assert "1.0 KB" in caught.value.message
    assert files_under(media_root) == []


def test_a_file_larger_than_it_claims_is_still_refused(alice, settings, media_root):
    settings.UPLOAD_MAX_BYTES = 1024
    content = pdf_bytes("minimal-document.pdf")
    lying = InMemoryUploadedFile(io.BytesIO(content), "file", "small.pdf", "application/pdf", size=100, charset=None)
    with pytest.raises(UploadRejected) as caught:
        upload_create(owner=alice, file=lying)
    assert caught.value.code == "too_large"
    assert files_under(media_root) == []


def test_the_quota_is_per_user_and_says_what_is_left(alice, bob, settings):
    first = image_bytes(size=(40, 40))
    settings.UPLOAD_QUOTA_BYTES = len(first) + 10
    upload_create(owner=alice, file=uploaded("a.png", first))

    with pytest.raises(UploadRejected) as caught:
        upload_create(owner=alice, file=uploaded("b.png", image_bytes(size=(41, 41))))

    assert caught.value.code == "quota_exceeded"
    assert "10 bytes" in caught.value.message and "My files" in caught.value.message
    upload_create(owner=bob, file=uploaded("c.png", first))  # bob's space is his own


def test_a_zero_quota_means_no_limit(alice, settings):
    settings.UPLOAD_QUOTA_BYTES = 0
    upload_create(owner=alice, file=uploaded("a.png", image_bytes()))
    upload_create(owner=alice, file=uploaded("b.png", image_bytes()))
    assert Upload.objects.count() == 2


def test_when_the_row_cannot_be_saved_no_file_stays(alice, media_root, monkeypatch):
    def fail(**kwargs):
        raise DatabaseError("disk I/O error")

    monkeypatch.setattr(Upload.objects, "create", fail)
    with pytest.raises(DatabaseError):
        upload_create(owner=alice, file=uploaded("a.pdf", pdf_bytes("minimal-document.pdf")))
    assert files_under(media_root) == []


def test_when_the_file_cannot_be_written_no_row_stays(alice, media_root, monkeypatch):
    def fail(**kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(storage, "_move_into_place", fail)
    with pytest.raises(UploadRejected) as caught:
        upload_create(owner=alice, file=uploaded("a.png", image_bytes()))
    assert caught.value.code == "storage_unavailable"
    assert caught.value.http_status == 507
    assert not Upload.objects.exists()
    assert files_under(media_root) == []


def test_logs_carry_ids_and_sizes_never_names_or_content(alice, caplog):
    caplog.set_level(logging.DEBUG)
    upload = upload_create(owner=alice, file=uploaded("hiv-test-result.pdf", pdf_bytes("minimal-document.pdf")))
    upload_id = upload.pk
    with pytest.raises(UploadRejected):
        upload_create(owner=alice, file=uploaded("psychiatric-notes.pdf", b"%PDF-1.4 broken"))
    upload_delete(upload=upload)

    assert str(upload_id) in caplog.text
    for secret in ("hiv-test-result", "psychiatric-notes", "Lorem", "ipsum"):
        assert secret not in caplog.text


def test_delete_removes_the_row_and_its_files_on_commit(make_upload, media_root, django_capture_on_commit_callbacks):
    upload = make_upload()
    assert files_under(media_root)
    with django_capture_on_commit_callbacks(execute=True):
        upload_delete(upload=upload)
    assert not Upload.objects.exists()
    assert files_under(media_root) == []


def test_a_rolled_back_delete_keeps_the_files(make_upload, media_root, django_capture_on_commit_callbacks):
    upload = make_upload()
    upload_id, paths = upload.pk, upload.file_paths
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        upload_delete(upload=upload)
        raise RuntimeError("something later failed")
    assert Upload.objects.filter(pk=upload_id).exists()
    assert all((media_root / path).is_file() for path in paths)


def test_the_upload_is_checked_for_quota_under_a_lock(alice, settings, monkeypatch):
    # Two uploads racing for the last free space: the second, checked again in the
    # transaction, finds the first already counted.
    content = image_bytes()
    settings.UPLOAD_QUOTA_BYTES = len(content) + 1
    real_store = services._store

    def store_after_a_rival(**kwargs):
        monkeypatch.setattr(services, "_store", real_store)
        upload_create(owner=alice, file=uploaded("rival.png", content))
        return real_store(**kwargs)

    monkeypatch.setattr(services, "_store", store_after_a_rival)
    with pytest.raises(UploadRejected) as caught:
        upload_create(owner=alice, file=uploaded("mine.png", content))
    assert caught.value.code == "quota_exceeded"
    assert Upload.objects.count() == 1
