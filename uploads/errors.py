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
    "throttled": 429,
    "uploads_in_progress": 429,
}

ACCEPTED_TYPES = "a PDF, a JPEG, PNG or WebP image, or a DICOM (.dcm) file"


class UploadRejected(ApplicationError):
    """The file was not stored. `message` is for the user; `code` is for programs and logs.

    Codes: no_file, empty, unsupported_type, too_large, too_many_pages, too_many_pixels, too_complex,
    encrypted, corrupt, parse_timeout, parse_memory, quota_exceeded, storage_unavailable,
    throttled, uploads_in_progress (the last two with retry_after when the wait is known).
    """

    def __init__(self, message: str, code: str, *, retry_after: int | None = None):
        super().__init__(message, code=code, http_status=_HTTP_STATUS.get(code, 422), retry_after=retry_after)
