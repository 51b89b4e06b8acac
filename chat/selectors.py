"""Reads. Every owned object is reached through the owner's selector: for anyone else it does not exist."""

from uuid import UUID

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, QuerySet
from django.http import Http404

from accounts.models import User
from chat.models import ChatSession, Message, MessageSource
from chat.search import session_ids_matching
from chat.versions import versions_attach

# 2.5 million chats deep: any page past this one is empty anyway.
SIDEBAR_MAX_PAGE = 50_000
SIDEBAR_PAGE_SIZE = 50
HISTORY_PAGE_SIZE = 30
# An answer's sources with their files' names, in one query per page.
_SOURCES = Prefetch("sources", queryset=MessageSource.objects.select_related("upload"))


def session_get_for_user(*, user: User, session_id: UUID | str) -> ChatSession:
    """The user's own session, or Http404: other users' sessions do not exist for them."""
    try:
        return ChatSession.objects.get(pk=session_id, owner_id=user.pk)
    except (ChatSession.DoesNotExist, ValidationError, ValueError, TypeError):
        raise Http404("No such chat.") from None


def message_get_for_user(*, user: User, message_id: int | str, session_id: UUID | str | None = None) -> Message:
    """The user's own message (through its session's owner), in the given chat if one is named, or Http404."""
    messages = Message.objects.select_related("session").filter(session__owner_id=user.pk)
    if session_id is not None:
        messages = messages.filter(session_id=session_id)
    try:
        return messages.get(pk=message_id)
    except (Message.DoesNotExist, ValidationError, ValueError, TypeError):
        raise Http404("No such message.") from None


def session_list_for_user(*, user: User, archived: bool = False, query: str = "") -> QuerySet[ChatSession]:
    """The sidebar's sessions: pinned first, then the most recently active. A search matches titles and messages."""
    # A chat kept for no history (an API key's choice) lives only while its answer is written.
    sessions = ChatSession.objects.filter(owner_id=user.pk, archived=archived, kept=True)
    query = query.strip()
    if query:
        sessions = sessions.filter(pk__in=session_ids_matching(user=user, archived=archived, query=query))
    return sessions.order_by("-pinned", "-updated_at", "-pk")


def session_page_for_user(
    *, user: User, archived: bool = False, query: str = "", page: int = 1
) -> tuple[list[ChatSession], bool]:
    """One page of the sidebar and whether there is another; fetching one extra row avoids a COUNT.

    Pages past the end are empty; past SIDEBAR_MAX_PAGE too, rather than an offset no database takes.
    """
    page = min(max(page, 1), SIDEBAR_MAX_PAGE)
    start = (page - 1) * SIDEBAR_PAGE_SIZE
    rows = list(session_list_for_user(user=user, archived=archived, query=query)[start : start + SIDEBAR_PAGE_SIZE + 1])
    return rows[:SIDEBAR_PAGE_SIZE], len(rows) > SIDEBAR_PAGE_SIZE


def message_page(*, session: ChatSession, before_id: int | None = None) -> tuple[list[Message], bool]:
    """The newest page of a session's messages as shown (or the page before a message id), oldest first.

    Returns the messages, each with its versions, and whether earlier ones exist. Keyset pagination
    on the primary key keeps a 10,000-message session as fast as a short one.
    """
    messages = Message.objects.filter(session=session, shown=True).prefetch_related("attachments", _SOURCES)
    if before_id is not None:
        messages = messages.filter(pk__lt=before_id)
    rows = list(messages.order_by("-pk")[: HISTORY_PAGE_SIZE + 1])
    has_earlier = len(rows) > HISTORY_PAGE_SIZE
    page = list(reversed(rows[:HISTORY_PAGE_SIZE]))
    versions_attach(page)
    return page, has_earlier


def message_branch_page(*, session: ChatSession, message: Message) -> tuple[list[Message], bool]:
    """The chat as shown from a message on, after a page of what comes before it: for a switch of versions.

    Returns the messages, oldest first, each with its versions, and whether earlier ones exist.
    """
    shown = Message.objects.filter(session=session, shown=True).prefetch_related("attachments", _SOURCES)
    before = list(shown.filter(pk__lt=message.pk).order_by("-pk")[: HISTORY_PAGE_SIZE + 1])
    rows = [*reversed(before[:HISTORY_PAGE_SIZE]), *shown.filter(pk__gte=message.pk).order_by("pk")]
    versions_attach(rows)
    return rows, len(before) > HISTORY_PAGE_SIZE


def message_history_for_prompt(*, message: Message, limit: int) -> list[Message]:
    """The turns before an assistant message on the branch shown, oldest first, for building its prompt.

    Other versions of a question or answer are not part of it (chat.versions); an answer is written
    on the branch shown, and the chat can't switch versions while one is. Only the newest `limit`
    messages are read: the engine trims to the context window anyway, and reading a whole long
    session for every answer would not scale. Failed answers carry no content.
    """
    earlier = (
        Message.objects.filter(session_id=message.session_id, pk__lt=message.pk, shown=True)
        .exclude(role=Message.Role.ASSISTANT, status=Message.Status.FAILED)
        .prefetch_related("attachments")
        .order_by("-pk")[:limit]
    )
    return list(reversed(earlier))


def session_last_message(*, session: ChatSession) -> Message | None:
    """The last message of the chat as shown."""
    return Message.objects.filter(session=session, shown=True).order_by("-pk").first()


def session_streaming_message(*, session: ChatSession) -> Message | None:
    return Message.objects.filter(session=session, status=Message.Status.STREAMING).order_by("-pk").first()


def answers_streaming_count_for_user(*, user: User) -> int:
    """How many of the user's answers are being written now, across all their chats."""
    return Message.objects.filter(
        session__owner_id=user.pk, role=Message.Role.ASSISTANT, status=Message.Status.STREAMING
    ).count()


def message_sources(*, message: Message) -> list[MessageSource]:
    """An answer's sources, [1] first, with their files."""
    return list(MessageSource.objects.filter(message=message).select_related("upload").order_by("n"))


def session_messages_for_transcript(*, session: ChatSession) -> list[Message]:
    """The chat as shown, oldest first, with its files, its sources and its versions: for a transcript."""
    messages = list(
        Message.objects.filter(session=session, shown=True).prefetch_related("attachments", _SOURCES).order_by("pk")
    )
    versions_attach(messages)
    return messages
