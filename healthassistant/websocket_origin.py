"""WebSockets from this site only: the Origin must match scheme, host and port exactly.

Channels' AllowedHostsOriginValidator compares host names alone, so http://127.0.0.1:9999
(any local program) and https://127.0.0.1 passed for a site served at http://127.0.0.1:8000.
As Django's CSRF check does for forms, the origin must be the socket's own (its scheme and
its Host header, a host in ALLOWED_HOSTS) or be listed in CSRF_TRUSTED_ORIGINS exactly.
"""

from channels.security.websocket import WebsocketDenier
from django.conf import settings
from django.http.request import split_domain_port, validate_host


class ExactOriginValidator:
    def __init__(self, application) -> None:
        self.application = application

    async def __call__(self, scope, receive, send):
        if scope["type"] == "websocket" and not origin_allowed(scope):
            denier = WebsocketDenier()
            return await denier(scope, receive, send)
        return await self.application(scope, receive, send)


def origin_allowed(scope) -> bool:
    headers = dict(scope.get("headers", ()))
    origin = headers.get(b"origin", b"").decode("latin-1").lower()
    host = headers.get(b"host", b"").decode("latin-1").lower()
    if not origin or not host:
        return False
    if origin in {trusted.lower() for trusted in settings.CSRF_TRUSTED_ORIGINS}:
        return True
    domain, _ = split_domain_port(host)
    if not domain or not validate_host(domain, settings.ALLOWED_HOSTS):
        return False
    scheme = "https" if scope.get("scheme") == "wss" else "http"
    return origin == f"{scheme}://{host}"
