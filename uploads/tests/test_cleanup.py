import os
import time
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from uploads.cleanup import uploads_cleanup
from uploads.models import Upload
from uploads.tests.helpers import files_under

pytestmark = pytest.mark.django_db


def age(upload: Upload, **delta) -> Upload:
    Upload.objects.filter(pk=upload.pk).update(created_at=timezone.now() - timedelta(**delta))
    return upload


def make_old(path, hours: float = 2) -> None:
    past = time.time() - hours * 3600
    os.utime(path, (past, past))


def run(**options) -> str:
    from io import StringIO

    out = StringIO()
    call_command("cleanup_uploads", stdout=out, **options)
    return out.getvalue()


def test_uploads_never_attached_are_removed_after_the_orphan_hours(
    make_upload, attach, media_root, settings, django_capture_on_commit_callbacks
):
    settings.UPLOAD_ORPHAN_HOURS = 24
    stale = age(make_upload(name="stale.png"), hours=25)
    fresh = age(make_upload(name="fresh.png"), hours=23)
    sent = age(make_upload(name="sent.png"), hours=100)
    attach(sent)

    with django_capture_on_commit_callbacks(execute=True):
        report = uploads_cleanup()

    assert report.unattached == 1
    assert set(Upload.objects.all()) == {fresh, sent}
    assert not any((media_root / path).exists() for path in stale.file_paths)


def test_retention_deletes_even_attached_uploads_when_set(make_upload, attach, settings):
    settings.UPLOAD_RETENTION_DAYS = 30
    old, recent = age(make_upload(), days=31), age(make_upload(), days=29)
    attach(old)
    attach(recent)
    assert uploads_cleanup().expired == 1
    assert list(Upload.objects.all()) == [recent]


def test_retention_off_keeps_everything_attached(make_upload, attach, settings):
    settings.UPLOAD_RETENTION_DAYS = 0
    attach(age(make_upload(), days=3650))
    assert uploads_cleanup().expired == 0
    assert Upload.objects.count() == 1


def test_a_row_whose_file_is_missing_is_removed_with_its_derived_files(
    make_upload, attach, media_root, django_capture_on_commit_callbacks
):
    upload = make_upload()
    attach(upload)
    (media_root / upload.stored_path).unlink()
    with django_capture_on_commit_callbacks(execute=True):
        report = uploads_cleanup()
    assert report.missing_file == 1
    assert not Upload.objects.exists()
    assert files_under(media_root) == []


def test_files_without_a_row_are_removed_after_a_grace_period(make_upload, attach, media_root):
    attach(make_upload())
    orphan = media_root / "users" / "999" / "20260101T000000_0c4f5a86-2a4b-4bd5-9a9b-4b5f1a8e7c11.pdf"
    orphan.parent.mkdir(parents=True)
    orphan.write_bytes(b"%PDF-1.4 left behind")
    in_progress = media_root / "users" / "999" / "20260101T000000_1d2c3b4a-2a4b-4bd5-9a9b-4b5f1a8e7c11.png"
    in_progress.write_bytes(b"an upload whose row is about to commit")
    make_old(orphan)

    assert uploads_cleanup().orphan_files == 1
    assert not orphan.exists()
    assert in_progress.exists()


def test_stale_temporary_files_are_removed(media_root):
    temp = media_root / "tmp" / "tmpabc.part"
    temp.parent.mkdir(parents=True)
    temp.write_bytes(b"half an upload")
    make_old(temp)
    assert uploads_cleanup().temp_files == 1
    assert not temp.exists()


def test_a_user_folder_left_empty_is_removed(media_root):
    orphan = media_root / "users" / "42" / "x.png"
    orphan.parent.mkdir(parents=True)
    orphan.write_bytes(b"x")
    make_old(orphan)
    uploads_cleanup()
    assert not (media_root / "users" / "42").exists()


def test_a_dry_run_deletes_nothing_and_reports_the_same(make_upload, media_root, settings):
    settings.UPLOAD_RETENTION_DAYS = 30
    age(make_upload(), days=40)  # both expired and unattached: counted once
    missing = make_upload()
    (media_root / missing.stored_path).unlink()
    orphan = media_root / "users" / "7" / "lost.png"
    orphan.parent.mkdir(parents=True)
    orphan.write_bytes(b"x")
    make_old(orphan)
    before = files_under(media_root)

    dry = uploads_cleanup(dry_run=True)

    assert (dry.expired, dry.unattached, dry.missing_file, dry.orphan_files) == (1, 0, 1, 1)
    assert Upload.objects.count() == 2
    assert files_under(media_root) == before
    real = uploads_cleanup()
    assert (real.expired, real.unattached, real.missing_file, real.orphan_files) == (1, 0, 1, 1)


def test_it_is_idempotent(make_upload, media_root, django_capture_on_commit_callbacks):
    age(make_upload(), hours=48)
    orphan = media_root / "users" / "7" / "lost.png"
    orphan.parent.mkdir(parents=True)
    orphan.write_bytes(b"x")
    make_old(orphan)
    with django_capture_on_commit_callbacks(execute=True):
        first = uploads_cleanup()
    second = uploads_cleanup()
    assert first.total == 2
    assert second.total == 0


def test_the_command_reports_what_it_did(make_upload, settings):
    settings.UPLOAD_ORPHAN_HOURS = 24
    age(make_upload(), hours=30)
    output = run()
    assert "Deleted 1 upload(s) never attached to a message within 24 hour(s)." in output
    assert "retention is off" in output
    assert "Deleted 1 item(s) in all." in output
    assert "Nothing to clean up." in run()


def test_the_command_has_a_dry_run(make_upload):
    age(make_upload(), hours=30)
    output = run(dry_run=True)
    assert "Would delete 1 upload(s) never attached" in output
    assert Upload.objects.count() == 1
