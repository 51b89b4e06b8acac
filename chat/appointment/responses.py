"""The appointment summary as a PDF download, for the page and the API: async, because it may wait
for the assistant's draft, and a sync view waiting would hold the one thread sync views share."""

from asgiref.sync import sync_to_async
from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone

from accounts.audit import Action, AuditContext, audit_record
from accounts.models import User
from chat.appointment.content import appointment_summary_for
from chat.appointment.draft import adraft_request, draft_prompt
from chat.appointment.pdf import appointment_pdf
from chat.downloads import download_response


async def appointment_download(*, user: User, audit: AuditContext) -> HttpResponse:
    """The person's appointment summary as a PDF; recorded in their audit trail."""
    summary = await sync_to_async(appointment_summary_for)(user=user)
    draft = None
    if settings.APPOINTMENT_DRAFT_SECONDS > 0:
        draft = await adraft_request(
            prompt=draft_prompt(summary), owner=user.pk, timeout=settings.APPOINTMENT_DRAFT_SECONDS
        )
    pdf = await sync_to_async(appointment_pdf)(summary, person=user.full_name or user.email, draft=draft)
    filename = f"appointment-summary-{timezone.localdate().isoformat()}.pdf"
    response = download_response(pdf, content_type="application/pdf", filename=filename)
    await sync_to_async(audit_record)(actor=user, action=Action.EXPORT, target="appointment-summary", context=audit)
    return response
