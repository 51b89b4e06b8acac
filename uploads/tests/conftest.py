"""Files for the uploads tests: good ones made here with Pillow, real PDFs from data/pdf, pydicom's samples."""

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pydicom.data import get_testdata_file

from chat.models import ChatSession, Message
from uploads.models import Upload
from uploads.services import upload_create

# Real PDFs from the py-pdf sample corpus (see data/README.md for their origin and licence).
TESTDATA_PDF = Path(__file__).resolve().parent / "data" / "pdf"

ELF_BYTES = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 200
HTML_BYTES = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG_BYTES = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect/></svg>'


def image_bytes(
    *, format: str = "PNG", size: tuple[int, int] = (64, 48), mode: str = "RGB", color=(200, 30, 30), **params
) -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, color).save(buffer, format=format, **params)
    return buffer.getvalue()


def pdf_bytes(name: str) -> bytes:
    return (TESTDATA_PDF / name).read_bytes()


def dicom_bytes(name: str) -> bytes:
    return Path(get_testdata_file(name)).read_bytes()


def image_only_pdf_bytes() -> bytes:
    """A one-page PDF whose page is only a picture, like a scan: Pillow's PDF writer."""
    buffer = io.BytesIO()
    Image.new("RGB", (300, 400), (240, 240, 240)).save(buffer, format="PDF")
    return buffer.getvalue()


def uploaded(name: str, content: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def files_under(root: Path) -> list[Path]:
    return sorted(path for path in Path(root).rglob("*") if path.is_file()) if Path(root).exists() else []


@pytest.fixture
def make_upload(alice) -> Callable[..., Upload]:
    """Store a file through the real service (alice's PNG unless told otherwise)."""

    def make(*, owner=None, name: str = "scan.png", content: bytes | None = None) -> Upload:
        return upload_create(owner=owner or alice, file=uploaded(name, content or image_bytes()))

    return make


@pytest.fixture
def attach() -> Callable[..., Message]:
    """Send uploads in a user message, in a new chat of their owner unless a session is given."""

    def attach(*uploads: Upload, session: ChatSession | None = None) -> Message:
        session = session or ChatSession.objects.create(owner=uploads[0].owner, title="Lab results")
        message = Message.objects.create(session=session, role=Message.Role.USER, content="What does this show?")
        message.attachments.add(*uploads)
        return message

    return attach
