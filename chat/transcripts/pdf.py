"""The transcript as a PDF: an HTML template laid out by WeasyPrint (healthassistant.pdf).

Answers are the page's own safe HTML (Markdown rendered, then cleaned by nh3); everything else is
escaped by the template.
"""

from django.template.loader import render_to_string

from chat.transcripts.content import DISCLAIMER, Transcript, status_note
from healthassistant.pdf import pdf_from_html


def transcript_pdf(transcript: Transcript) -> bytes:
    rows = [{"message": message, "note": status_note(message)} for message in transcript.messages]
    html = render_to_string("chat/transcript.html", {"transcript": transcript, "rows": rows, "disclaimer": DISCLAIMER})
    return pdf_from_html(html, stylesheets=["transcript.css"])
