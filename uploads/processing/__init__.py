"""From an uploaded file's bytes, of a detected type, to what the app needs: facts, text, model images, a preview."""

from uploads.detection import FileType
from uploads.models import Upload
from uploads.processing.derived import ProcessedFile
from uploads.processing.dicom import process_dicom
from uploads.processing.image import process_image
from uploads.processing.pdf import process_pdf

_PROCESSORS = {
    Upload.Kind.PDF: process_pdf,
    Upload.Kind.IMAGE: process_image,
    Upload.Kind.DICOM: process_dicom,
}


def process_file(*, content: bytes, file_type: FileType) -> ProcessedFile:
    """Parse the whole file as its detected type; UploadRejected if it isn't one, or breaks a limit.

    The file is in memory, never on disk in plain: stored files are sealed (uploads.storage).
    """
    return _PROCESSORS[file_type.kind](content=content, file_type=file_type)
