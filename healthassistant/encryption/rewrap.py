"""Re-sealing what is stored under the first key: rotation, and the migration of data stored before encryption.

Each value is read, re-sealed if the first key did not seal it (or if it was never
sealed), and written back only if it is still what was read: a compare-and-swap, so a
row the app changes meanwhile keeps the app's newer value, which the first key sealed
anyway. Values already under the first key are skipped, so a run that stops part-way
resumes where it stopped, and running it while the app serves is safe.
"""

import logging
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from django.db import connection
from django.db.models import Model, QuerySet, TextField, Value
from django.db.models.functions import Cast

from healthassistant.encryption import cipher
from healthassistant.encryption.fields import EncryptedTextField

logger = logging.getLogger(__name__)

BATCH_SIZE = 500
# Sealed file content is a Fernet token's raw bytes: version 0x80, then a timestamp whose high bytes are zero.
_SEALED_FILE_PREFIX = b"\x80\x00\x00\x00"


@dataclass(frozen=True)
class SealedColumn:
    model: type[Model]
    field: str

    def __str__(self) -> str:
        return f"{self.model._meta.label}.{self.field}"


def sealed_columns(models: Iterable[type[Model]]) -> list[SealedColumn]:
    """Every encrypted column of these models (current ones, or a migration's historical ones)."""
    return [
        SealedColumn(model=model, field=field.name)
        for model in models
        for field in model._meta.local_fields
        if isinstance(field, EncryptedTextField)
    ]


def reseal_column(column: SealedColumn, *, batch_size: int = BATCH_SIZE) -> int:
    """Re-seal one column's values under the first key; the number of values changed."""
    changed = 0
    for pk, stored in _rows(column, batch_size=batch_size):
        if stored is None:
            continue
        if not cipher.looks_sealed(stored):
            new = cipher.seal_text(stored)
        elif cipher.sealed_under_first_key(stored.encode("ascii")):
            continue
        else:
            new = cipher.reseal_token(stored.encode("ascii")).decode("ascii")
        changed += _swap(column, pk=pk, old=stored, new=new)
    return changed


def reseal_file(path: Path, *, still_wanted: Callable[[], bool]) -> bool:
    """Re-seal one stored file under the first key, atomically; whether it changed.

    `still_wanted` is asked after the new file is in place: if its upload was deleted
    meanwhile, the file it would otherwise bring back is removed.
    """
    try:
        content = path.read_bytes()
    except FileNotFoundError:
        return False
    if not looks_sealed_file(content):
        new = cipher.seal_bytes(content)
    elif cipher.sealed_under_first_key(cipher.token_of(content)):
        return False
    else:
        new = cipher.raw_of(cipher.reseal_token(cipher.token_of(content)))
    _replace(path, new)
    if not still_wanted():
        path.unlink(missing_ok=True)
        return False
    return True


def unseal_column(column: SealedColumn, *, batch_size: int = BATCH_SIZE) -> int:
    """Back to plain text: only for reversing the migration that sealed the column."""
    changed = 0
    for pk, stored in _rows(column, batch_size=batch_size):
        if stored is not None and cipher.looks_sealed(stored):
            changed += _swap(column, pk=pk, old=stored, new=cipher.open_text(stored))
    return changed


def unseal_file(path: Path) -> bool:
    """Back to plain bytes: only for reversing the migration that sealed the files."""
    try:
        content = path.read_bytes()
    except FileNotFoundError:
        return False
    if not looks_sealed_file(content):
        return False
    _replace(path, cipher.open_bytes(content))
    return True


def forget_plain_pages(tables: Iterable[str]) -> None:
    """Make the database rewrite its files, so the plain text of rows sealed since is not left in free pages.

    SQLite keeps a deleted or overwritten row's bytes in free pages and in its WAL (`strings db.sqlite3`
    would still show them); PostgreSQL keeps old row versions until a table is rewritten. Only for the
    one-off migration: VACUUM FULL locks the tables while it runs.
    """
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            cursor.execute("VACUUM")
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        elif connection.vendor == "postgresql":
            for table in tables:
                cursor.execute(f"VACUUM FULL {connection.ops.quote_name(table)}")


def looks_sealed_file(content: bytes) -> bool:
    # 57 bytes of version, timestamp, IV and HMAC around whole AES blocks. No accepted upload type (PDF,
    # PNG, JPEG, WebP, DICOM) starts with 0x80 0 0 0, so a plain file is never mistaken for a sealed one.
    return content.startswith(_SEALED_FILE_PREFIX) and len(content) >= 73 and (len(content) - 57) % 16 == 0


def _raw(column: SealedColumn) -> QuerySet:
    # Read through a plain text cast, so that the field doesn't open what it reads: the stored token itself.
    return column.model._base_manager.annotate(stored=Cast(column.field, output_field=TextField()))


def _rows(column: SealedColumn, *, batch_size: int) -> Iterator[tuple[object, str | None]]:
    rows = _raw(column).order_by("pk").values_list("pk", "stored")
    last = None
    while True:
        batch = list((rows if last is None else rows.filter(pk__gt=last))[:batch_size])
        yield from batch
        if len(batch) < batch_size:
            return
        last = batch[-1][0]


def _swap(column: SealedColumn, *, pk: object, old: str, new: str) -> int:
    """Store `new` as it is, if the value is still `old`."""
    return _raw(column).filter(pk=pk, stored=old).update(**{column.field: Value(new, output_field=TextField())})


def _replace(path: Path, content: bytes) -> None:
    descriptor, name = tempfile.mkstemp(dir=path.parent, prefix=".reseal-", suffix=".part")
    try:
        with os.fdopen(descriptor, "wb") as out:
            out.write(content)
        os.replace(name, path)
    finally:
        Path(name).unlink(missing_ok=True)
