"""A transcript as a download, for the chat page and the API alike; the export goes into the audit trail."""

import re

from django.http import HttpResponse
from django.utils import timezone

from accounts.audit import Action, AuditContext, audit_record
from chat.models import ChatSession
from chat.transcripts.content import transcript_for
from chat.transcripts.markdown import transcript_markdown
from chat.transcripts.pdf import transcript_pdf

FORMATS = {"md": "text/markdown; charset=utf-8", "pdf": "application/pdf"}


def transcript_download(*, session: ChatSession, file_format: str, audit: AuditContext) -> HttpResponse:
    transcript = transcript_for(session=session)
    if file_format == "pdf":
        content: bytes = transcript_pdf(transcript)
    else:
        content = transcript_markdown(transcript).encode()
    response = HttpResponse(content, content_type=FORMATS[file_format])
    response["Content-Disposition"] = f'attachment; filename="{_filename(session)}.{file_format}"'
    response["Cache-Control"] = "private, no-store"
    audit_record(actor=session.owner, action=Action.EXPORT, target=session.pk, context=audit)
    return response


def _filename(session: ChatSession) -> str:
    # ASCII only, from the title, so that every browser keeps it; the date tells exports apart.
    slug = re.sub(r"[^a-z0-9]+", "-", session.title.casefold()).strip("-")[:40] or "chat"
    return f"chat-{slug}-{timezone.localdate().isoformat()}"
