"""Search over a person's own chats: titles and everything said, decrypted in memory and matched there.

Titles and messages are sealed at rest, so the database can't match them. Search reads
one person's rows only, opens them in this process and matches case-insensitively
(Unicode case folding): "haem" still finds "Haemoglobin", as it did before encryption.
A keyed blind index of words would answer without decrypting, but it matches whole words
only and shows anyone holding the database which rows share a word, which for "HIV" is
the secret itself. The cost is measured in the README (bench_privacy): it grows with the
person's own history, bounded by SEARCH_MAX_MESSAGES, newest first.
"""

from uuid import UUID

from django.conf import settings

from accounts.models import User
from chat.models import ChatSession, Message

_CHUNK = 2000


def session_ids_matching(*, user: User, archived: bool, query: str) -> set[UUID]:
    """The user's chats (archived or not) whose title or any of the newest SEARCH_MAX_MESSAGES messages match.

    Only the versions on screen count: a chat found by words the person replaced would open without them."""
    needle = query.casefold()
    sessions = ChatSession.objects.filter(owner_id=user.pk, archived=archived)
    matching = {pk for pk, title in sessions.values_list("pk", "title").iterator(_CHUNK) if needle in title.casefold()}
    messages = (
        Message.objects.filter(session__owner_id=user.pk, session__archived=archived, shown=True)
        .order_by("-pk")
        .values_list("session_id", "content")[: settings.SEARCH_MAX_MESSAGES]
    )
    for session_id, content in messages.iterator(_CHUNK):
        if session_id not in matching and needle in content.casefold():
            matching.add(session_id)
    return matching
