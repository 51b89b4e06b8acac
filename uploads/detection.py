"""The type of an uploaded file, decided from its first bytes: never from its name or the browser's header.

The magic number only picks the parser; the processing step then parses the whole
file, and a file that does not parse as its magic number claims is rejected.
"""

from dataclasses import dataclass

from uploads.errors import ACCEPTED_TYPES, UploadRejected
from uploads.models import Upload

# How many leading bytes detection needs: DICOM's "DICM" sits at offset 128.
HEAD_BYTES = 132


@dataclass(frozen=True)
class FileType:
    kind: str
    content_type: str
    extension: str
    # Suffixes a name may already carry for this type (a download keeps them).
    suffixes: tuple[str, ...]
    # Pillow's format name, for images.
    pillow_format: str = ""


PDF = FileType(Upload.Kind.PDF, "application/pdf", "pdf", (".pdf",))
JPEG = FileType(Upload.Kind.IMAGE, "image/jpeg", "jpg", (".jpg", ".jpeg", ".jpe", ".jfif"), "JPEG")
PNG = FileType(Upload.Kind.IMAGE, "image/png", "png", (".png",), "PNG")
WEBP = FileType(Upload.Kind.IMAGE, "image/webp", "webp", (".webp",), "WEBP")
DICOM = FileType(Upload.Kind.DICOM, "application/dicom", "dcm", (".dcm", ".dicom"))

FILE_TYPES = (PDF, JPEG, PNG, WEBP, DICOM)


def detect_file_type(*, head: bytes) -> FileType:
    """The accepted type these leading bytes announce, or UploadRejected("unsupported_type")."""
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if head[128:132] == b"DICM":
        return DICOM
    raise UploadRejected(
        f"This type of file isn't supported. Upload {ACCEPTED_TYPES}.",
        "unsupported_type",
    )


def file_type_for(*, content_type: str) -> FileType | None:
    """The type an Upload row was stored as (its content_type came from detection), if still an accepted one."""
    return next((file_type for file_type in FILE_TYPES if file_type.content_type == content_type), None)
