"""Reads. Every page, fragment, API view and file view reaches an upload through these:
another user's upload does not exist for you."""

import uuid
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from django.conf import settings
from django.db.models import Prefetch, QuerySet, Sum
from django.http import Http404

from accounts.models import User
from uploads.models import Upload

if TYPE_CHECKING:
    # uploads never imports chat when it runs: chat depends on uploads, not the other way round.
    from chat.models import ChatSession


class UploadQuota(NamedTuple):
    used: int
    limit: int | None  # None: no limit (UPLOAD_QUOTA_BYTES=0)

    @property
    def remaining(self) -> int | None:
        return None if self.limit is None else max(self.limit - self.used, 0)


def upload_get_for_user(*, user: User, upload_id: uuid.UUID | str) -> Upload:
    """The user's own upload, or Http404: other users' uploads do not exist for them."""
    if not user.is_authenticated:
        raise Http404("No such file.")
    try:
        return Upload.objects.get(owner=user, pk=_as_uuid(upload_id))
    except (Upload.DoesNotExist, ValueError):
        raise Http404("No such file.") from None


def upload_list_for_user(*, user: User) -> QuerySet[Upload]:
    """The user's uploads, newest first, each with `message_list`: the messages (and their sessions) that use it."""
    # The messages that attach uploads, reached through the relation rather than an import of chat.
    message_model = Upload._meta.get_field("messages").related_model
    messages = message_model.objects.select_related("session").only("id", "session__id", "session__title")
    return (
        Upload.objects.filter(owner=user)
        .order_by("-created_at", "-pk")  # pk breaks ties, so pages never repeat or skip a file
        .prefetch_related(Prefetch("messages", queryset=messages, to_attr="message_list"))
    )


def upload_sessions(*, upload: Upload) -> "list[ChatSession]":
    """The chats that use an upload from upload_list_for_user, each once, oldest use first."""
    sessions: dict[uuid.UUID, ChatSession] = {}
    for message in upload.message_list:
        sessions.setdefault(message.session_id, message.session)
    return list(sessions.values())


def uploads_get_for_message(*, user: User, upload_ids: Sequence) -> list[Upload]:
    """The user's uploads with these ids, in the order given and without repeats; Http404 if any is not theirs."""
    if not upload_ids:
        return []
    if not user.is_authenticated:
        raise Http404("No such file.")
    try:
        wanted = list(dict.fromkeys(_as_uuid(upload_id) for upload_id in upload_ids))
    except ValueError:
        raise Http404("No such file.") from None
    found = {upload.pk: upload for upload in Upload.objects.filter(owner=user, pk__in=wanted)}
    if len(found) != len(wanted):
        raise Http404("No such file.")
    return [found[upload_id] for upload_id in wanted]


def upload_quota_for_user(*, user: User) -> UploadQuota:
    """Bytes the user's uploads take, and the limit (None when UPLOAD_QUOTA_BYTES is 0)."""
    used = Upload.objects.filter(owner=user).aggregate(total=Sum("size"))["total"] or 0
    return UploadQuota(used=used, limit=settings.UPLOAD_QUOTA_BYTES or None)


def _as_uuid(value: uuid.UUID | str) -> uuid.UUID:
    if isinstance(value, uuid.UUID):
        return value
    return uuid.UUID(str(value))
