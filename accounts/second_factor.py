"""The second factor where allauth's own login pages don't ask for it: the API's token login.

A person who turned on two-factor authentication must give a code from their authenticator app
(or an unused recovery code) wherever they log in with their password, or the password alone
would still open their records through the API.
"""

from allauth.mfa.base.forms import BaseAuthenticateForm
from allauth.mfa.utils import is_mfa_enabled

from accounts.models import User
from healthassistant.errors import ApplicationError


class SecondFactorRefused(ApplicationError):
    http_status = 401


def second_factor_check(*, user: User, code: str | None) -> None:
    """Nothing if the user has no second factor or the code is right; SecondFactorRefused otherwise.

    Wrong codes count against allauth's limit on failed logins, per account, as on the login page.
    """
    if not is_mfa_enabled(user):
        return
    if not code:
        raise SecondFactorRefused(
            "This account uses two-factor authentication: send `code` as well, from your authenticator app"
            " (or one of your recovery codes).",
            code="second_factor_required",
        )
    form = BaseAuthenticateForm(data={"code": code}, user=user)
    if form.is_valid():
        # Not allauth's post_authentication, which records the factor in the session: the API has none.
        form.authenticator.record_usage()
        return
    if any(error.code == "too_many_login_attempts" for error in form.errors.as_data().get("code", [])):
        raise SecondFactorRefused(
            "Too many wrong codes for this account. Wait a few minutes and try again.",
            code="throttled",
            http_status=429,
        )
    raise SecondFactorRefused(
        "This code is wrong or was already used. Send the current code from your authenticator app,"
        " or an unused recovery code.",
        code="second_factor_wrong",
    )
