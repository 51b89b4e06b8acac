import pytest

from uploads.detection import DICOM, JPEG, PDF, PNG, WEBP, detect_file_type
from uploads.errors import UploadRejected
from uploads.tests.helpers import ELF_BYTES, HTML_BYTES, SVG_BYTES, dicom_bytes, image_bytes, pdf_bytes


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (lambda: pdf_bytes("minimal-document.pdf"), PDF),
        (lambda: image_bytes(format="JPEG"), JPEG),
        (lambda: image_bytes(format="PNG"), PNG),
        (lambda: image_bytes(format="WEBP"), WEBP),
        (lambda: dicom_bytes("CT_small.dcm"), DICOM),
    ],
)
def test_it_detects_accepted_types_from_their_bytes(content, expected):
    assert detect_file_type(head=content()[:132]) == expected


@pytest.mark.parametrize(
    "content",
    [
        ELF_BYTES,
        HTML_BYTES,
        SVG_BYTES,
        b"PK\x03\x04" + b"\x00" * 100,  # zip, docx
        b"GIF89a" + b"\x00" * 100,
        b"MZ\x90\x00" + b"\x00" * 200,  # Windows executable
        b"just some text",
        b"",
        b" %PDF-1.7",  # the header must come first
    ],
)
def test_it_refuses_anything_else_and_names_the_accepted_types(content):
    with pytest.raises(UploadRejected) as caught:
        detect_file_type(head=content[:132])
    assert caught.value.code == "unsupported_type"
    assert caught.value.http_status == 415
    assert "PDF" in caught.value.message
    assert "DICOM" in caught.value.message
    assert "PNG" in caught.value.message


def test_dicom_without_its_preamble_is_refused():
    with pytest.raises(UploadRejected):
        detect_file_type(head=dicom_bytes("no_meta.dcm")[:132])
