"""Answers stop when their rows go; open sockets close when the login they were opened with ends.

Cascades delete messages without calling Message.delete(), but they send pre_delete for
each row. An answer still being written is cancelled once the deletion commits, so the
worker doesn't go on computing it for nobody. Logouts, password changes, deactivations and
deletions ask the user's sockets to check their sessions again (chat.socket_sessions). A newly
indexed report with scanned pages goes to the worker, for the model to read its lab values.
Connected in ChatConfig.ready().
"""

import logging

from allauth.account.signals import password_changed, password_reset, password_set
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_out
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save

from chat.generation import protocol
from chat.models import Message
from chat.socket_sessions import ask_sockets_to_recheck
from uploads.labs.model_reading import scanned_pages
from uploads.labs.signals import upload_indexed
from uploads.models import Upload

logger = logging.getLogger(__name__)


def cancel_answer_being_deleted(sender, instance: Message, **kwargs) -> None:
    if instance.role == Message.Role.ASSISTANT and instance.status == Message.Status.STREAMING:
        message_id = instance.pk
        transaction.on_commit(lambda: protocol.job_cancel_generation(message_id=message_id))


def read_lab_pages_of_indexed_upload(sender, upload_id: str, **kwargs) -> None:
    """A report with scanned pages: the model reads their lab values (chat.generation.lab_reading)."""
    upload = Upload.objects.filter(pk=upload_id).first()
    if upload is None or not scanned_pages(upload):
        return
    try:
        protocol.job_read_lab_pages(upload_id=upload_id)
    except Exception as error:
        # No worker listening (a full in-memory channel): the scans stay unread, the upload is fine.
        logger.warning("lab page reading not queued upload=%s error=%s", upload_id, type(error).__name__)


def end_sockets_of_logged_out_session(sender, request, user, **kwargs) -> None:
    if user is not None:
        ask_sockets_to_recheck(user_id=user.pk, ended_session=getattr(request.session, "session_key", None))


def recheck_sockets_after_password_change(sender, request, user, **kwargs) -> None:
    ask_sockets_to_recheck(user_id=user.pk)


def note_login_change(sender, instance, **kwargs) -> None:
    # set_password() leaves the new password in _password until save(): a change, by the user or an admin.
    instance._sockets_recheck = getattr(instance, "_password", None) is not None or not instance.is_active


def recheck_sockets_after_login_change(sender, instance, created: bool, **kwargs) -> None:
    if not created and getattr(instance, "_sockets_recheck", False):
        ask_sockets_to_recheck(user_id=instance.pk)


def recheck_sockets_of_deleted_user(sender, instance, **kwargs) -> None:
    ask_sockets_to_recheck(user_id=instance.pk)


def connect() -> None:
    pre_delete.connect(cancel_answer_being_deleted, sender=Message, dispatch_uid="chat.cancel_answer_being_deleted")
    user = get_user_model()
    user_logged_out.connect(end_sockets_of_logged_out_session, dispatch_uid="chat.sockets_logout")
    for name, signal in (("changed", password_changed), ("set", password_set), ("reset", password_reset)):
        signal.connect(recheck_sockets_after_password_change, dispatch_uid=f"chat.sockets_password_{name}")
    pre_save.connect(note_login_change, sender=user, dispatch_uid="chat.sockets_note_login_change")
    post_save.connect(recheck_sockets_after_login_change, sender=user, dispatch_uid="chat.sockets_login_change")
    post_delete.connect(recheck_sockets_of_deleted_user, sender=user, dispatch_uid="chat.sockets_user_deleted")
    upload_indexed.connect(read_lab_pages_of_indexed_upload, dispatch_uid="chat.read_lab_pages")
