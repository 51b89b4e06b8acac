from django.utils import timezone

from chat.models import Message
from chat.transcripts.content import DISCLAIMER, Transcript, status_note
from chat.versions import version_note


def transcript_markdown(transcript: Transcript) -> str:
    when = timezone.localtime(transcript.exported_at).strftime("%Y-%m-%d %H:%M")
    started = timezone.localtime(transcript.session.created_at).strftime("%Y-%m-%d")
    parts = [f"# {transcript.title}", "", f"Started {started}; exported {when}.", "", f"> {DISCLAIMER}", ""]
    for message in transcript.messages:
        parts += _message(message)
    return "\n".join(parts).rstrip() + "\n"


def _message(message: Message) -> list[str]:
    when = timezone.localtime(message.created_at).strftime("%Y-%m-%d %H:%M")
    speaker = "You" if message.role == Message.Role.USER else "Assistant"
    version = f" · {note}" if (note := version_note(message)) else ""
    lines = [f"## {speaker} · {when}{version}", ""]
    files = [upload.original_name for upload in message.attachments.all()]
    if files:
        lines += [f"Attached: {', '.join(files)}", ""]
    if message.content:
        lines += [message.content.strip(), ""]
    if note := status_note(message):
        lines += [f"*({note})*", ""]
    sources = list(message.sources.all())
    if sources:
        lines += ["Sources:", ""]
        for source in sources:
            page = f", page {source.page}" if source.page else ""
            lines.append(f"{source.n}. {source.upload.original_name}{page}: “{source.snippet}”")
        lines.append("")
    return lines
