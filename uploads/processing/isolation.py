"""Parsing an upload in a child process, with a memory cap and a time limit: a small file can't exhaust the server.

A few kilobytes of PDF, PNG or DICOM can inflate to gigabytes or minutes of work. Each
file is parsed by its own worker process, forked from a multiprocessing "forkserver"
that has already imported the parsers (not Django, not torch): forking the threaded web
process itself is unsafe, and "spawn" would import the parsers again each time. A worker
holds nothing of the web process (no sockets, database connections or keys), gets the
bytes through a pipe (never a file: uploads are on disk only sealed), caps its own
address space (RLIMIT_AS, beyond what its libraries and the file already take) and CPU
time, and sends back the ProcessedFile pickled (PIL images pickle as their pixels). The
web process waits at most the time limit, then kills the worker: nothing keeps burning
CPU after the client has gone.

One worker per file, never reused: killing one can't break another upload's parse, and
a file's memory goes back to the system with its worker. Starting one still costs
something (multiprocessing imports the server's main script in it), so one is kept
started and waiting for the next file.
"""

from __future__ import annotations

import logging
import math
import multiprocessing
import os
import resource
import threading
import time
import traceback
from dataclasses import dataclass
from typing import TYPE_CHECKING

from uploads.errors import UploadRejected
from uploads.processing import process_file
from uploads.processing.derived import megabytes

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

    from uploads.detection import FileType
    from uploads.processing.derived import ProcessedFile
    from uploads.processing.limits import IsolationLimits, ParseLimits

logger = logging.getLogger(__name__)

_START_METHOD = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
_context = multiprocessing.get_context(_START_METHOD)
if _START_METHOD == "forkserver":
    _context.set_forkserver_preload([__name__])

# How long a new worker may take to be ready (the forkserver's first start imports the parsers).
_START_SECONDS = 60
# Seconds the CPU limit allows beyond the wall-clock one: it only matters if the web process
# died and nobody is left to kill the worker.
_CPU_GRACE_SECONDS = 5
_READY = b"ready"


@dataclass(frozen=True)
class _FileFacts:
    """What the parsers need of a FileType, without uploads.models (which needs Django's app registry)."""

    kind: str
    pillow_format: str


@dataclass(frozen=True)
class _Job:
    facts: _FileFacts
    limits: ParseLimits
    memory_bytes: int
    seconds: float


class _Worker:
    """A started worker process and the web process's end of its pipe."""

    def __init__(self) -> None:
        self.connection, child_end = _context.Pipe(duplex=True)
        self.process: BaseProcess = _context.Process(target=_work, args=(child_end,), daemon=True, name="upload-parser")
        try:
            self.process.start()
        finally:
            child_end.close()
        self.ready = False

    def wait_ready(self, seconds: float) -> bool:
        if not self.ready and self.connection.poll(seconds):
            try:
                self.ready = self.connection.recv_bytes() == _READY
            except (EOFError, OSError):
                self.ready = False
        return self.ready

    def stop(self) -> None:
        self.connection.close()
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self.process.close()


_spare: _Worker | None = None
_spare_lock = threading.Lock()


def _take_worker() -> _Worker:
    """The waiting worker, if it is still there, and a new one started to wait for the next file."""
    global _spare
    with _spare_lock:
        worker, _spare = _spare, _Worker()
    if worker is not None and worker.process.is_alive() and worker.wait_ready(_START_SECONDS):
        return worker
    if worker is not None:
        worker.stop()
    worker = _Worker()
    if not worker.wait_ready(_START_SECONDS):
        exitcode = worker.process.exitcode
        worker.stop()
        logger.error("upload parser did not start exitcode=%s", exitcode)
        raise OSError(f"The upload parser process did not start (exit code {exitcode}).")
    return worker


def parse_isolated(
    *, content: bytes, file_type: FileType, limits: ParseLimits, isolation: IsolationLimits
) -> ProcessedFile:
    """process_file in a worker process; UploadRejected if it breaks a limit, or the file does.

    OSError if no worker could be started (the service answers "try again later").
    """
    facts = _FileFacts(kind=str(file_type.kind), pillow_format=file_type.pillow_format)
    worker = _take_worker()
    started = time.monotonic()
    try:
        worker.connection.send(_Job(facts, limits, isolation.memory_bytes, isolation.seconds))
        worker.connection.send_bytes(content)
        if not worker.connection.poll(max(0.0, isolation.seconds - (time.monotonic() - started))):
            logger.warning(
                "upload parse timed out kind=%s size=%d seconds=%s", facts.kind, len(content), isolation.seconds
            )
            raise too_slow(isolation.seconds)
        try:
            answer = worker.connection.recv()
        except EOFError:
            worker.process.join(1)
            # Killed by a signal (the kernel; an allocation that aborted) or gone without a word.
            logger.warning(
                "upload parser died kind=%s size=%d exitcode=%s", facts.kind, len(content), worker.process.exitcode
            )
            raise too_much_memory(isolation.memory_bytes) from None
    finally:
        worker.stop()
    status = answer[0]
    if status == "ok":
        logger.debug("upload parsed kind=%s size=%d seconds=%.2f", facts.kind, len(content), time.monotonic() - started)
        return answer[1]
    if status == "rejected":
        raise UploadRejected(answer[1], answer[2])
    if status == "memory":
        logger.warning("upload parse ran out of memory kind=%s size=%d", facts.kind, len(content))
        raise too_much_memory(isolation.memory_bytes)
    raise RuntimeError(f"Parsing the upload failed in its worker process:\n{answer[1]}")


def _work(connection: Connection) -> None:
    """A worker: say it is ready, parse one file within its limits, send back what became of it, exit."""
    try:
        connection.send_bytes(_READY)
        job: _Job = connection.recv()
        content = connection.recv_bytes()
    except (EOFError, OSError):
        return  # the web process went away, or gave this spare worker up
    _cap_resources(memory_bytes=job.memory_bytes, seconds=job.seconds)
    try:
        answer = ("ok", process_file(content=content, file_type=job.facts, limits=job.limits))
    except UploadRejected as rejection:
        answer = ("rejected", rejection.message, rejection.code)
    except MemoryError:
        answer = ("memory",)
    except BaseException:
        answer = ("error", traceback.format_exc())
    del content
    try:
        connection.send(answer)
    except MemoryError:
        del answer
        connection.send(("memory",))
    except OSError:
        pass  # the web process stopped waiting
    finally:
        connection.close()


def _cap_resources(*, memory_bytes: int, seconds: float) -> None:
    """This process may map `memory_bytes` more than it holds now (its libraries, the file), and use CPU a while."""
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = _address_space() + memory_bytes
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    _, cpu_hard = resource.getrlimit(resource.RLIMIT_CPU)
    cpu = math.ceil(seconds) + _CPU_GRACE_SECONDS
    if cpu_hard == resource.RLIM_INFINITY or cpu < cpu_hard:
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu_hard))


def _address_space() -> int:
    """Bytes of address space this process maps now (Linux /proc; elsewhere, none counted)."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def too_slow(seconds: float) -> UploadRejected:
    return UploadRejected(
        f"This file took too long to read (more than {seconds:g} seconds), so it was stopped. "
        "Upload a smaller or simpler copy: only the pages you need of a PDF, or a smaller image.",
        "parse_timeout",
    )


def too_much_memory(memory_bytes: int) -> UploadRejected:
    return UploadRejected(
        f"This file needs too much memory to read (more than {megabytes(memory_bytes)}), or it is damaged. "
        "Upload a smaller or simpler copy: only the pages you need of a PDF, or a smaller image.",
        "parse_memory",
    )
