"""The transcript as a PDF: an HTML template laid out by WeasyPrint, which fetches nothing.

Answers are the page's own safe HTML (Markdown rendered, then cleaned by nh3); everything else is
escaped by the template. WeasyPrint is given a fetcher that refuses every URL, so no link or
address in a chat can make the server read a file or reach the network while it draws.
"""

from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string

from chat.transcripts.content import DISCLAIMER, Transcript, status_note
from healthassistant.errors import ApplicationError

STYLESHEET = Path(settings.BASE_DIR) / "static" / "css" / "transcript.css"


class RefusedFetch(ValueError):
    pass


def refuse_every_url(url: str, *args, **kwargs):
    raise RefusedFetch(f"PDF export fetches nothing: {url[:40]}")


def transcript_pdf(transcript: Transcript) -> bytes:
    try:
        # Imported here: WeasyPrint loads Pango at import, which only the export needs.
        from weasyprint import CSS, HTML
    except OSError:
        raise ApplicationError(
            "PDF export is not available on this server (its PDF libraries are missing); export as Markdown, "
            "or ask the administrator to install libpango-1.0-0 and libpangoft2-1.0-0.",
            code="pdf_unavailable",
            http_status=503,
        ) from None

    rows = [{"message": message, "note": status_note(message)} for message in transcript.messages]
    html = render_to_string("chat/transcript.html", {"transcript": transcript, "rows": rows, "disclaimer": DISCLAIMER})
    stylesheet = CSS(string=STYLESHEET.read_text(), url_fetcher=refuse_every_url)
    return HTML(string=html, url_fetcher=refuse_every_url).write_pdf(stylesheets=[stylesheet])
