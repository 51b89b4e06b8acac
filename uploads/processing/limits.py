"""What parsing one file may cost, as plain values: the parsing child process gets them as arguments.

The child never reads Django's settings (it doesn't load Django at all): the web process
reads them with ParseLimits.from_settings() and passes them along.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class ParseLimits:
    max_pdf_pages: int
    # Decompressed content-stream bytes (the page's drawing instructions) of one page, and of all pages.
    # A stream shared by several pages counts for each: text extraction reads it once per page.
    max_pdf_page_content_bytes: int
    max_pdf_content_bytes: int
    max_image_pixels: int
    # Decoded size of an image: pixels × channels × bytes per sample (derived.decoded_bytes).
    max_image_bytes: int

    @classmethod
    def from_settings(cls) -> "ParseLimits":
        from django.conf import settings

        return cls(
            max_pdf_pages=settings.UPLOAD_MAX_PDF_PAGES,
            max_pdf_page_content_bytes=settings.UPLOAD_PDF_MAX_PAGE_CONTENT_BYTES,
            max_pdf_content_bytes=settings.UPLOAD_PDF_MAX_CONTENT_BYTES,
            max_image_pixels=settings.UPLOAD_MAX_IMAGE_PIXELS,
            max_image_bytes=settings.UPLOAD_MAX_IMAGE_BYTES,
        )


@dataclass(frozen=True)
class IsolationLimits:
    """What the parsing process may use: memory beyond its own libraries, and wall-clock time."""

    memory_bytes: int
    seconds: float

    @classmethod
    def from_settings(cls) -> "IsolationLimits":
        from django.conf import settings

        return cls(memory_bytes=settings.UPLOAD_PARSE_MEMORY_MB * 1024 * 1024, seconds=settings.UPLOAD_PARSE_SECONDS)
