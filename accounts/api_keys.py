"""Personal API keys: making, listing and revoking them, and the check the OpenAI-compatible endpoint (/v1/) makes.

A key works there and nowhere else: the REST API under /api/v1/ takes only its JWTs
(accounts.api.authentication), and the website only its session. A key can ask questions as its
owner; it can't read or change the account, nor make or revoke keys.

A key reads `ha-` and 43 random URL-safe characters (secrets.token_urlsafe(32): 256 bits). The
fixed beginning lets people, and secret scanners in code hosts, recognise a leaked key for what
it is. Only its SHA-256 digest is kept (accounts.models.ApiKey says why a fast hash is right).
"""

import hashlib
import re
import secrets
from datetime import UTC, datetime, timedelta

from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from accounts.audit import NO_CONTEXT, Action, AuditContext, audit_record
from accounts.models import ApiKey, User
from healthassistant.errors import ApplicationError

KEY_PREFIX = "ha-"
_KEY_FORMAT = re.compile(r"ha-[A-Za-z0-9_-]{43}")
# "ha-" and 7 random characters: enough to tell a person's keys apart, and 42 of the 256 bits, so useless alone.
DISPLAY_PREFIX_LENGTH = 10
# Bounds the list (one page in the API) and what one account can pile up; expired keys count until revoked.
API_KEYS_PER_USER = 20
# last_used_at and the audit trail's "API key used" are written at most this often per key: a tool
# sends a request per question and often more, and a write on each would contend with the answers'
# own writes (on SQLite, for the one writer lock) to tell the person nothing they need.
USE_RECORDED_EVERY = timedelta(minutes=1)


class InvalidApiKey(ApplicationError):
    """The key can't be used; `code` says why, for programs: invalid_api_key (unknown, mistyped or revoked),
    expired_api_key, or account_inactive. `message` says it to people. Answer it with a 401."""

    http_status = 401


def api_key_digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def api_key_create(
    *,
    owner: User,
    name: str,
    expires_at: datetime | None = None,
    keep_history: bool = True,
    audit: AuditContext = NO_CONTEXT,
) -> tuple[ApiKey, str]:
    """Makes a key for owner; returns it and the key itself, which is never kept and can't be shown again.

    Forms and serializers check the name and the date first and say what is wrong; here the model's
    own validation is the last guard, for any other caller.
    """
    if expires_at is not None and expires_at <= timezone.now():
        raise ApplicationError(
            "The expiry date has passed: choose a moment in the future, or none for a key that never expires.",
            code="expiry_in_past",
            http_status=400,
        )
    # Two creations at once may both pass this count: the cap is a bound, not an exact number.
    if ApiKey.objects.filter(owner_id=owner.pk).count() >= API_KEYS_PER_USER:
        raise ApplicationError(
            f"You have {API_KEYS_PER_USER} API keys, the most an account can have. Revoke one you no longer use first.",
            code="too_many_api_keys",
            http_status=400,
        )
    raw = KEY_PREFIX + secrets.token_urlsafe(32)
    key = ApiKey(
        owner=owner,
        name=name.strip(),
        prefix=raw[:DISPLAY_PREFIX_LENGTH],
        digest=api_key_digest(raw),
        expires_at=expires_at,
        keep_history=keep_history,
    )
    key.full_clean(exclude=["owner"], validate_unique=False)
    key.save()
    audit_record(actor=owner, action=Action.API_KEY_CREATED, target=key.pk, context=audit)
    return key, raw


@transaction.atomic
def api_key_revoke(*, api_key: ApiKey, audit: AuditContext = NO_CONTEXT) -> None:
    """The key stops working at once and leaves the owner's list: its row, digest included, is deleted.

    The audit trail keeps its id, so its creation, uses and revocation still read as one key's story.
    """
    key_id = api_key.pk
    owner = api_key.owner
    api_key.delete()
    audit_record(actor=owner, action=Action.API_KEY_REVOKED, target=key_id, context=audit)


def api_keys_for_user(*, user: User) -> QuerySet[ApiKey]:
    """The user's keys, newest first; expired ones too (ApiKey.is_expired), until revoked."""
    return ApiKey.objects.filter(owner_id=user.pk)


def api_key_get_for_user(*, user: User, key_id: int | str) -> ApiKey:
    """The user's own key, or Http404: other people's keys do not exist for them."""
    try:
        return api_keys_for_user(user=user).select_related("owner").get(pk=int(key_id))
    except (ApiKey.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404("No such API key.") from None


def api_key_authenticate(raw: str, *, audit: AuditContext = NO_CONTEXT) -> ApiKey:
    """The key, with its owner loaded (key.owner, key.keep_history), if it may be used now; else InvalidApiKey.

    raw is the key as sent (the part after "Bearer "). Synchronous: async callers wrap it in
    sync_to_async. Records the use (last_used_at, and "API key used" in the owner's audit trail, with
    where it came from) at most once a minute per key; the trail holds the key's id, never the key.
    """
    if not raw:
        raise InvalidApiKey(
            "No API key: send it as `Authorization: Bearer <key>`. Make one on your Account page, under API keys.",
            code="invalid_api_key",
        )
    # Anything not shaped like a key is refused without a query; a lookup by digest gives away no timing
    # about the key itself.
    key = None
    if _KEY_FORMAT.fullmatch(raw):
        key = ApiKey.objects.select_related("owner").filter(digest=api_key_digest(raw)).first()
    if key is None:
        raise InvalidApiKey(
            "This API key is not valid: it may be mistyped or revoked. Make a new one on your Account page,"
            " under API keys.",
            code="invalid_api_key",
        )
    if not key.owner.is_active:
        raise InvalidApiKey("The account this API key belongs to is deactivated.", code="account_inactive")
    if key.is_expired:
        expired = f"{key.expires_at.astimezone(UTC):%Y-%m-%d %H:%M} UTC"
        raise InvalidApiKey(
            f"This API key expired on {expired}. Make a new one on your Account page, under API keys.",
            code="expired_api_key",
        )
    _record_use(key, audit)
    return key


@transaction.atomic
def _record_use(key: ApiKey, audit: AuditContext) -> None:
    now = timezone.now()
    # One conditional update: of many requests at once, exactly one records the minute's use.
    stale = Q(last_used_at__isnull=True) | Q(last_used_at__lte=now - USE_RECORDED_EVERY)
    if ApiKey.objects.filter(stale, pk=key.pk).update(last_used_at=now):
        key.last_used_at = now
        audit_record(actor=key.owner, action=Action.API_KEY_USED, target=key.pk, context=audit)
