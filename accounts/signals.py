"""Sign-ins, sign-outs and password changes, from Django's and allauth's signals, into the audit trail;
and a saved password change or deactivation revokes the account's API tokens.

Connected in AccountsConfig.ready().
"""

from allauth.account import signals as allauth_signals
from django.contrib.auth import signals as auth_signals
from django.db.models.signals import post_save

from accounts.audit import Action, audit_context, audit_record
from accounts.models import User
from accounts.services import user_tokens_revoke


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


def revoke_tokens_on_login_change(sender, instance: User, created: bool, raw: bool = False, **kwargs) -> None:
    """A new password or a deactivation ends every API token of the account at once.

    On the save rather than on allauth's password_changed and password_reset: that way a password set
    in the admin or by `manage.py changepassword`, and a deactivation in the admin, count too.
    set_password() keeps the new password in _password until save() has sent this signal; a hash
    upgraded at login clears it first, so that is no change. (user_deactivate's update() sends none.)
    """
    if created or raw:
        return
    if getattr(instance, "_password", None) is not None or not instance.is_active:
        user_tokens_revoke(user=instance)


def connect() -> None:
    auth_signals.user_logged_in.connect(logged_in, dispatch_uid="accounts.audit.logged_in")
    auth_signals.user_logged_out.connect(logged_out, dispatch_uid="accounts.audit.logged_out")
    auth_signals.user_login_failed.connect(login_failed, dispatch_uid="accounts.audit.login_failed")
    allauth_signals.password_changed.connect(password_changed, dispatch_uid="accounts.audit.password_changed")
    allauth_signals.password_reset.connect(password_reset, dispatch_uid="accounts.audit.password_reset")
    post_save.connect(revoke_tokens_on_login_change, sender=User, dispatch_uid="accounts.tokens.login_change")
