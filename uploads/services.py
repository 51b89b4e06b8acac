"""Writes: storing an upload (validated, processed, atomic as a user sees it) and deleting one."""

import logging
import uuid

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone

from accounts.audit import NO_CONTEXT, Action, AuditContext, audit_record
from accounts.models import User
from uploads import storage
from uploads.detection import HEAD_BYTES, detect_file_type
from uploads.errors import UploadRejected
from uploads.models import Upload
from uploads.naming import sanitize_filename
from uploads.processing.isolation import parse_isolated
from uploads.processing.limits import IsolationLimits, ParseLimits
from uploads.retrieval.indexing import index_after_commit
from uploads.selectors import upload_quota_for_user
from uploads.throttling import upload_slot

logger = logging.getLogger(__name__)


def upload_create(*, owner: User, file: UploadedFile) -> Upload:
    """Validate, process and store one file for its owner; UploadRejected with a user-facing message otherwise.

    The type comes from the bytes, never the name or the browser's header. The file is
    read and validated in memory, then written sealed, and the row is
    created last in its own short transaction (parsing a PDF inside a transaction
    would hold SQLite's write lock for seconds). If anything fails, every file
    written is removed: no row without its files, no files without their row.
    The file is parsed in a worker process with a memory cap and a time limit
    (uploads.processing.isolation), at most UPLOAD_MAX_CONCURRENT_PER_USER at once per owner.
    """
    declared_size = file.size or 0
    try:
        _check_size(declared_size)
        _check_quota(owner=owner, size=declared_size)
        with upload_slot(user_id=owner.pk):
            upload = _store(owner=owner, file=file)
    except UploadRejected as rejection:
        logger.info("upload rejected owner=%s code=%s size=%d", owner.pk, rejection.code, declared_size)
        raise
    logger.info(
        "upload stored id=%s owner=%s kind=%s size=%d pages=%s images=%d",
        upload.pk,
        owner.pk,
        upload.kind,
        upload.size,
        upload.page_count,
        len(upload.model_image_paths),
    )
    # Its passages are cut off the request path; until then index_status says "pending".
    index_after_commit(upload.pk)
    return upload


@transaction.atomic
def upload_delete(*, upload: Upload, audit: AuditContext = NO_CONTEXT) -> None:
    """Delete the upload; its files go when the transaction commits (uploads.signals), and it leaves its messages.

    Its owner's audit trail records it, from where `audit` says the request came.
    """
    upload_id = upload.pk
    audit_record(actor=upload.owner, action=Action.UPLOAD_DELETED, target=upload_id, context=audit)
    upload.delete()
    logger.info("upload deleted id=%s", upload_id)


@transaction.atomic
def upload_set_share_patient_details(*, upload: Upload, share: bool) -> Upload:
    """The owner's choice for a DICOM file: may the model see who it is about (name, ID, birth date…)?"""
    if upload.kind != Upload.Kind.DICOM:
        raise UploadRejected("Only DICOM files carry patient details to share.", "not_dicom")
    upload.share_patient_details = share
    upload.save(update_fields=["share_patient_details"])
    logger.info("upload patient details shared=%s id=%s", share, upload.pk)
    return upload


def _store(*, owner: User, file: UploadedFile) -> Upload:
    upload_id = uuid.uuid4()
    written: list[str] = []
    try:
        received = storage.receive(file=file, max_bytes=settings.UPLOAD_MAX_BYTES)
        if received.size == 0:
            raise UploadRejected("This file is empty. Choose the file again and upload it.", "empty")
        _check_size(received.size)
        file_type = detect_file_type(head=received.content[:HEAD_BYTES])
        processed = parse_isolated(
            content=received.content,
            file_type=file_type,
            limits=ParseLimits.from_settings(),
            isolation=IsolationLimits.from_settings(),
        )
        paths = storage.upload_paths(
            owner_id=owner.pk,
            upload_id=upload_id,
            created=timezone.now(),
            extension=file_type.extension,
            images=len(processed.model_images),
        )
        for image, relative in zip(processed.model_images, paths.model_images, strict=True):
            written.append(relative)
            storage.save_image(image=image, relative=relative, format="PNG")
        written.append(paths.preview)
        storage.save_image(image=processed.preview, relative=paths.preview, format="JPEG", quality=85)
        written.append(paths.original)
        storage.write_sealed(content=received.content, relative=paths.original)
        with transaction.atomic():
            _check_quota(owner=owner, size=received.size, lock=True)
            return Upload.objects.create(
                id=upload_id,
                owner=owner,
                original_name=sanitize_filename(file.name or ""),
                stored_path=paths.original,
                kind=file_type.kind,
                content_type=file_type.content_type,
                size=received.size,
                sha256=received.sha256,
                page_count=processed.page_count,
                width=processed.width,
                height=processed.height,
                extracted_text=processed.text,
                preview_path=paths.preview,
                model_image_paths=paths.model_images,
            )
    except OSError as exc:
        storage.delete_files(paths=written)
        logger.error("upload storage failed owner=%s error=%s", owner.pk, type(exc).__name__)
        raise UploadRejected(
            "The server could not store this file right now. Try again in a few minutes.", "storage_unavailable"
        ) from exc
    except BaseException:
        storage.delete_files(paths=written)
        raise


def _check_size(size: int) -> None:
    if size > settings.UPLOAD_MAX_BYTES:
        raise UploadRejected(
            f"This file is larger than the limit of {_bytes(settings.UPLOAD_MAX_BYTES)}. "
            "Upload a smaller file: reduce the image's size, or split the PDF.",
            "too_large",
        )


def _check_quota(*, owner: User, size: int, lock: bool = False) -> None:
    if lock:
        # Serialise one owner's concurrent uploads, so two can't both fit in the last free space.
        User.objects.select_for_update().get(pk=owner.pk)
    quota = upload_quota_for_user(user=owner)
    if quota.limit is not None and quota.used + size > quota.limit:
        raise UploadRejected(
            f"Not enough storage left: this file needs {_bytes(size)}, and {_bytes(quota.remaining)} "
            f"of your {_bytes(quota.limit)} is free. Delete files you no longer need under “My files”, then try again.",
            "quota_exceeded",
        )


def _bytes(size: int) -> str:
    return str(filesizeformat(size)).replace("\xa0", " ")
