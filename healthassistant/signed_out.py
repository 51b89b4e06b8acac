"""A background request (HTMX, fetch, XMLHttpRequest) that meets an ended session gets 401, not the login page.

`login_required` answers every request without a session by redirecting to the login page. A browser
follows that redirect inside an XMLHttpRequest, so the login page would be pasted into whatever
fragment asked (the status line, the message list). Here, in one place for every view, such a
redirect becomes a small 401 that says so; static/js/session-expiry.js shows a "signed out" dialog
for it, and the page keeps what was typed. Page loads (navigations) are still redirected.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import resolve_url

SIGNED_OUT_HEADER = "X-Signed-Out"
MESSAGE = "You've been signed out. Sign in to continue."


class SignedOutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if _is_background(request) and _is_login_redirect(response) and not _authenticated(request):
            login_url = resolve_url(settings.LOGIN_URL)
            signed_out = JsonResponse({"error": "signed_out", "message": MESSAGE, "login_url": login_url}, status=401)
            signed_out[SIGNED_OUT_HEADER] = "1"
            # htmx swaps nothing for a 401 on its own; this says so even where a page lets 4xx swap.
            signed_out["HX-Reswap"] = "none"
            return signed_out
        return response


def _is_background(request) -> bool:
    """Asked by a script, not by the person opening a page: HTMX, fetch or XMLHttpRequest."""
    if request.headers.get("HX-Request") == "true" or request.headers.get("X-Requested-With") == "XMLHttpRequest":
        return True
    # Browsers mark what they ask for with fetch or XMLHttpRequest as "cors" or "same-origin".
    return request.headers.get("Sec-Fetch-Mode") in {"cors", "same-origin"}


def _is_login_redirect(response) -> bool:
    if response.status_code != 302:
        return False
    return urlsplit(response.get("Location", "")).path == resolve_url(settings.LOGIN_URL)


def _authenticated(request) -> bool:
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)
