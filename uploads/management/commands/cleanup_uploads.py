from django.conf import settings
from django.core.management.base import BaseCommand

from uploads.cleanup import uploads_cleanup


class Command(BaseCommand):
    help = (
        "Delete uploads never attached to a message after UPLOAD_ORPHAN_HOURS, uploads older than "
        "UPLOAD_RETENTION_DAYS (when set), rows whose file is missing, and files on disk that no upload owns. "
        "Safe to run repeatedly, e.g. hourly."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Report what would be deleted; delete nothing.")

    def handle(self, *args, dry_run: bool = False, **options):
        report = uploads_cleanup(dry_run=dry_run)
        verb = "Would delete" if dry_run else "Deleted"
        retention = (
            f"older than the {settings.UPLOAD_RETENTION_DAYS}-day retention"
            if settings.UPLOAD_RETENTION_DAYS > 0
            else "past retention (retention is off: UPLOAD_RETENTION_DAYS=0)"
        )
        lines = [
            f"{verb} {report.expired} upload(s) {retention}.",
            f"{verb} {report.unattached} upload(s) never attached to a message within "
            f"{settings.UPLOAD_ORPHAN_HOURS} hour(s).",
            f"{verb} {report.missing_file} upload(s) whose file was missing from disk.",
            f"{verb} {report.orphan_files} file(s) on disk that belonged to no upload.",
            f"{verb} {report.temp_files} temporary file(s) left by interrupted uploads.",
        ]
        for line in lines:
            self.stdout.write(line)
        summary = f"{verb} {report.total} item(s) in all." if report.total else "Nothing to clean up."
        self.stdout.write(self.style.SUCCESS(summary))
