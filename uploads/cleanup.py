"""Sweeping what should no longer be stored: the work of `manage.py cleanup_uploads`.

Each step is idempotent, and a dry run counts the same things without deleting.
Files younger than FILE_GRACE are left alone: an upload in progress has its
files in place a moment before its row commits.
"""

import logging
import os
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from uploads import storage
from uploads.models import Upload

logger = logging.getLogger(__name__)

FILE_GRACE = timedelta(hours=1)
_BATCH = 500


@dataclass
class CleanupReport:
    dry_run: bool
    expired: int = 0  # older than UPLOAD_RETENTION_DAYS
    unattached: int = 0  # never attached to a message within UPLOAD_ORPHAN_HOURS
    missing_file: int = 0  # rows whose original file is gone
    orphan_files: int = 0  # files under MEDIA_ROOT/users that no row owns
    temp_files: int = 0  # leftovers of interrupted uploads in MEDIA_ROOT/tmp
    handled_ids: set = field(default_factory=set, repr=False)

    @property
    def total(self) -> int:
        return self.expired + self.unattached + self.missing_file + self.orphan_files + self.temp_files


def uploads_cleanup(*, dry_run: bool = False, now: datetime | None = None) -> CleanupReport:
    now = now or timezone.now()
    report = CleanupReport(dry_run=dry_run)
    if settings.UPLOAD_RETENTION_DAYS > 0:
        old = Upload.objects.filter(created_at__lt=now - timedelta(days=settings.UPLOAD_RETENTION_DAYS))
        report.expired = _delete_uploads(old.values_list("pk", flat=True), report)
    unattached = Upload.objects.filter(
        created_at__lt=now - timedelta(hours=settings.UPLOAD_ORPHAN_HOURS), messages__isnull=True
    )
    report.unattached = _delete_uploads(unattached.values_list("pk", flat=True), report)
    report.missing_file = _delete_uploads(_ids_with_missing_file(), report)
    report.orphan_files = _delete_files(_orphan_files(now), report)
    report.temp_files = _delete_files(_stale_temp_files(now), report)
    logger.info(
        "uploads cleanup dry_run=%s expired=%d unattached=%d missing_file=%d orphan_files=%d temp_files=%d",
        dry_run,
        report.expired,
        report.unattached,
        report.missing_file,
        report.orphan_files,
        report.temp_files,
    )
    return report


def _delete_uploads(upload_ids, report: CleanupReport) -> int:
    """Delete these uploads (their files go on commit, see uploads.signals); count each upload once per run."""
    ids = [upload_id for upload_id in upload_ids if upload_id not in report.handled_ids]
    report.handled_ids.update(ids)
    if not report.dry_run:
        for start in range(0, len(ids), _BATCH):
            with transaction.atomic():
                Upload.objects.filter(pk__in=ids[start : start + _BATCH]).delete()
    return len(ids)


def _ids_with_missing_file():
    for upload_id, stored_path in Upload.objects.values_list("pk", "stored_path").iterator():
        try:
            exists = storage.absolute_path(stored_path).is_file()
        except ValueError:  # a path outside MEDIA_ROOT/users: not a file this app wrote
            exists = False
        if not exists:
            yield upload_id


def _orphan_files(now: datetime) -> list[Path]:
    root = storage.users_root()
    if not root.is_dir():
        return []
    owned = set()
    for upload in Upload.objects.only("stored_path", "preview_path", "model_image_paths").iterator():
        owned.update(upload.file_paths)
    media = storage.media_root()
    return [
        path
        for path in _files_under(root)
        if path.relative_to(media).as_posix() not in owned and _older_than_grace(path, now)
    ]


def _stale_temp_files(now: datetime) -> list[Path]:
    root = storage.temp_root()
    if not root.is_dir():
        return []
    return [path for path in _files_under(root) if _older_than_grace(path, now)]


def _delete_files(paths: list[Path], report: CleanupReport) -> int:
    if not report.dry_run:
        for path in paths:
            path.unlink(missing_ok=True)
        _remove_empty_dirs(storage.users_root())
    return len(paths)


def _files_under(root: Path) -> list[Path]:
    return [Path(directory) / name for directory, _, names in os.walk(root) for name in names]


def _older_than_grace(path: Path, now: datetime) -> bool:
    try:
        modified = datetime.fromtimestamp(path.stat().st_mtime, tz=now.tzinfo or timezone.get_current_timezone())
    except OSError:
        return False
    return now - modified > FILE_GRACE


def _remove_empty_dirs(root: Path) -> None:
    if not root.is_dir():
        return
    for directory, subdirectories, names in os.walk(root, topdown=False):
        if Path(directory) != root and not subdirectories and not names:
            try:
                Path(directory).rmdir()
            except OSError:
                continue
