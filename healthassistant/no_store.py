"""`Cache-Control: no-store` on every reply that may hold someone's health data.

A page shown to a logged-in person, and every API reply (tokens, chats, files), must not be
kept by a shared proxy or left in the browser's disk cache for the next user of the computer.
Static files (served by WhiteNoise before this runs) and the login page stay cacheable.
"""

from django.utils.cache import add_never_cache_headers
from django.utils.deprecation import MiddlewareMixin

API_PREFIX = "/api/"


class NoStoreMiddleware(MiddlewareMixin):
    def process_response(self, request, response):
        already = "no-store" in response.get("Cache-Control", "")
        if not already and (request.path_info.startswith(API_PREFIX) or _authenticated(request)):
            # A reply's own "no-cache" (SSE) becomes stricter, never looser.
            add_never_cache_headers(response)
        return response


def _authenticated(request) -> bool:
    # DRF sets request.user on the Django request too; a request that never reached authentication has none.
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)
