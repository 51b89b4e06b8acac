"""What encryption at rest costs a person with a long history: pages, sidebar, search and export.

Two people get the same history, 10,000 messages in 200 chats and 100 MB of files: one
stored as the app stores it (sealed), one stored plain, as before encryption. Their pages
are requested through Django's own test client, alternately, in one run, and the medians
compared. Export is timed for the sealed person, with its peak Python memory (tracemalloc,
which sees every bytes object the export makes), and again at the 500 MB quota to show
that memory follows the largest file, not the account.

The database is a throwaway one (Django's test database machinery) on the configured
engine, and MEDIA_ROOT a temporary folder: nothing of the real install is touched.
"""

import contextlib
import os
import statistics
import time
import tracemalloc
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.db.models import Q, TextField
from django.db.models.functions import Cast
from django.test import Client
from django.urls import reverse

from accounts.models import User
from chat.export import export_stream
from chat.models import ChatSession, Message
from healthassistant.encryption import cipher
from healthassistant.throwaway_install import throwaway_install
from uploads import storage
from uploads.models import Upload

WORDS = [
    "haemoglobin",
    "ferritin",
    "cholesterol",
    "glucose",
    "thyroid",
    "blood",
    "pressure",
    "results",
    "normal",
    "range",
    "doctor",
    "question",
    "answer",
    "report",
    "value",
    "units",
    "increase",
    "decrease",
    "follow-up",
    "test",
    "sample",
    "week",
    "month",
]


@dataclass(frozen=True)
class Shape:
    chats: int = 200
    messages: int = 10_000
    files_mb: int = 100
    file_mb: int = 2
    repeats: int = 15


def run(shape: Shape, *, quota_export_mb: int = 500) -> dict:
    with throwaway_install(prefix="bench-privacy-"):
        sealed = _person("sealed@example.org", shape)
        with plain_storage():
            plain = _person("plain@example.org", shape)
        figures = _pages(sealed, plain, shape.repeats)
        figures |= _search(sealed, plain, shape.repeats)
        figures |= {f"export_{name}": value for name, value in _export(sealed).items()}
        with plain_storage():
            figures["export_plain_seconds"] = _export(plain)["seconds"]
        figures["export_ratio"] = figures["export_seconds"] / figures["export_plain_seconds"]
        if quota_export_mb:
            big = _person("quota@example.org", Shape(chats=1, messages=2, files_mb=quota_export_mb))
            figures |= {f"export_{quota_export_mb}mb_{name}": value for name, value in _export(big).items()}
    return figures


@contextlib.contextmanager
def plain_storage() -> Iterator[None]:
    """Store and read as before encryption: the baseline, in this benchmark only."""
    originals = {name: getattr(cipher, name) for name in ("seal_text", "open_text", "seal_bytes")}
    cipher.seal_text = cipher.open_text = cipher.seal_bytes = lambda value: value
    try:
        yield
    finally:
        for name, function in originals.items():
            setattr(cipher, name, function)


def _person(email: str, shape: Shape) -> User:
    user = User.objects.create_user(email=email)  # signed in with force_login: no password needed
    chats = ChatSession.objects.bulk_create(
        ChatSession(owner=user, title=f"{WORDS[n % len(WORDS)]} check {n}") for n in range(shape.chats)
    )
    per_chat = shape.messages // shape.chats
    messages = []
    for number in range(shape.messages):
        chat = chats[min(number // per_chat, len(chats) - 1)]
        role = Message.Role.USER if number % 2 == 0 else Message.Role.ASSISTANT
        messages.append(Message(session=chat, role=role, content=_text(number, long=role == Message.Role.ASSISTANT)))
    # One rare word, in the oldest chat only: search must read everything to find it.
    messages[0].content += " My ferritin-transferrin ratio?"
    Message.objects.bulk_create(messages, batch_size=1000)
    _files(user, shape)
    return user


def _text(number: int, *, long: bool) -> str:
    words = [WORDS[(number * 7 + k * 3) % len(WORDS)] for k in range(120 if long else 25)]
    return f"{number}: " + " ".join(words) + "."


def _files(user: User, shape: Shape) -> None:
    for number in range(shape.files_mb // shape.file_mb):
        upload_id = f"00000000-0000-0000-0000-{user.pk:04d}{number:08d}"
        paths = storage.upload_paths(
            owner_id=user.pk, upload_id=upload_id, created=user.date_joined, extension="pdf", images=0
        )
        content = b"%PDF-1.7\n" + os.urandom(shape.file_mb * 1024 * 1024)
        storage.write_sealed(content=content, relative=paths.original)
        Upload.objects.create(
            id=upload_id,
            owner=user,
            original_name=f"report {number}.pdf",
            stored_path=paths.original,
            kind=Upload.Kind.PDF,
            content_type="application/pdf",
            size=len(content),
            sha256="0" * 64,
            extracted_text="Haemoglobin 13.1 g/dL (12.0-16.0)",
        )


def _pages(sealed: User, plain: User, repeats: int) -> dict:
    figures = {}
    pages = {
        "chat_page": lambda user: reverse("chat:session-detail", args=[_newest_chat(user)]),
        "sidebar": lambda _: reverse("chat:sidebar"),
    }
    for name, url in pages.items():
        times = _alternating(sealed, plain, url, repeats)
        figures |= _compare(name, times)
    return figures


def _search(sealed: User, plain: User, repeats: int) -> dict:
    url = lambda _: reverse("chat:sidebar") + "?q=transferrin"  # noqa: E731
    times = _alternating(sealed, plain, url, repeats, check=lambda html: "check 0" in html)
    figures = _compare("search", times)
    # Before encryption the database matched titles and messages itself (LIKE); that is the plain baseline too.
    database = [_timed(lambda: _database_search(plain, "transferrin")) for _ in range(repeats)]
    figures["search_database_like_ms"] = statistics.median(database) * 1000
    figures["search_vs_database_like"] = figures["search_sealed_ms"] / figures["search_database_like_ms"]
    return figures


def _database_search(user: User, query: str) -> list:
    def raw(name: str) -> Cast:
        return Cast(name, output_field=TextField())

    matching = Message.objects.alias(text=raw("content")).filter(session__owner=user, text__icontains=query)
    chats = ChatSession.objects.alias(name=raw("title")).filter(owner=user, archived=False)
    found = chats.filter(Q(name__icontains=query) | Q(pk__in=matching.values("session_id")))
    return list(found.order_by("-pinned", "-updated_at")[:50].values_list("pk", flat=True))


def _alternating(sealed, plain, url, repeats, check: Callable[[str], bool] = lambda html: True) -> dict:
    clients = {"sealed": _client(sealed), "plain": _client(plain)}
    times = {"sealed": [], "plain": []}
    # The first round warms templates, URL caches and connections for both, and is not counted.
    for round_number in range(repeats + 1):
        for name, user in (("sealed", sealed), ("plain", plain)):
            storage_context = plain_storage() if name == "plain" else contextlib.nullcontext()
            with storage_context:
                path = url(user)
                start = time.perf_counter()
                response = clients[name].get(path)
                times[name].append(time.perf_counter() - start)
            if response.status_code != 200 or not check(response.content.decode()):
                raise RuntimeError(f"{path} answered {response.status_code} for the {name} person")
        if round_number == 0:
            times = {"sealed": [], "plain": []}
    return times


def _compare(name: str, times: dict) -> dict:
    sealed, plain = (statistics.median(times[key]) * 1000 for key in ("sealed", "plain"))
    return {f"{name}_sealed_ms": sealed, f"{name}_plain_ms": plain, f"{name}_ratio": sealed / plain}


def _export(user: User) -> dict:
    """Time one export, then measure another's peak memory: tracemalloc slows Python too much to time under it."""
    # The same stream the Account page and the API send.
    start = time.perf_counter()
    size = sum(len(chunk) for chunk in export_stream(user=user))
    seconds = time.perf_counter() - start
    tracemalloc.start()
    for _ in export_stream(user=user):
        pass
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {"seconds": seconds, "mb": size / 1e6, "peak_memory_mb": peak / 1e6}


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _newest_chat(user: User):
    return ChatSession.objects.filter(owner=user).order_by("-updated_at").values_list("pk", flat=True).first()


def _timed(function: Callable[[], object]) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start
