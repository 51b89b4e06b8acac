"""After an upload is stored, off the request path: its text cut into sealed passages, its lab results read.

upload_create marks a new upload pending and, once its transaction commits, hands it to
a background thread here, which then rebuilds the person's in-memory index (index.owner_index),
so that a question right after the upload finds it warm. Whatever that misses (a restart, an
older upload) the answer worker indexes before it retrieves (index_pending), and
`manage.py index_uploads` does all.
"""

import functools
import logging
import time
from concurrent.futures import ThreadPoolExecutor

from django.db import OperationalError, close_old_connections, transaction

from uploads.labs.services import lab_results_read
from uploads.labs.signals import upload_indexed
from uploads.models import Passage, Upload
from uploads.retrieval.index import owner_index
from uploads.retrieval.passages import split_into_passages

logger = logging.getLogger(__name__)

INDEX_ATTEMPTS = 3
# One thread: indexing is quick (the text was extracted at upload), and one at a time keeps SQLite calm.
_executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="upload-index")


def upload_index(*, upload: Upload, only_if_pending: bool = False) -> int:
    """Replace the upload's passages with ones cut from its text now; returns how many. Marks it ready or failed.

    With only_if_pending, an upload another indexer finished meanwhile is left as it is. A transaction
    the database aborts (a deadlock between two indexers of one file on PostgreSQL) is tried again:
    only a real failure marks the upload failed.
    """
    for attempt in range(1, INDEX_ATTEMPTS + 1):
        try:
            indexed = _index_once(upload, only_if_pending=only_if_pending)
        except OperationalError as error:
            if attempt < INDEX_ATTEMPTS:
                logger.info("indexing retried upload=%s error=%s", upload.pk, type(error).__name__)
                time.sleep(0.05 * attempt)
                continue
            return _failed(upload)
        except Exception:
            return _failed(upload)
        if indexed is None:
            return 0
        pieces, results = indexed
        upload.index_status = Upload.IndexStatus.READY
        transaction.on_commit(functools.partial(upload_indexed.send, sender=Upload, upload_id=str(upload.pk)))
        logger.info("indexed upload=%s passages=%d lab_results=%d", upload.pk, pieces, results)
        return pieces
    return 0


def _index_once(upload: Upload, *, only_if_pending: bool) -> tuple[int, int] | None:
    pieces = split_into_passages(upload.extracted_text)
    with transaction.atomic():
        # The background thread and a question's index_pending may take the same upload at once:
        # the row lock makes the second wait, and then either skip it or replace the first's passages.
        # NO KEY UPDATE, not FOR UPDATE: a message attaching this upload checks its foreign key with
        # KEY SHARE while it holds its owner's row, and FOR UPDATE here would close a deadlock with it.
        status = (
            Upload.objects.select_for_update(no_key=True).filter(pk=upload.pk).values_list("index_status", flat=True)
        )
        status = list(status)
        if not status or (only_if_pending and status[0] != Upload.IndexStatus.PENDING):
            return None  # deleted, or indexed by another meanwhile
        Passage.objects.filter(upload=upload).delete()
        Passage.objects.bulk_create(
            Passage(upload=upload, owner_id=upload.owner_id, page=piece.page, position=position, text=piece.text)
            for position, piece in enumerate(pieces)
        )
        results = lab_results_read(upload=upload)
        Upload.objects.filter(pk=upload.pk).update(index_status=Upload.IndexStatus.READY)
    return len(pieces), results


def _failed(upload: Upload) -> int:
    logger.exception("indexing failed upload=%s", upload.pk)
    Upload.objects.filter(pk=upload.pk).update(index_status=Upload.IndexStatus.FAILED)
    upload.index_status = Upload.IndexStatus.FAILED
    return 0


def index_pending(*, owner_id: int | None = None) -> int:
    """Index every pending upload (of one person, if given); returns how many were indexed."""
    pending = Upload.objects.filter(index_status=Upload.IndexStatus.PENDING)
    if owner_id is not None:
        pending = pending.filter(owner_id=owner_id)
    count = 0
    for upload in pending.iterator():
        upload_index(upload=upload, only_if_pending=True)
        count += 1
    return count


def index_after_commit(upload_id) -> None:
    """Index the upload in the background once the transaction that stored it has committed."""
    transaction.on_commit(lambda: _executor.submit(_index_in_background, upload_id))


def _index_in_background(upload_id) -> None:
    close_old_connections()
    try:
        upload = Upload.objects.filter(pk=upload_id, index_status=Upload.IndexStatus.PENDING).first()
        if upload is not None:
            upload_index(upload=upload, only_if_pending=True)
            if upload.index_status == Upload.IndexStatus.READY:
                _warm(upload.owner_id)
    except Exception:
        logger.exception("background indexing failed upload=%s", upload_id)
    finally:
        close_old_connections()


def _warm(owner_id: int) -> None:
    """Rebuild the person's in-memory index now, so that their next question does not wait for it.

    Skipped while they have other uploads pending: those change the index again (the next one queued
    here warms it once they are done). Never raises; a failure costs only the next question's rebuild.
    """
    try:
        if Upload.objects.filter(owner_id=owner_id, index_status=Upload.IndexStatus.PENDING).exists():
            return
        owner_index(owner_id)
    except Exception as error:
        # The type only: an exception's text may quote a passage.
        logger.warning("index warm-up failed owner=%s error=%s", owner_id, type(error).__name__)
