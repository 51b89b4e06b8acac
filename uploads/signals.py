"""Files follow their rows: whichever way an upload, message, chat or user is deleted.

Django's cascades delete related rows without calling Model.delete(), but they do send
pre_delete and post_delete for every row (a model with receivers is never fast-deleted).
So:
- an Upload's files are deleted when its row is, once the transaction commits;
- a deleted Message (alone, in a queryset, or by its chat's or user's cascade) takes
  with it the uploads no surviving message uses. pre_delete notes its attachments;
  post_delete runs after the attachment links of every message in the same delete
  are gone, so "no message left" is exact even when a whole chat goes at once.
Connected in UploadsConfig.ready().
"""

from django.db.models.signals import post_delete, pre_delete

from uploads import storage
from uploads.models import Upload

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


def connect() -> None:
    post_delete.connect(delete_files_of_upload, sender=Upload, dispatch_uid="uploads.delete_files_of_upload")
    # A chat message, named lazily: uploads never imports chat (chat depends on uploads).
    pre_delete.connect(remember_attachments, sender=MESSAGE_MODEL, dispatch_uid="uploads.remember_attachments")
    post_delete.connect(
        delete_uploads_left_without_message,
        sender=MESSAGE_MODEL,
        dispatch_uid="uploads.delete_uploads_left_without_message",
    )
