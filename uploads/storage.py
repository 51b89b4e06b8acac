"""Where upload files live under MEDIA_ROOT, and how they get there and go away.

Layout: users/{user_id}/{timestamp}_{upload uuid}.{ext} for the original, and beside
it .preview.jpg and .model-{n}.png for what was derived. Every file is sealed with the
encryption keys (healthassistant.encryption) and opened only in memory. Files are
written to MEDIA_ROOT/tmp first and moved into place with os.replace, so a reader never
sees half a file; deletion waits for the database commit, so a rolled-back delete keeps
its files.
"""

import functools
import hashlib
import io
import logging
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from uuid import UUID

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from PIL.Image import Image

from healthassistant.encryption import cipher, rewrap

logger = logging.getLogger(__name__)

USERS_DIR = "users"
TEMP_DIR = "tmp"


def media_root() -> Path:
    return Path(settings.MEDIA_ROOT).resolve()


def users_root() -> Path:
    return media_root() / USERS_DIR


def temp_root() -> Path:
    return media_root() / TEMP_DIR


def absolute_path(relative: str) -> Path:
    """The file a stored path names; ValueError for anything outside MEDIA_ROOT/users."""
    path = (media_root() / relative).resolve()
    if not path.is_relative_to(users_root()) or path == users_root():
        raise ValueError("Upload paths stay under MEDIA_ROOT/users.")
    return path


@dataclass(frozen=True)
class UploadPaths:
    original: str
    preview: str
    model_images: list[str]


def upload_paths(*, owner_id: int, upload_id: UUID, created: datetime, extension: str, images: int) -> UploadPaths:
    stem = f"{USERS_DIR}/{owner_id}/{created:%Y%m%dT%H%M%S}_{upload_id}"
    return UploadPaths(
        original=f"{stem}.{extension}",
        preview=f"{stem}.preview.jpg",
        model_images=[f"{stem}.model-{number}.png" for number in range(1, images + 1)],
    )


@dataclass(frozen=True)
class ReceivedFile:
    content: bytes
    size: int
    sha256: str


def receive(*, file: UploadedFile, max_bytes: int) -> ReceivedFile:
    """The upload's bytes, in memory and hashed: plain bytes never touch the disk (settings keep uploads in memory).

    Reading stops one byte past max_bytes: the caller sees size > max_bytes and refuses.
    """
    digest = hashlib.sha256()
    chunks = []
    size = 0
    file.seek(0)
    for chunk in file.chunks():
        chunk = chunk[: max_bytes + 1 - size]
        size += len(chunk)
        digest.update(chunk)
        chunks.append(chunk)
        if size > max_bytes:
            break
    return ReceivedFile(content=b"".join(chunks), size=size, sha256=digest.hexdigest())


def write_sealed(*, content: bytes, relative: str) -> None:
    """Seal the content and write it atomically: to a temporary file, then into place."""
    descriptor, name = tempfile.mkstemp(dir=_private_dir(temp_root()), suffix=".part")
    try:
        with os.fdopen(descriptor, "wb") as out:
            out.write(cipher.seal_bytes(content))
        _move_into_place(source=Path(name), relative=relative)
    finally:
        Path(name).unlink(missing_ok=True)


def save_image(*, image: Image, relative: str, format: str, **params) -> None:
    """Write a derived image, sealed, atomically."""
    buffer = io.BytesIO()
    image.save(buffer, format=format, **params)
    write_sealed(content=buffer.getvalue(), relative=relative)


def read_file(relative: str) -> bytes:
    """A stored file's plain bytes, opened in memory; OSError if it is gone, ValueError for a path outside users/.

    A file stored before encryption (the migration seals those) is returned as it is.
    """
    content = absolute_path(relative).read_bytes()
    if rewrap.looks_sealed_file(content):
        return cipher.open_bytes(content)
    return content


def _move_into_place(*, source: Path, relative: str) -> None:
    target = absolute_path(relative)
    _private_dir(target.parent)
    try:
        os.replace(source, target)
    except FileNotFoundError:
        # A deletion elsewhere removed the (then empty) user folder in between.
        _private_dir(target.parent)
        os.replace(source, target)


def delete_files(*, paths: Iterable[str]) -> None:
    """Remove these stored files (missing ones are fine), and user folders left empty."""
    for relative in paths:
        try:
            path = absolute_path(relative)
            path.unlink(missing_ok=True)
        except (OSError, ValueError) as exc:
            logger.error("could not delete upload file path=%s error=%s", relative, type(exc).__name__)
            continue
        _remove_empty_parents(path.parent)


def delete_files_on_commit(*, paths: Iterable[str]) -> None:
    """Delete the files once the surrounding transaction commits (at once outside one); never on rollback."""
    transaction.on_commit(functools.partial(delete_files, paths=tuple(paths)), robust=True)


def _private_dir(path: Path) -> Path:
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def _remove_empty_parents(directory: Path) -> None:
    root = users_root()
    while directory != root and directory.is_relative_to(root):
        try:
            directory.rmdir()
        except OSError:  # not empty, or already gone
            return
        directory = directory.parent
