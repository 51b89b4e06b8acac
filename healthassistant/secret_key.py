"""The development secret key: generated once and kept in the data directory.

Keeping it on disk means sessions survive a restart of `make run`; generating it
means nobody ships a well-known key. Production must set SECRET_KEY itself.
"""

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.core.management.utils import get_random_secret_key


def development_secret_key(data_dir: Path) -> str:
    path = data_dir / "secret_key"
    if path.exists():
        return path.read_text().strip()
    data_dir.mkdir(parents=True, exist_ok=True)
    key = get_random_secret_key()
    path.write_text(key)
    path.chmod(0o600)
    return key


def resolve_secret_key(*, configured: str, debug: bool, data_dir: Path) -> str:
    if configured:
        return configured
    if not debug:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. With DEBUG off the app refuses to start without one: "
            "set SECRET_KEY to a long random string (for example the output of "
            "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`)."
        )
    return development_secret_key(data_dir)
