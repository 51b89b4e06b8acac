"""Everything the app holds about a person, as one ZIP that streams while it is made.

The archive (format "ai-health-assistant-export", version 1):

- export.json: {"format", "version", "exported_at", "profile", "health_profile", "chats", "files",
  "lab_results", "audit", "api_keys"}. profile is the account; health_profile the person's "About me" ({"age", "sex",
  "conditions", "medications", "allergies", "notes", "enabled", "updated_at"}), null if never saved.
  Each chat: {"id", "title", "created_at", "updated_at", "pinned", "archived", "messages"};
  each message: {"id", "role", "status", "content", "error", "created_at", "model_name",
  "prompt_tokens", "answer_tokens", "attachments": [file ids], "sources": [{"n", "file", "page",
  "snippet"}], "sources_left_out", "parent", "version", "version_count", "shown"}: every version of every
  message, "parent" the id of the message it follows (null first), "version" its number among the
  messages with the same parent and role (edits of a question, regenerations of an answer), "shown"
  whether it is on the branch the chat shows (chat.versions); each file: {"id", "name",
  "kind", "content_type", "size", "sha256", "page_count", "created_at", "path"} where path
  is the file's place in the archive; each lab result: {"id", "file", "page", "analyte",
  "name_as_printed", "value", "unit", "reference_low", "reference_high", "reference_text", "flag",
  "sample_date", "source", "corrected", "original"}; audit: the person's security activity;
  api_keys: their API keys, newest first, each {"id" (the audit's target), "name", "prefix", "created_at",
  "last_used_at", "expires_at", "keep_history"} (never the key nor its digest).
- chats/NNN-title.md: each chat as readable Markdown, as shown, with "version n of m" on messages that have others.
- files/<id>-<name>: each uploaded file, byte for byte.

Nothing is built whole in memory: messages are read from the database a batch at a time,
each file is opened (decrypted) in memory alone, at most UPLOAD_MAX_BYTES, and the ZIP
is produced as the client downloads it. Chats
and uploads are reached through the user's own relations, so only their things are in it.
"""

import json
from collections.abc import Iterator
from datetime import datetime

from django.utils import timezone
from zipstream import ZIP_DEFLATED, ZIP_STORED, ZipStream

from accounts.api_keys import api_keys_for_user
from accounts.audit import Action, AuditContext, audit_record
from accounts.health_profile import health_profile_for_user
from accounts.models import ApiKey, User
from chat.models import ChatSession, Message
from chat.titles import title_slug
from chat.transcripts.content import status_note
from chat.versions import version_note, versions_attach
from uploads import storage
from uploads.labs.selectors import lab_results_for_user
from uploads.models import LabResult, Upload

FORMAT = "ai-health-assistant-export"
VERSION = 1
FILE_CHUNK_BYTES = 1024 * 1024
MESSAGES_PER_QUERY = 500


def export_filename(*, at: datetime) -> str:
    return f"health-assistant-export-{at:%Y-%m-%d}.zip"


def export_start(*, user: User, audit: AuditContext) -> Iterator[bytes]:
    """Records the export in the user's audit trail, then gives the archive's bytes as they are made."""
    audit_record(actor=user, action=Action.EXPORT, target=user.pk, context=audit)
    return export_stream(user=user)


def export_stream(*, user: User) -> Iterator[bytes]:
    """The archive's bytes, in order, produced as they are read."""
    archive = ZipStream(compress_type=ZIP_DEFLATED, sized=False)
    uploads = list(user.uploads.order_by("created_at", "pk"))
    archive.add(_export_json(user, uploads), "export.json")
    for number, chat in enumerate(user.chat_sessions.order_by("created_at", "pk"), start=1):
        archive.add(_chat_markdown(chat, uploads), f"chats/{number:03d}-{title_slug(chat.title)}.md")
    for upload in uploads:
        # Stored as they are: PDFs and images are compressed already.
        archive.add(_file_bytes(upload), _file_path(upload), compress_type=ZIP_STORED)
    yield from archive


def _export_json(user: User, uploads: list[Upload]) -> Iterator[bytes]:
    head = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": timezone.now().isoformat(),
        "profile": _profile(user),
        "health_profile": _health_profile(user),
    }
    yield _dumps(head)[:-1].encode() + b', "chats": ['
    for index, chat in enumerate(user.chat_sessions.order_by("created_at", "pk")):
        header = _dumps(_chat(chat))[:-1] + ', "messages": ['
        yield (", " if index else "").encode() + header.encode()
        for number, message in enumerate(_messages(chat)):
            yield (", " if number else "").encode() + _dumps(_message(message)).encode()
        yield b"]}"
    files = [_file(upload) for upload in uploads]
    labs = [_lab_result(result) for result in lab_results_for_user(user_id=user.pk)]
    audit = [_audit_event(event) for event in user.audit_events.order_by("-at", "-pk")]
    yield b'], "files": ' + _dumps(files).encode() + b', "lab_results": ' + _dumps(labs).encode()
    api_keys = [_api_key(key) for key in api_keys_for_user(user=user)]
    yield b', "audit": ' + _dumps(audit).encode() + b', "api_keys": ' + _dumps(api_keys).encode() + b"}\n"


def _chat_markdown(chat: ChatSession, uploads: list[Upload]) -> Iterator[bytes]:
    paths = {upload.pk: _file_path(upload) for upload in uploads}
    yield f"# {chat.title}\n\nStarted {_when(chat.created_at)}.\n".encode()
    for message in _messages(chat, shown_only=True):
        speaker = "You" if message.role == Message.Role.USER else "Assistant"
        version = f" ({note})" if (note := version_note(message)) else ""
        parts = [f"\n## {speaker}, {_when(message.created_at)}{version}\n"]
        for upload_id in message.attachment_ids:
            parts.append(f"\nAttached: [{paths[upload_id]}](../{paths[upload_id]})\n")
        if message.content:
            parts.append(f"\n{message.content}\n")
        if note := status_note(message):
            parts.append(f"\n*({note})*\n")
        yield "".join(parts).encode()


def _messages(chat: ChatSession, *, shown_only: bool = False) -> Iterator[Message]:
    """The chat's messages (all versions, or the branch shown), oldest first, a batch at a time.

    Each comes with the ids of its attachments and its versions.
    """
    messages = chat.messages.filter(shown=True) if shown_only else chat.messages.all()
    last = 0
    while True:
        batch = list(
            messages.filter(pk__gt=last).order_by("pk").prefetch_related("attachments", "sources")[:MESSAGES_PER_QUERY]
        )
        if not batch:
            return
        versions_attach(batch)
        for message in batch:
            message.attachment_ids = [upload.pk for upload in message.attachments.all()]
            yield message
        last = batch[-1].pk


def _file_bytes(upload: Upload) -> Iterator[bytes]:
    # Opened in memory one file at a time (at most UPLOAD_MAX_BYTES), and handed to the ZIP in chunks.
    content = memoryview(storage.read_file(upload.stored_path))
    for start in range(0, len(content), FILE_CHUNK_BYTES):
        yield bytes(content[start : start + FILE_CHUNK_BYTES])


def _profile(user: User) -> dict:
    return {
        "id": user.pk,
        "email": user.email,
        "full_name": user.full_name,
        # Where the person said they are, for the emergency panel's numbers; "" when not chosen.
        "country": user.country,
        "date_joined": _iso(user.date_joined),
        "last_login": _iso(user.last_login),
    }


def _health_profile(user: User) -> dict | None:
    profile = health_profile_for_user(user=user)
    if profile.pk is None:
        return None
    return {
        "age": profile.age,
        "sex": profile.sex,
        "conditions": profile.conditions,
        "medications": profile.medications,
        "allergies": profile.allergies,
        "notes": profile.notes,
        "enabled": profile.enabled,
        "updated_at": _iso(profile.updated_at),
    }


def _chat(chat: ChatSession) -> dict:
    return {
        "id": str(chat.pk),
        "title": chat.title,
        "created_at": _iso(chat.created_at),
        "updated_at": _iso(chat.updated_at),
        "pinned": chat.pinned,
        "archived": chat.archived,
        "source": chat.source,
        "instructions": chat.instructions,
    }


def _message(message: Message) -> dict:
    return {
        "id": message.pk,
        "role": message.role,
        "status": message.status,
        "content": message.content,
        "error": message.error,
        "finish_reason": message.finish_reason,
        "created_at": _iso(message.created_at),
        "model_name": message.model_name,
        "prompt_tokens": message.prompt_tokens,
        "answer_tokens": message.answer_tokens,
        "attachments": [str(upload_id) for upload_id in message.attachment_ids],
        "sources": [
            {"n": source.n, "file": str(source.upload_id), "page": source.page, "snippet": source.snippet}
            for source in message.sources.all()
        ],
        "sources_left_out": message.sources_left_out,
        "parent": message.parent_id,
        "version": message.versions.number,
        "version_count": message.versions.count,
        "shown": message.shown,
    }


def _lab_result(result: LabResult) -> dict:
    fields = ("analyte", "name_as_printed", "value", "unit", "reference_low", "reference_high", "reference_text")
    return {
        "id": result.pk,
        "file": str(result.upload_id),
        "page": result.page,
        **{name: getattr(result, name) for name in fields},
        "flag": result.flag or None,
        "sample_date": result.sample_date or None,
        "source": result.source,
        "corrected": result.corrected,
        "original": json.loads(result.original) if result.original else None,
    }


def _file(upload: Upload) -> dict:
    return {
        "id": str(upload.pk),
        "name": upload.original_name,
        "kind": upload.kind,
        "content_type": upload.content_type,
        "size": upload.size,
        "sha256": upload.sha256,
        "page_count": upload.page_count,
        "created_at": _iso(upload.created_at),
        "path": _file_path(upload),
    }


def _audit_event(event) -> dict:
    return {
        "action": event.action,
        "at": _iso(event.at),
        "ip": event.ip,
        "user_agent": event.user_agent,
        "target": event.target,
    }


def _api_key(key: ApiKey) -> dict:
    return {
        "id": key.pk,
        "name": key.name,
        "prefix": key.prefix,
        "created_at": _iso(key.created_at),
        "last_used_at": _iso(key.last_used_at),
        "expires_at": _iso(key.expires_at),
        "keep_history": key.keep_history,
    }


def _file_path(upload: Upload) -> str:
    return f"files/{upload.pk}-{upload.original_name}"


def _when(moment: datetime) -> str:
    return f"{timezone.localtime(moment):%Y-%m-%d %H:%M}"


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False)
