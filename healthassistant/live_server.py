"""A real daphne server of this project on a free port, with its own data directory and model.

The benchmarks and the end-to-end tests run against it, exactly as `make run` serves the app:
SQLite, the in-memory channel layer and the in-process inference worker.
"""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LiveServer:
    """`with LiveServer(model, data_dir) as server:` migrates, starts daphne and waits for the model."""

    def __init__(self, model_path: Path, data_dir: Path, **settings: str):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        data_dir.mkdir(parents=True, exist_ok=True)
        self.env = {
            **{k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}},
            "DEBUG": "true",
            "DATA_DIR": str(data_dir),
            "HEALTH_MODEL": str(model_path),
            "HEALTH_DEVICE": "cpu",
            "LOG_LEVEL": "WARNING",
            **settings,
        }
        self.log_path = data_dir / "server.log"

    def manage(self, *args: str) -> str:
        return subprocess.run(  # noqa: S603  (our own manage.py)
            [sys.executable, "manage.py", *args], cwd=ROOT, env=self.env, check=True, capture_output=True, text=True
        ).stdout

    def log_tail(self, characters: int = 3000) -> str:
        return self.log_path.read_text()[-characters:]

    def __enter__(self) -> "LiveServer":
        self.manage("migrate", "--noinput")
        self._log = open(self.log_path, "w")
        daphne = Path(sys.executable).with_name("daphne")
        self.process = subprocess.Popen(  # noqa: S603  (our own daphne)
            [str(daphne), "--bind", "127.0.0.1", "--port", str(self.port), "healthassistant.asgi:application"],
            cwd=ROOT,
            env=self.env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and self.process.poll() is None:
            try:
                if httpx.get(f"{self.base}/healthz", timeout=2).json()["model"]["state"] == "ready":
                    return self
            except (httpx.HTTPError, KeyError, ValueError):
                pass
            time.sleep(0.3)
        self.__exit__()
        raise RuntimeError(f"The server did not get ready:\n{self.log_tail()}")

    def __exit__(self, *exc) -> None:
        self.process.terminate()
        self.process.wait(10)
        self._log.close()
