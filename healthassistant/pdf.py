"""HTML to PDF with WeasyPrint, fetching nothing: the one place the app draws PDFs.

WeasyPrint is given a fetcher that refuses every URL, so no link or address in what is drawn
can make the server read a file or reach the network. Stylesheets come from the project's own
static files, read from disk.
"""

from pathlib import Path

from django.conf import settings
from PIL import ImageFile

from healthassistant.errors import ApplicationError

STATIC_CSS = Path(settings.BASE_DIR) / "static" / "css"


class RefusedFetch(ValueError):
    pass


def refuse_every_url(url: str, *args, **kwargs):
    raise RefusedFetch(f"PDFs here fetch nothing: {url[:40]}")


def pdf_from_html(html: str, *, stylesheets: list[str]) -> bytes:
    """The PDF of this HTML, styled by these files of static/css/."""
    try:
        # Imported here: WeasyPrint loads Pango at import, which only PDFs need.
        from weasyprint import CSS, HTML
    except OSError:
        raise ApplicationError(
            "PDF export is not available on this server (its PDF libraries are missing); export as Markdown, "
            "or ask the administrator to install libpango-1.0-0 and libpangoft2-1.0-0.",
            code="pdf_unavailable",
            http_status=503,
        ) from None
    # WeasyPrint's import turns on Pillow's LOAD_TRUNCATED_IMAGES for the whole process; uploads must
    # keep refusing truncated images (uploads.processing.image), and these PDFs load no images at all.
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    sheets = [CSS(string=(STATIC_CSS / name).read_text(), url_fetcher=refuse_every_url) for name in stylesheets]
    return HTML(string=html, url_fetcher=refuse_every_url).write_pdf(stylesheets=sheets)
