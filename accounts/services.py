from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.db import models, transaction
from django.utils import timezone
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken, OutstandingToken

from accounts.audit import NO_CONTEXT, Action, AuditContext, audit_record
from accounts.models import User
from healthassistant.errors import ApplicationError


@dataclass(frozen=True)
class AccountDeletion:
    """What went with an account, to tell its owner."""

    chats: int
    messages: int
    files: int


@transaction.atomic
def user_deactivate(*, users: Iterable[User]) -> int:
    """Deactivate accounts without deleting their history; returns how many changed."""
    ids = [user.pk for user in users]
    return User.objects.filter(pk__in=ids, is_active=True).update(is_active=False)


@transaction.atomic
def user_delete(*, user: User, password: str, audit: AuditContext = NO_CONTEXT) -> AccountDeletion:
    """Deletes the account and everything in it, at once, if password is the account's own.

    Chats, messages and uploads go by cascade; their files go when the deletion commits, and
    answers still being written are cancelled then (the uploads' and chat's delete signals).
    Sign-ins on every device end, and every refresh token is blacklisted; access tokens stop
    working with the account, since they name a user that no longer exists.
    """
    if not user.check_password(password):
        raise ApplicationError(
            "That password is not right: enter your current password to delete your account.",
            code="wrong_password",
            http_status=400,
        )
    # Through the reverse relations: accounts sits below chat and uploads and imports neither.
    deleted = AccountDeletion(
        chats=user.chat_sessions.count(),
        messages=user.chat_sessions.aggregate(count=models.Count("messages"))["count"],
        files=user.uploads.count(),
    )
    for token in OutstandingToken.objects.filter(user=user):
        BlacklistedToken.objects.get_or_create(token=token)
    _end_sessions_of(user)
    user_id = user.pk
    # The user's own trail goes with the account; what stays is that an account was deleted, and its old id.
    user.delete()
    audit_record(actor=None, action=Action.ACCOUNT_DELETED, target=user_id, context=audit)
    return deleted


def _end_sessions_of(user: User) -> None:
    """Signs the user out on every device: their rows in the session store go."""
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get(SESSION_KEY) == str(user.pk):
            session.delete()
