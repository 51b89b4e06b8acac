"""The encryption keys: ENCRYPTION_KEYS, checked at start, or a development key kept in DATA_DIR.

Each key is a Fernet key: 32 random bytes in URL-safe base64, as `manage.py
generate_encryption_key` prints one. The first key seals new values; every key opens
them, so an old key stays listed until `rotate_encryption_keys` has re-sealed everything.
"""

import base64
import binascii
from pathlib import Path

from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured

VARIABLE = "ENCRYPTION_KEYS"
DEVELOPMENT_KEY_FILE = "encryption_keys"


def parse_keys(value: str) -> list[str]:
    """The comma-separated keys, each checked; ImproperlyConfigured naming the variable and the key's position."""
    keys = [key.strip() for key in value.split(",") if key.strip()]
    if not keys:
        raise ImproperlyConfigured(f"{VARIABLE} lists no key. {_HOW_TO_MAKE_ONE}")
    for position, key in enumerate(keys, start=1):
        if not _is_fernet_key(key):
            raise ImproperlyConfigured(
                f"{VARIABLE}: key {position} of {len(keys)} is not a valid key (it must be 32 random bytes in "
                f"URL-safe base64, 44 characters). {_HOW_TO_MAKE_ONE}"
            )
    if len(set(keys)) != len(keys):
        raise ImproperlyConfigured(f"{VARIABLE} lists the same key twice. List each key once, the newest first.")
    return keys


def resolve_encryption_keys(*, configured: str, debug: bool, data_dir: Path) -> list[str]:
    if configured:
        return parse_keys(configured)
    if not debug:
        raise ImproperlyConfigured(
            f"{VARIABLE} is not set. With DEBUG off the app refuses to start without it: the database and "
            f"uploaded files are encrypted with it. {_HOW_TO_MAKE_ONE} Keep the key safe and apart from backups "
            "of the data: without it the data can't be read."
        )
    return parse_keys(development_keys(data_dir))


def development_keys(data_dir: Path) -> str:
    """With DEBUG on and no keys set: one key, generated once and kept beside the database, as the secret key is."""
    path = data_dir / DEVELOPMENT_KEY_FILE
    if path.exists():
        return path.read_text().strip()
    data_dir.mkdir(parents=True, exist_ok=True)
    key = new_key()
    path.write_text(key)
    path.chmod(0o600)
    return key


def new_key() -> str:
    return Fernet.generate_key().decode()


def _is_fernet_key(key: str) -> bool:
    try:
        return len(base64.urlsafe_b64decode(key.encode("ascii"))) == 32 and len(key) == 44
    except (binascii.Error, ValueError, UnicodeEncodeError):
        return False


_HOW_TO_MAKE_ONE = "Make a key with `python manage.py generate_encryption_key` and set it."
