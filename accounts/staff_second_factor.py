"""Staff reach the admin only with a second factor (allauth's MFA: an authenticator app, plus recovery codes).

The admin's own login form is replaced by allauth's (healthassistant.urls), so a staff login has
allauth's rate limits and, once a factor is set up, asks for its code. A staff member without a
factor is sent to set one up before any admin page: a stolen staff password alone opens nothing.
"""

from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import NoReverseMatch, reverse

SET_UP_MESSAGE = (
    "Staff accounts need two-factor authentication. Set up an authenticator app below, "
    "keep your recovery codes somewhere safe, then open Admin again."
)


class StaffSecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _needs_second_factor(request):
            messages.warning(request, SET_UP_MESSAGE)
            return redirect("mfa_activate_totp")
        return self.get_response(request)


def _needs_second_factor(request) -> bool:
    user = request.user
    return _is_admin(request.path_info) and user.is_authenticated and user.is_staff and not is_mfa_enabled(user)


def _is_admin(path: str) -> bool:
    try:
        return path.startswith(reverse("admin:index"))
    except NoReverseMatch:  # a URLconf without the admin
        return False
