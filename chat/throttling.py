"""How often a person may ask: one rate for the pages and the API, set by QUESTION_THROTTLE.

Asking, regenerating and editing each start an answer. The per-user cap on answers under way
(HEALTH_MAX_ACTIVE_PER_USER) bounds what one person holds at once; this bounds how fast they can
churn through it, so a script or a stuck key can't keep the model's queue full.
"""

from rest_framework.settings import api_settings
from rest_framework.throttling import UserRateThrottle

from healthassistant.rate_limits import wait_seconds


class QuestionRateThrottle(UserRateThrottle):
    scope = "questions"

    def get_rate(self) -> str:
        # Read when asked, not when DRF's throttle classes were defined, so the setting is the one in force.
        return api_settings.DEFAULT_THROTTLE_RATES[self.scope]


class ExportRateThrottle(QuestionRateThrottle):
    scope = "exports"


class TranscriptRateThrottle(QuestionRateThrottle):
    """Exporting one chat (a PDF takes a second or two of CPU to draw)."""

    scope = "transcripts"


def question_wait_seconds(request) -> float | None:
    """None when the user may ask now; otherwise how long to wait. Counts this request when allowed."""
    return wait_seconds(QuestionRateThrottle(), request)


def export_wait_seconds(request) -> float | None:
    """The same for downloading all of one's data (EXPORT_THROTTLE)."""
    return wait_seconds(ExportRateThrottle(), request)


def transcript_wait_seconds(request) -> float | None:
    """The same for exporting one chat as PDF or Markdown (TRANSCRIPT_THROTTLE)."""
    return wait_seconds(TranscriptRateThrottle(), request)
