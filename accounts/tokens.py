"""The REST API's JWTs: which claims they carry, and when one no longer works.

Every token names its account's token_version: raising the version (accounts.services.user_tokens_revoke)
revokes every token of the account at once, access tokens included, which a blacklist alone can't do.
Every token also names auth_time, when the login it descends from happened: a refresh token's rotations
carry it on, so that no login outlives REFRESH_TOKEN_LIFETIME (JWT_REFRESH_DAYS) however often it refreshes.
Tokens made before these claims existed count as version 0, logged in when they were issued.
"""

from datetime import datetime

from rest_framework_simplejwt import tokens
from rest_framework_simplejwt.settings import api_settings
from rest_framework_simplejwt.token_blacklist.models import OutstandingToken
from rest_framework_simplejwt.utils import datetime_from_epoch

from accounts.models import User
from healthassistant.errors import ApplicationError

TOKEN_VERSION_CLAIM = "token_version"  # noqa: S105 (a claim's name, not a secret)
AUTH_TIME_CLAIM = "auth_time"


class LoginEnded(ApplicationError):
    """A 401 after which only a new login helps: the message says what happened, then what to do."""

    http_status = 401

    def __init__(self, what_happened: str, *, code: str):
        super().__init__(
            f"{what_happened} Log in again: POST /api/v1/auth/token/ with your email and password.", code=code
        )


class RefreshToken(tokens.RefreshToken):
    """A refresh token with the account's token_version and its login's auth_time (its access tokens copy both)."""

    @classmethod
    def for_user(cls, user: User) -> "RefreshToken":
        return cls.for_login(user)

    @classmethod
    def for_login(cls, user: User, *, auth_time: int | None = None) -> "RefreshToken":
        """A new, outstanding refresh token of user's login at auth_time (now, for a new login).

        It expires when the login does, never later: a rotation doesn't extend the login.
        """
        token = cls()
        token[api_settings.USER_ID_CLAIM] = str(getattr(user, api_settings.USER_ID_FIELD))
        token[TOKEN_VERSION_CLAIM] = user.token_version
        token[AUTH_TIME_CLAIM] = token["iat"] if auth_time is None else auth_time
        token.set_exp(
            from_time=datetime_from_epoch(token[AUTH_TIME_CLAIM]), lifetime=api_settings.REFRESH_TOKEN_LIFETIME
        )
        # Outstanding only now that every claim is in: simplejwt's for_user would store the token without them.
        OutstandingToken.objects.create(
            user=user,
            jti=token[api_settings.JTI_CLAIM],
            token=str(token),
            created_at=token.current_time,
            expires_at=datetime_from_epoch(token["exp"]),
        )
        return token


class UsedOnceRefreshToken(RefreshToken):
    """A refresh token sent to be rotated: signature, type and expiry verified, and the login still current.

    The blacklist is not checked here but by accounts.services.refresh_token_rotate, in the database at
    the moment of use: checking first and blacklisting after is what let one token be used several times,
    and only there can a reused token be told from a revoked one.
    """

    def verify(self) -> None:
        login_check(self)
        tokens.Token.verify(self)


def login_ends_at(token: tokens.Token) -> datetime:
    return datetime_from_epoch(token.get(AUTH_TIME_CLAIM, token["iat"])) + api_settings.REFRESH_TOKEN_LIFETIME


def login_check(token: tokens.Token) -> None:
    """Raises LoginEnded once the login the token descends from is older than REFRESH_TOKEN_LIFETIME."""
    if login_ends_at(token) <= token.current_time:
        raise login_expired()


def login_expired() -> LoginEnded:
    days = api_settings.REFRESH_TOKEN_LIFETIME.days
    return LoginEnded(
        f"This login has ended: a login lasts {days} days, however often its tokens are refreshed.",
        code="login_expired",
    )


def token_user(token: tokens.Token) -> User:
    """The active account the token still works for; LoginEnded if none: revoked since it was made, or too old."""
    user = User.objects.filter(**{api_settings.USER_ID_FIELD: token.get(api_settings.USER_ID_CLAIM)}).first()
    if user is None or not user.is_active:
        raise LoginEnded("The account of this token was deleted or deactivated.", code="no_active_account")
    if token.get(TOKEN_VERSION_CLAIM, 0) != user.token_version:
        raise LoginEnded(
            "This token was revoked: the account's password was changed or reset, the account was deactivated,"
            " or a refresh token was used twice.",
            code="token_revoked",
        )
    login_check(token)
    return user
