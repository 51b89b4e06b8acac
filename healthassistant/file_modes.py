"""Owner-only file modes for everything the app writes: the database, its WAL, keys and uploads.

New files: the process's umask is 077, set before settings write the first file. Files of
an install made before that (a 0644 db.sqlite3 in a 0755 DATA_DIR) are corrected at start.
"""

import logging
import os
import stat
from collections.abc import Iterable
from pathlib import Path

logger = logging.getLogger(__name__)

OWNER_ONLY_UMASK = 0o077
# SQLite writes these beside the database file, with the database file's own mode.
_SQLITE_COMPANIONS = ("-wal", "-shm", "-journal")


def restrict_new_files() -> None:
    os.umask(OWNER_ONLY_UMASK)


def correct_existing(*, directories: Iterable[Path], sqlite_database: Path | None) -> None:
    """Take group and other permissions away from these directories and the SQLite files, where they exist."""
    paths = [*directories]
    if sqlite_database is not None:
        paths += [
            sqlite_database,
            *(sqlite_database.with_name(sqlite_database.name + suffix) for suffix in _SQLITE_COMPANIONS),
        ]
    for path in paths:
        _owner_only(path)


def _owner_only(path: Path) -> None:
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        return
    if mode & 0o077:
        try:
            path.chmod(mode & 0o700)
        except PermissionError:
            # Not ours to change (a shared mount, another owner): say so rather than stop the app.
            logger.warning("could not make owner-only path=%s mode=%o", path, mode)
            return
        logger.info("made owner-only path=%s was=%o", path, mode)
