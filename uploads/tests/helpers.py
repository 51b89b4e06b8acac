"""Files for the uploads tests: good ones made here with Pillow, real PDFs from data/pdf, pydicom's samples."""

import io
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pydicom.data import get_testdata_file

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
