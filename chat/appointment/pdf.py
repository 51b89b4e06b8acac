from django.template.loader import render_to_string

from chat.appointment.content import AppointmentSummary
from chat.appointment.draft import Draft
from chat.transcripts.content import DISCLAIMER
from healthassistant.pdf import pdf_from_html


def appointment_pdf(summary: AppointmentSummary, *, person: str, draft: Draft | None = None) -> bytes:
    html = render_to_string(
        "chat/appointment.html", {"summary": summary, "person": person, "draft": draft, "disclaimer": DISCLAIMER}
    )
    return pdf_from_html(html, stylesheets=["transcript.css", "appointment.css"])
