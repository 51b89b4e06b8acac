"""Serving a stored file to its owner: one place for the headers that keep it inert in the browser."""

import logging

from django.http import FileResponse, Http404

from uploads import storage
from uploads.models import Upload

logger = logging.getLogger(__name__)

# Served files are data, never documents the browser may run or render as a page.
FILE_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; sandbox",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Cache-Control": "private, no-store",
}


def upload_file_response(upload: Upload, *, relative: str, content_type: str, disposition: str) -> FileResponse:
    try:
        handle = storage.absolute_path(relative).open("rb")
    except (OSError, ValueError):
        logger.warning("upload file missing id=%s", upload.pk)
        raise Http404("This file is no longer on the server.") from None
    response = FileResponse(handle, content_type=content_type)
    response["Content-Disposition"] = disposition
    for header, value in FILE_HEADERS.items():
        response[header] = value
    return response
