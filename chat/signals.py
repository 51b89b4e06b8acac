"""Answers stop when their rows go, however they go (a chat deleted, an account deleted).

Cascades delete messages without calling Message.delete(), but they send pre_delete for
each row. An answer still being written is cancelled once the deletion commits, so the
worker doesn't go on computing it for nobody. Connected in ChatConfig.ready().
"""

from django.db import transaction
from django.db.models.signals import pre_delete

from chat.generation import protocol
from chat.models import Message


def cancel_answer_being_deleted(sender, instance: Message, **kwargs) -> None:
    if instance.role == Message.Role.ASSISTANT and instance.status == Message.Status.STREAMING:
        message_id = instance.pk
        transaction.on_commit(lambda: protocol.job_cancel_generation(message_id=message_id))


def connect() -> None:
    pre_delete.connect(cancel_answer_being_deleted, sender=Message, dispatch_uid="chat.cancel_answer_being_deleted")
