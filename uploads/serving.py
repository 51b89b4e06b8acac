"""Serving a stored file to its owner: one place for the headers that keep it inert in the browser."""

import io
import logging

from django.http import FileResponse, Http404

from uploads import storage
from uploads.detection import file_type_for
from uploads.models import Upload
from uploads.naming import content_disposition, download_filename

logger = logging.getLogger(__name__)

# Served files are data, never documents the browser may run or render as a page.
FILE_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; sandbox",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Cache-Control": "private, no-store",
}


# Only these may show in the browser; DICOM files always download.
INLINE_TYPES = {"image/jpeg", "image/png", "image/webp", "application/pdf"}
# Chrome's PDF viewer is refused in a sandboxed document, whatever the sandbox allows, and a source's
# link must open its page (#page=N). The type is pinned to application/pdf (detected from the bytes
# at upload, with nosniff), so the bytes can only ever be shown by the PDF viewer, never as a page.
PDF_CSP = "default-src 'none'"


def upload_download_response(upload: Upload, *, in_browser: bool) -> FileResponse:
    """The original file: for the website's file view (images and PDFs inline) and the API (an attachment)."""
    file_type = file_type_for(content_type=upload.content_type)
    if file_type is None:
        # A type accepted once but no longer: hand it over as opaque bytes under its own name.
        return upload_file_response(
            upload,
            relative=upload.stored_path,
            content_type="application/octet-stream",
            disposition=content_disposition(filename=upload.original_name, inline=False),
        )
    name = download_filename(
        name=upload.original_name, extension=file_type.extension, accepted_suffixes=file_type.suffixes
    )
    inline = in_browser and file_type.content_type in INLINE_TYPES
    response = upload_file_response(
        upload,
        relative=upload.stored_path,
        content_type=file_type.content_type,
        disposition=content_disposition(filename=name, inline=inline),
    )
    if inline and file_type.content_type == "application/pdf":
        response["Content-Security-Policy"] = PDF_CSP
    return response


def upload_file_response(upload: Upload, *, relative: str, content_type: str, disposition: str) -> FileResponse:
    """The file, opened in memory for this response only: its plain bytes never touch the disk."""
    try:
        content = storage.read_file(relative)
    except (OSError, ValueError):
        logger.warning("upload file missing id=%s", upload.pk)
        raise Http404("This file is no longer on the server.") from None
    response = FileResponse(io.BytesIO(content), content_type=content_type)
    response["Content-Disposition"] = disposition
    for header, value in FILE_HEADERS.items():
        response[header] = value
    return response
