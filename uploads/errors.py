"""The one error an upload can end in, with a message that tells the user what to do."""

from healthassistant.errors import ApplicationError

# The HTTP status a view answers for each reason; anything not listed is 422.
_HTTP_STATUS = {
    "no_file": 400,
    "empty": 400,
    "too_large": 413,
    "quota_exceeded": 413,
    "unsupported_type": 415,
    "storage_unavailable": 507,
}

ACCEPTED_TYPES = "a PDF, a JPEG, PNG or WebP image, or a DICOM (.dcm) file"


class UploadRejected(ApplicationError):
    """The file was not stored. `message` is for the user; `code` is for programs and logs.

    Codes: no_file, empty, unsupported_type, too_large, too_many_pages, too_many_pixels,
    encrypted, corrupt, quota_exceeded, storage_unavailable.
    """

    def __init__(self, message: str, code: str):
        super().__init__(message, code=code, http_status=_HTTP_STATUS.get(code, 422))
