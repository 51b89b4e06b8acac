"""Sign-ins, sign-outs and password changes, from Django's and allauth's signals, into the audit trail.

Connected in AccountsConfig.ready().
"""

from allauth.account import signals as allauth_signals
from django.contrib.auth import signals as auth_signals

from accounts.audit import Action, audit_context, audit_record
from accounts.models import User


def logged_in(sender, request, user, **kwargs) -> None:
    audit_record(actor=user, action=Action.LOGIN, target=user.pk, context=audit_context(request))


def logged_out(sender, request, user, **kwargs) -> None:
    # Nothing to record for an account just deleted: its trail went with it.
    if user is not None and user.pk is not None:
        audit_record(actor=user, action=Action.LOGOUT, target=user.pk, context=audit_context(request))


def login_failed(sender, credentials, request=None, **kwargs) -> None:
    """Recorded against the account the typed email names, if any: the email itself is never kept."""
    email = credentials.get("email") or credentials.get("username") or ""
    user = User.objects.filter(email__iexact=email).first() if email else None
    if user is not None:
        audit_record(actor=user, action=Action.LOGIN_FAILED, target=user.pk, context=audit_context(request))


def password_changed(sender, request, user, **kwargs) -> None:
    audit_record(actor=user, action=Action.PASSWORD_CHANGED, target=user.pk, context=audit_context(request))


def password_reset(sender, request, user, **kwargs) -> None:
    audit_record(actor=user, action=Action.PASSWORD_RESET, target=user.pk, context=audit_context(request))


def connect() -> None:
    auth_signals.user_logged_in.connect(logged_in, dispatch_uid="accounts.audit.logged_in")
    auth_signals.user_logged_out.connect(logged_out, dispatch_uid="accounts.audit.logged_out")
    auth_signals.user_login_failed.connect(login_failed, dispatch_uid="accounts.audit.login_failed")
    allauth_signals.password_changed.connect(password_changed, dispatch_uid="accounts.audit.password_changed")
    allauth_signals.password_reset.connect(password_reset, dispatch_uid="accounts.audit.password_reset")
