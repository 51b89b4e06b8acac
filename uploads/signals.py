"""Files follow their rows: whichever way an upload, message, chat or user is deleted.

Django's cascades delete related rows without calling Model.delete(), but they do send
pre_delete and post_delete for every row (a model with receivers is never fast-deleted).
So:
- an Upload's files are deleted when its row is, once the transaction commits;
- a deleted Message (alone, in a queryset, or by its chat's or user's cascade) takes
  with it the uploads no surviving message uses. pre_delete notes its attachments;
  post_delete runs after the attachment links of every message in the same delete
  are gone, so "no message left" is exact even when a whole chat goes at once.
- a deleted user's in-memory retrieval index (decrypted passages) is dropped from this process
  once the deletion commits; another process's copy ages out of its cache.
Connected in UploadsConfig.ready().
"""

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, pre_delete

from uploads import storage
from uploads.models import Upload
from uploads.retrieval.index import forget_owner

_ATTACHMENTS = "_upload_ids_before_delete"
MESSAGE_MODEL = "chat.Message"


def delete_files_of_upload(sender, instance: Upload, **kwargs) -> None:
    storage.delete_files_on_commit(paths=instance.file_paths)


def remember_attachments(sender, instance, **kwargs) -> None:
    setattr(instance, _ATTACHMENTS, list(instance.attachments.values_list("pk", flat=True)))


def delete_uploads_left_without_message(sender, instance, **kwargs) -> None:
    upload_ids = getattr(instance, _ATTACHMENTS, None)
    if upload_ids:
        Upload.objects.filter(pk__in=upload_ids, messages__isnull=True).delete()


def forget_index_of_deleted_user(sender, instance, **kwargs) -> None:
    owner_id = instance.pk
    transaction.on_commit(lambda: forget_owner(owner_id))


def connect() -> None:
    post_delete.connect(delete_files_of_upload, sender=Upload, dispatch_uid="uploads.delete_files_of_upload")
    # A chat message, named lazily: uploads never imports chat (chat depends on uploads).
    pre_delete.connect(remember_attachments, sender=MESSAGE_MODEL, dispatch_uid="uploads.remember_attachments")
    post_delete.connect(
        delete_uploads_left_without_message,
        sender=MESSAGE_MODEL,
        dispatch_uid="uploads.delete_uploads_left_without_message",
    )
    post_delete.connect(
        forget_index_of_deleted_user,
        sender=settings.AUTH_USER_MODEL,
        dispatch_uid="uploads.forget_index_of_deleted_user",
    )
