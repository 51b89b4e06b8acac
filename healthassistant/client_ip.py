"""The client's IP address, which login limits, API throttles and the audit trail all use.

X-Forwarded-For is whatever the client sends, unless a proxy we trust wrote it: each
proxy appends the address it saw. With TRUSTED_PROXY_COUNT = n, the n-th entry from the
right is the one our outermost trusted proxy saw; everything left of it may be forged.
With 0 (the default: nothing in front), the header is ignored and the socket's address
counts. DRF reads the header by the same rule through NUM_PROXIES.
"""

from collections.abc import Mapping

from django.conf import settings


def client_ip(meta: Mapping[str, str]) -> str | None:
    count = settings.TRUSTED_PROXY_COUNT
    forwarded = [address.strip() for address in meta.get("HTTP_X_FORWARDED_FOR", "").split(",") if address.strip()]
    if count and forwarded:
        return forwarded[-min(count, len(forwarded))]
    return meta.get("REMOTE_ADDR") or None
