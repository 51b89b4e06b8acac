"""Where upload files live under MEDIA_ROOT, and how they get there and go away.

Layout: users/{user_id}/{timestamp}_{upload uuid}.{ext} for the original, and beside
it .preview.jpg and .model-{n}.png for what was derived. Files are written to
MEDIA_ROOT/tmp first and moved into place with os.replace, so a reader never sees
half a file; deletion waits for the database commit, so a rolled-back delete keeps
its files.
"""

import functools
import hashlib
import logging
import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from uuid import UUID

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from PIL.Image import Image

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
class TemporaryCopy:
    path: Path
    size: int
    sha256: str
    head: bytes


@contextmanager
def temporary_copy(*, file: UploadedFile, max_bytes: int, head_bytes: int) -> Iterator[TemporaryCopy]:
    """Copy an upload to a private temporary file, hashing it; removed on exit unless moved away.

    Copying stops one byte past max_bytes: the caller sees size > max_bytes and refuses.
    """
    directory = _private_dir(temp_root())
    descriptor, name = tempfile.mkstemp(dir=directory, suffix=".part")
    path = Path(name)
    try:
        digest = hashlib.sha256()
        size = 0
        head = b""
        with os.fdopen(descriptor, "wb") as out:
            file.seek(0)
            for chunk in file.chunks():
                chunk = chunk[: max_bytes + 1 - size]
                size += len(chunk)
                digest.update(chunk)
                if len(head) < head_bytes:
                    head += chunk[: head_bytes - len(head)]
                out.write(chunk)
                if size > max_bytes:
                    break
        yield TemporaryCopy(path=path, size=size, sha256=digest.hexdigest(), head=head)
    finally:
        path.unlink(missing_ok=True)


def move_into_place(*, source: Path, relative: str) -> None:
    target = absolute_path(relative)
    _private_dir(target.parent)
    try:
        os.replace(source, target)
    except FileNotFoundError:
        # A deletion elsewhere removed the (then empty) user folder in between.
        _private_dir(target.parent)
        os.replace(source, target)


def save_image(*, image: Image, relative: str, format: str, **params) -> None:
    """Write a derived image atomically: to a temporary file, then into place."""
    descriptor, name = tempfile.mkstemp(dir=_private_dir(temp_root()), suffix=".part")
    try:
        with os.fdopen(descriptor, "wb") as out:
            image.save(out, format=format, **params)
        move_into_place(source=Path(name), relative=relative)
    finally:
        Path(name).unlink(missing_ok=True)


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
