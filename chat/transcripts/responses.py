"""A transcript as a download, for the chat page and the API alike; the export goes into the audit trail."""

from django.http import HttpResponse
from django.utils import timezone

from accounts.audit import Action, AuditContext, audit_record
from chat.downloads import download_response
from chat.models import ChatSession
from chat.titles import title_slug
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
    filename = f"chat-{title_slug(session.title)}-{timezone.localdate().isoformat()}.{file_format}"
    response = download_response(content, content_type=FORMATS[file_format], filename=filename)
    audit_record(actor=session.owner, action=Action.EXPORT, target=session.pk, context=audit)
    return response
