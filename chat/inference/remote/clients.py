"""One openai.AsyncOpenAI per event loop: its HTTP connections belong to the loop that opened them.

The engine's callers run on different loops (daphne's, the worker command's, each test's), and an
httpx connection pool must never be used from a loop other than its own.
"""

import asyncio
import threading
import weakref

import openai

from chat.inference.remote.config import RemoteConfig


class ClientsPerLoop:
    def __init__(self, config: RemoteConfig) -> None:
        self._config = config
        self._lock = threading.Lock()
        self._clients: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, openai.AsyncOpenAI] = (
            weakref.WeakKeyDictionary()
        )

    def get(self) -> openai.AsyncOpenAI:
        """The running loop's client, made on first use."""
        loop = asyncio.get_running_loop()
        with self._lock:
            client = self._clients.get(loop)
            if client is None:
                client = openai.AsyncOpenAI(
                    base_url=self._config.url,
                    api_key=self._config.api_key or "none",
                    # Retries are the engine's, and only before the first token.
                    max_retries=0,
                    timeout=openai.Timeout(self._config.read_timeout, connect=self._config.connect_timeout),
                )
                self._clients[loop] = client
            return client

    def close_all(self) -> None:
        """Closes every client whose loop still runs, on that loop; a stopped loop's connections went with it."""
        with self._lock:
            clients = list(self._clients.items())
            self._clients.clear()
        for loop, client in clients:
            if loop.is_running():
                asyncio.run_coroutine_threadsafe(client.close(), loop)
