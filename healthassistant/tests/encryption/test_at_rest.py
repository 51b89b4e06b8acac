"""What a stolen database or disk holds: no known question, answer, title, file name, text or file content."""

import pytest

from chat.models import ChatSession, Message
from healthassistant.tests.encryption.helpers import raw_database_text
from uploads import storage
from uploads.services import upload_create
from uploads.tests.helpers import dicom_bytes, files_under, pdf_bytes, uploaded

pytestmark = pytest.mark.django_db

QUESTION = "Is a haemoglobin of 9.1 after my HIV diagnosis dangerous?"
ANSWER = "A haemoglobin of 9.1 g/dL is below the usual range"
ERROR = "The model stopped while answering about haemoglobin"


def test_the_database_holds_no_plaintext_of_chats_messages_or_uploads(alice, media_root):
    session = ChatSession.objects.create(owner=alice, title="Haemoglobin after HIV diagnosis")
    Message.objects.create(session=session, role=Message.Role.USER, content=QUESTION)
    Message.objects.create(session=session, role=Message.Role.ASSISTANT, content=ANSWER, error=ERROR)
    upload = upload_create(owner=alice, file=uploaded("HIV viral load.pdf", pdf_bytes("minimal-document.pdf")))

    raw = raw_database_text()

    # "of 9.1", not "9.1": a timestamp's seconds (…:09.123) would hold that by chance.
    for secret in ("haemoglobin", "Haemoglobin", "HIV", "of 9.1", "viral load", "Lorem ipsum", upload.sha256):
        assert secret not in raw
    # The app itself reads them back.
    session.refresh_from_db()
    assert session.title == "Haemoglobin after HIV diagnosis"
    assert [m.content for m in session.messages.order_by("pk")] == [QUESTION, ANSWER]
    assert Message.objects.get(role=Message.Role.ASSISTANT).error == ERROR
    upload.refresh_from_db()
    assert upload.original_name == "HIV viral load.pdf"
    assert "Lorem ipsum" in upload.extracted_text


def test_files_on_disk_are_sealed_originals_and_derived_images_alike(alice, media_root):
    pdf = pdf_bytes("minimal-document.pdf")
    upload = upload_create(owner=alice, file=uploaded("report.pdf", pdf))

    on_disk = files_under(media_root)

    assert len(on_disk) == len(upload.file_paths) == 2  # the original and its preview
    for path in on_disk:
        raw = path.read_bytes()
        assert not raw.startswith((b"%PDF", b"\xff\xd8", b"\x89PNG"))
        assert b"Lorem" not in raw
    assert storage.read_file(upload.stored_path) == pdf


def test_a_stored_dicom_no_longer_shows_the_patients_name(alice, media_root):
    content = dicom_bytes("CT_small.dcm")
    assert b"CompressedSamples^CT1" in content

    upload = upload_create(owner=alice, file=uploaded("ct.dcm", content))

    for path in files_under(media_root):
        raw = path.read_bytes()
        assert b"CompressedSamples" not in raw
        assert b"DICM" not in raw
    assert storage.read_file(upload.stored_path) == content


def test_nothing_plain_is_left_in_the_temporary_folder(alice, media_root):
    upload_create(owner=alice, file=uploaded("report.pdf", pdf_bytes("minimal-document.pdf")))
    assert files_under(media_root / "tmp") == []
