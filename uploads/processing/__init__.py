"""From an uploaded file's bytes, of a detected type, to what the app needs: facts, text, model images, a preview.

Nothing here loads Django (limits come as ParseLimits), so a bare child process can parse
(uploads.processing.isolation, which is how uploads are parsed).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from uploads.processing.derived import ProcessedFile
from uploads.processing.dicom import process_dicom
from uploads.processing.image import process_image
from uploads.processing.limits import ParseLimits
from uploads.processing.pdf import process_pdf

if TYPE_CHECKING:
    from uploads.detection import FileType

# Keyed by Upload.Kind's values, as plain strings: uploads.models needs Django's app registry.
_PROCESSORS = {
    "pdf": process_pdf,
    "image": process_image,
    "dicom": process_dicom,
}


def process_file(*, content: bytes, file_type: FileType, limits: ParseLimits | None = None) -> ProcessedFile:
    """Parse the whole file as its detected type; UploadRejected if it isn't one, or breaks a limit.

    In this process: uploads go through uploads.processing.isolation.parse_isolated, which
    runs this in a child with a memory cap and a time limit. `limits` defaults to the settings.
    The file is in memory, never on disk in plain: stored files are sealed (uploads.storage).
    """
    limits = limits or ParseLimits.from_settings()
    return _PROCESSORS[str(file_type.kind)](content=content, file_type=file_type, limits=limits)
