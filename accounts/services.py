from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from rest_framework_simplejwt.settings import api_settings
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken, OutstandingToken
from rest_framework_simplejwt.utils import datetime_from_epoch

from accounts.audit import NO_CONTEXT, Action, AuditContext, audit_record
from accounts.models import User
from accounts.tokens import AUTH_TIME_CLAIM, LoginEnded, RefreshToken, token_user
from healthassistant.errors import ApplicationError


@dataclass(frozen=True)
class AccountDeletion:
    """What went with an account, to tell its owner."""

    chats: int
    messages: int
    files: int


@dataclass(frozen=True)
class TokenPair:
    access: str
    refresh: str


@transaction.atomic
def user_deactivate(*, users: Iterable[User]) -> int:
    """Deactivate accounts without deleting their history, and revoke their API tokens; returns how many changed."""
    ids = [user.pk for user in users]
    changed = User.objects.filter(pk__in=ids, is_active=True).update(is_active=False)
    # An update() sends no post_save, so accounts.signals can't see this deactivation.
    _tokens_revoke(user_ids=ids)
    return changed


def user_tokens_revoke(*, user: User) -> None:
    """Every API token of the account stops working at once: access tokens too, not only refresh tokens.

    On a password change or reset, a deactivation, or a refresh token used twice (accounts.signals,
    refresh_token_rotate); the user's sessions on the website are not this function's business.
    """
    _tokens_revoke(user_ids=[user.pk])
    # The caller may save this instance again: it must not write the old version back.
    user.refresh_from_db(fields=["token_version"])


@transaction.atomic
def _tokens_revoke(*, user_ids: list[int]) -> None:
    # F(): two revocations at once both count. The new version fails every token made before (accounts.tokens).
    User.objects.filter(pk__in=user_ids).update(token_version=models.F("token_version") + 1)
    unused = OutstandingToken.objects.filter(
        user_id__in=user_ids, expires_at__gt=timezone.now(), blacklistedtoken__isnull=True
    )
    BlacklistedToken.objects.bulk_create([BlacklistedToken(token=token) for token in unused], ignore_conflicts=True)


def refresh_token_rotate(*, token: RefreshToken, audit: AuditContext = NO_CONTEXT) -> TokenPair:
    """Trades a refresh token for a new pair, once: of concurrent trades of one token, exactly one succeeds.

    The database decides which, by the unique constraint of BlacklistedToken.token: the first use
    creates the token's row, any other fails to. A refresh token used twice has been copied, by a
    thief or a buggy script, so every token of the account is revoked and both must log in again.
    The new refresh token belongs to the same login: it expires when the login does.
    """
    user = token_user(token)
    with transaction.atomic():
        first_use = _use_up(token, user)
        if first_use:
            refresh = RefreshToken.for_login(user, auth_time=token.get(AUTH_TIME_CLAIM, token["iat"]))
            audit_record(actor=user, action=Action.TOKEN_REFRESHED, target=user.pk, context=audit)
    if not first_use:
        # Committed before the error is answered: the revocation must stand.
        user_tokens_revoke(user=user)
        audit_record(actor=user, action=Action.TOKEN_REVOKED, target=user.pk, context=audit)
        raise LoginEnded(
            "This refresh token was already used, so every token of this account was revoked in case it was stolen.",
            code="token_reused",
        )
    return TokenPair(access=str(refresh.access_token), refresh=str(refresh))


def _use_up(token: RefreshToken, user: User) -> bool:
    """Blacklists the token; False if it already was: used, logged out, or being used right now by another request."""
    outstanding, _ = OutstandingToken.objects.get_or_create(
        jti=token[api_settings.JTI_CLAIM],
        defaults={
            "user": user,
            "token": str(token),
            "created_at": datetime_from_epoch(token["iat"]),
            "expires_at": datetime_from_epoch(token["exp"]),
        },
    )
    try:
        # A savepoint: on PostgreSQL the failed insert would otherwise break the whole transaction.
        # There a concurrent insert of the same token waits for the first to commit, then fails.
        with transaction.atomic():
            BlacklistedToken.objects.create(token=outstanding)
    except IntegrityError:
        return False
    return True


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
    _tokens_revoke(user_ids=[user.pk])
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


def user_country_set(*, user: User, country: str) -> None:
    """Where the person is, so the emergency panel gives that country's numbers; "" is "not chosen"."""
    user.country = country
    user.save(update_fields=["country"])
