"""Sealing and opening values with the configured keys (Fernet: AES-128-CBC with HMAC-SHA256).

Text columns hold the token as ASCII; files hold its raw bytes, a third smaller than
base64. A token carries the time it was sealed in clear, which reveals no more than
the rows' own timestamps.
"""

import base64
import functools

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

# Every Fernet token starts with the version byte 0x80 and a 64-bit timestamp whose high bytes are
# zero for thousands of years: "gAAAAA" in base64. Stored text without it was never sealed.
_TOKEN_PREFIX = "gAAAAA"  # noqa: S105 (a format marker, not a secret)
# Version, timestamp, IV, one AES block and the HMAC: the shortest token there is, in base64.
_MIN_TOKEN_CHARS = 100


class UnreadableValue(Exception):
    """A sealed value that none of the keys in ENCRYPTION_KEYS opens: a key was dropped too early, or replaced."""

    def __init__(self) -> None:
        super().__init__(
            "Stored data was sealed with a key that is not in ENCRYPTION_KEYS. Put the old key back at the end "
            "of ENCRYPTION_KEYS, then run `manage.py rotate_encryption_keys` before dropping it."
        )


@functools.cache
def _keys() -> tuple[MultiFernet, Fernet]:
    fernets = [Fernet(key) for key in settings.ENCRYPTION_KEYS]
    return MultiFernet(fernets), fernets[0]


@receiver(setting_changed)
def _forget_keys(*, setting: str, **kwargs) -> None:
    if setting == "ENCRYPTION_KEYS":
        _keys.cache_clear()


def seal_text(text: str) -> str:
    return _keys()[0].encrypt(text.encode()).decode("ascii")


def open_text(stored: str) -> str:
    """The plain text of a stored value; a value stored before encryption (never sealed) comes back as it is."""
    if not looks_sealed(stored):
        return stored
    return open_bytes_token(stored.encode("ascii")).decode()


def seal_bytes(data: bytes) -> bytes:
    """The sealed file content: the token's raw bytes."""
    return raw_of(_keys()[0].encrypt(data))


def open_bytes(sealed: bytes) -> bytes:
    return open_bytes_token(token_of(sealed))


def raw_of(token: bytes) -> bytes:
    return base64.urlsafe_b64decode(token)


def token_of(raw: bytes) -> bytes:
    return base64.urlsafe_b64encode(raw)


def open_bytes_token(token: bytes) -> bytes:
    try:
        return _keys()[0].decrypt(token)
    except InvalidToken:
        raise UnreadableValue() from None


def looks_sealed(stored: str) -> bool:
    return stored.startswith(_TOKEN_PREFIX) and len(stored) >= _MIN_TOKEN_CHARS


def sealed_under_first_key(token: bytes) -> bool:
    """Whether the first key opens this token: rotation leaves such values alone (the HMAC check fails fast)."""
    try:
        _keys()[1].decrypt(token)
    except InvalidToken:
        return False
    return True


def reseal_token(token: bytes) -> bytes:
    """The same content sealed under the first key; UnreadableValue if no key opens it."""
    try:
        return _keys()[0].rotate(token)
    except InvalidToken:
        raise UnreadableValue() from None
