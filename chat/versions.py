"""Versions of a message: the tree of a chat's messages, and the branch of it that is shown.

Edits and regenerations add a sibling (same parent, same role) rather than replacing a message, so
every earlier question and answer is kept (see Message's docstring). These helpers read a message's
versions and keep the `shown` flags in step when the branch on screen changes; the services in
chat.services call them under the chat's lock.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q

from chat.models import Message


@dataclass(frozen=True)
class Versions:
    """A message's place among its versions: ids oldest first, and its number among them (from 1)."""

    ids: tuple[int, ...]
    number: int

    @property
    def count(self) -> int:
        return len(self.ids)

    @property
    def previous_id(self) -> int | None:
        return self.ids[self.number - 2] if self.number > 1 else None

    @property
    def next_id(self) -> int | None:
        return self.ids[self.number] if self.number < self.count else None


def versions_attach(messages: Iterable[Message]) -> None:
    """Sets `versions` on each message, in one query for all of them."""
    messages = list(messages)
    if not messages:
        return
    parents = {message.parent_id for message in messages}
    siblings = Q(parent_id__in=parents - {None})
    if None in parents:
        siblings |= Q(parent__isnull=True)
    groups: dict[tuple[object, int | None, str], list[int]] = defaultdict(list)
    rows = Message.objects.filter(siblings, session_id__in={message.session_id for message in messages})
    for pk, session_id, parent_id, role in rows.order_by("pk").values_list("pk", "session_id", "parent_id", "role"):
        groups[(session_id, parent_id, role)].append(pk)
    for message in messages:
        ids = tuple(groups[(message.session_id, message.parent_id, message.role)]) or (message.pk,)
        message.versions = Versions(ids=ids, number=ids.index(message.pk) + 1 if message.pk in ids else 1)


def message_siblings(message: Message):
    """The versions of a message, itself included."""
    return Message.objects.filter(session_id=message.session_id, parent_id=message.parent_id, role=message.role)


def branch_hide_from(message: Message) -> None:
    """Hides a shown message and everything shown after it: its branch, as the shown messages run in id order."""
    Message.objects.filter(session_id=message.session_id, shown=True, pk__gte=message.pk).update(shown=False)


def branch_show_from(message: Message) -> None:
    """Shows a message and, below it, the versions chosen last time this branch was on screen."""
    children: dict[int, list[int]] = defaultdict(list)
    later = Message.objects.filter(session_id=message.session_id, pk__gt=message.pk, active=True)
    for pk, parent_id in later.order_by("pk").values_list("pk", "parent_id"):
        children[parent_id].append(pk)
    branch = [message.pk]
    while children[branch[-1]]:
        # One active child per turn; should a chat hold more (one of each role), the newest wins.
        branch.append(children[branch[-1]][-1])
    Message.objects.filter(pk__in=branch).update(shown=True)
    message.shown = True


def version_note(message: Message) -> str:
    """ "version 2 of 3" for a message with other versions (attached by versions_attach); empty for one without."""
    versions = message.versions
    return f"version {versions.number} of {versions.count}" if versions.count > 1 else ""
