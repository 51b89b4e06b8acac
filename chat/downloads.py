"""A document handed to its owner as a download: one set of headers for every export."""

from django.http import HttpResponse

from uploads.naming import content_disposition


def download_response(content: bytes, *, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition(filename=filename, inline=False)
    # Health content: no cache between the server and the person keeps a copy.
    response["Cache-Control"] = "private, no-store"
    return response
