"""File names: the user's name is sanitised for display, never used to find or type a file."""

import unicodedata
from pathlib import PurePath
from urllib.parse import quote

MAX_NAME_LENGTH = 255
# Longest suffix kept when a long name is shortened, so "….pdf" stays recognisable.
_MAX_SUFFIX_LENGTH = 10
_FALLBACK_NAME = "upload"


def sanitize_filename(name: str) -> str:
    """A display name: no directories, no control or bidi-override characters, NFC, at most 255 characters."""
    name = unicodedata.normalize("NFC", name or "")
    # Browsers on Windows, and hostile clients, send full paths with either separator.
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    # Category C covers control, format (e.g. U+202E right-to-left override), surrogate,
    # private-use and unassigned characters: none belongs in a name shown to people.
    name = "".join(" " if ch.isspace() else ch for ch in name if ch.isspace() or unicodedata.category(ch)[0] != "C")
    name = " ".join(name.split()).strip(" .")
    if not name:
        return _FALLBACK_NAME
    return _shorten(name, MAX_NAME_LENGTH)


def _shorten(name: str, limit: int) -> str:
    if len(name) <= limit:
        return name
    suffix = PurePath(name).suffix
    if not suffix or len(suffix) > _MAX_SUFFIX_LENGTH:
        return name[:limit].rstrip(" .")
    return name[: limit - len(suffix)].rstrip(" .") + suffix


def download_filename(*, name: str, extension: str, accepted_suffixes: tuple[str, ...]) -> str:
    """The name a download gets: the display name, with the detected type's extension when it lacks one."""
    if PurePath(name).suffix.lower() in accepted_suffixes:
        return name
    return _shorten(f"{name}.{extension}", MAX_NAME_LENGTH)


def content_disposition(*, filename: str, inline: bool) -> str:
    """An RFC 6266 header: an ASCII fallback for old clients and the exact UTF-8 name in filename*."""
    disposition = "inline" if inline else "attachment"
    ascii_name = unicodedata.normalize("NFKD", filename).encode("ascii", "ignore").decode("ascii")
    ascii_name = "".join(ch if ch.isprintable() and ch not in '"\\;%' else "_" for ch in ascii_name).strip()
    ascii_name = ascii_name or _FALLBACK_NAME
    return f"{disposition}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename, safe='')}"
