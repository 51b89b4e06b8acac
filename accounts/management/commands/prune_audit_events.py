from django.core.management.base import BaseCommand

from accounts.audit import audit_prune


class Command(BaseCommand):
    help = "Delete audit events older than AUDIT_RETENTION_DAYS (run it daily, beside cleanup_uploads)."

    def handle(self, *args, **options) -> None:
        deleted = audit_prune()
        self.stdout.write(f"Deleted {deleted} audit event(s) older than the retention period.")
