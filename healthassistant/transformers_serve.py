"""`transformers serve` on a model folder: a real OpenAI-compatible server, for the tests and the benchmark.

Hugging Face's own server streams chat completions and takes image_url parts, as vLLM does, and runs
on the CPU: the remote engine (chat.inference.remote) is tested and measured against it.
"""

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from healthassistant.live_server import free_port

# It imports torch and loads the model before it answers: seconds on a small machine, more when it is busy.
START_SECONDS = 120


class TransformersServe:
    """`transformers serve MODEL` as a child process, from start until it answers GET /health, to its end.

    It serves only the model it was started with, under the name it was given (the path): requests must
    name exactly that model (HEALTH_ENGINE_MODEL), or it answers 400 "Server is pinned to ...".
    """

    def __init__(self, model_path: Path, workdir: Path, *, threads: int = 1, options: tuple[str, ...] = ()) -> None:
        self.model = str(model_path)
        self._threads = threads
        self._options = options
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/v1"
        self._workdir = workdir
        self._log_path = workdir / "transformers-serve.log"
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> "TransformersServe":
        self.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.stop()

    def start(self) -> None:
        """Starts it and waits until it answers; RuntimeError with its log when it doesn't."""
        executable = Path(sys.executable).parent / "transformers"
        hub_cache = self._workdir / "hub"
        hub_cache.mkdir(parents=True, exist_ok=True)
        environment = {
            **os.environ,
            "HF_HUB_OFFLINE": "1",
            # An existing (empty) cache: without one, its GET /v1/models fails with a 500 instead of an empty list.
            "HF_HUB_CACHE": str(hub_cache),
            # One thread by default: the tiny model gains nothing from more, and they would compete with the tests.
            "OMP_NUM_THREADS": str(self._threads),
        }
        command = [str(executable), "serve", self.model, "--host", "127.0.0.1", "--port", str(self.port)]
        command += self._options
        with self._log_path.open("wb") as log:
            self.process = subprocess.Popen(  # noqa: S603  (the venv's own transformers)
                command, env=environment, stdout=log, stderr=subprocess.STDOUT
            )
        try:
            self._wait_until_healthy()
        except BaseException:
            self.kill()
            raise

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()

    def kill(self) -> None:
        """Ends it at once, as a crash or a lost machine would: no goodbye to the connections it has."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(10)

    def _wait_until_healthy(self) -> None:
        health = self.url.removesuffix("/v1") + "/health"
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"transformers serve exited with {self.process.returncode}:\n{self._log_tail()}")
            try:
                with urllib.request.urlopen(health, timeout=2) as response:  # noqa: S310 (our own local URL)
                    if response.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.2)
        raise RuntimeError(f"transformers serve did not answer {health} in {START_SECONDS} s:\n{self._log_tail()}")

    def _log_tail(self) -> str:
        return self._log_path.read_text(errors="replace")[-4000:]
