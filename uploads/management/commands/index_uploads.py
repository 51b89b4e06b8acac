from django.core.management.base import BaseCommand

from uploads.models import Upload
from uploads.retrieval.indexing import index_pending


class Command(BaseCommand):
    help = (
        "Cut stored files into retrieval passages: those still pending (a restart before the background "
        "indexer reached them), and with --retry-failed or --all, more. Safe to run while the app serves."
    )

    def add_arguments(self, parser):
        parser.add_argument("--retry-failed", action="store_true", help="Index again the files whose indexing failed.")
        parser.add_argument(
            "--all", action="store_true", help="Index every file again (after a change to how passages are cut)."
        )

    def handle(self, *args, retry_failed: bool = False, all: bool = False, **options):
        again = Upload.objects.all() if all else Upload.objects.none()
        if retry_failed:
            again = again | Upload.objects.filter(index_status=Upload.IndexStatus.FAILED)
        marked = again.update(index_status=Upload.IndexStatus.PENDING)
        indexed = index_pending()
        failed = Upload.objects.filter(index_status=Upload.IndexStatus.FAILED).count()
        self.stdout.write(f"Indexed {indexed} file(s) ({marked} marked again); {failed} file(s) failed to index.")
