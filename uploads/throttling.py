"""How fast, and how many at once, one person may upload: UPLOAD_THROTTLE and UPLOAD_MAX_CONCURRENT_PER_USER.

Every upload is parsed in a worker process (uploads.processing.isolation) that may take
seconds of CPU and hundreds of megabytes: the rate bounds how fast a script or a stuck
client can start them, the concurrent cap how many one person holds at once. Both live
in the cache: per process with the default local-memory cache, shared with REDIS_URL.
"""

import math
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.core.cache import cache
from rest_framework.throttling import UserRateThrottle

from healthassistant.rate_limits import wait_seconds
from uploads.errors import UploadRejected

# How long past the parse limit an upload may hold its slot (receiving, sealing, writing), before
# the slot frees itself: a worker killed mid-upload can't lock its user out.
_SLOT_MARGIN_SECONDS = 60


class UploadRateThrottle(UserRateThrottle):
    """DRF's per-user rate, on the pages and the API alike."""

    scope = "uploads"

    def get_rate(self) -> str:
        # Read when asked, so the setting in force (and a test's override) is the one used.
        return settings.UPLOAD_THROTTLE


def check_upload_rate(request) -> None:
    """Counts this upload; UploadRejected("throttled", 429, with the wait) if the user uploads too fast."""
    wait = wait_seconds(UploadRateThrottle(), request)
    if wait is None:
        return
    seconds = max(1, math.ceil(wait))
    raise UploadRejected(
        f"You are uploading files very quickly. Wait {seconds} s, then try again.", "throttled", retry_after=seconds
    )


@contextmanager
def upload_slot(*, user_id: int) -> Iterator[None]:
    """Hold one of the user's UPLOAD_MAX_CONCURRENT_PER_USER slots while an upload is processed.

    UploadRejected("uploads_in_progress", 429) when all are taken. A slot is a cache key
    taken with an atomic add, and expires by itself if its holder never lets go.
    """
    limit = settings.UPLOAD_MAX_CONCURRENT_PER_USER
    timeout = math.ceil(settings.UPLOAD_PARSE_SECONDS) + _SLOT_MARGIN_SECONDS
    token = uuid.uuid4().hex
    for number in range(limit):
        key = f"uploads:active:{user_id}:{number}"
        if cache.add(key, token, timeout=timeout):
            break
    else:
        raise UploadRejected(
            f"You already have {limit} file{'s' if limit != 1 else ''} being read. "
            "Wait until one is done, then upload this one again.",
            "uploads_in_progress",
        )
    try:
        yield
    finally:
        # Only our own: had the slot expired and been taken again, it is someone else's now.
        if cache.get(key) == token:
            cache.delete(key)
