"""One way to ask a DRF throttle from anywhere (pages, API views, services): may this go ahead, or how long to wait."""

from rest_framework.throttling import SimpleRateThrottle


def wait_seconds(throttle: SimpleRateThrottle, request) -> float | None:
    """None when the request may go ahead (and it is counted); otherwise how long to wait, at least a second."""
    if throttle.allow_request(request, view=None):
        return None
    return throttle.wait() or 1.0
