from django.http import HttpResponse
from django.utils import timezone

from accounts.audit import Action, AuditContext, audit_record
from accounts.models import User
from chat.appointment.content import appointment_summary_for
from chat.appointment.pdf import appointment_pdf


def appointment_download(*, user: User, audit: AuditContext) -> HttpResponse:
    """The person's appointment summary as a PDF download; recorded in their audit trail."""
    pdf = appointment_pdf(appointment_summary_for(user=user), person=user.full_name or user.email)
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"appointment-summary-{timezone.localdate().isoformat()}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    audit_record(actor=user, action=Action.EXPORT, target="appointment-summary", context=audit)
    return response
