"""The whole-stack benchmark: real daphne, real WebSockets, the tiny model, against the engine itself.

One run starts a server on a fresh data directory, signs a user in, and asks with 1 and then 16
concurrent browser-like clients (HTTP POST to ask, the page, a WebSocket to watch), as a browser does.

- stack_efficiency = delivered ÷ engine tokens/s for the same answers: the engine's own speed (saved
  with each answer) against the rate at which its tokens reached the clients, over the same start.
- end_to_end_ratio: all tokens over the whole wall time, chat creation and page loads included,
  against the same questions asked of an engine in this process on the same model and settings.
- The page times of a 5,000-chat sidebar and a 10,000-message chat.
"""

import asyncio
import json
import re
import statistics
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
from websockets.asyncio.client import connect

from chat.benchmarks.measuring import consume, percentile
from chat.inference.config import EngineConfig
from chat.inference.engine import Engine
from chat.inference.loading.tiny_model import build_tiny_model
from chat.inference.types import ChatTurn, GenerationRequest
from healthassistant.live_server import LiveServer

PASSWORD = "bench-passphrase-not-secret"  # noqa: S105  (a throwaway user in a temporary database)
MAX_NEW_TOKENS = 128


@dataclass
class ClientRun:
    started: float
    answer_id: int = 0
    first_delta: float | None = None
    done: float | None = None
    done_wall: float = 0.0
    tokens: int = 0
    engine_tps: float = 0.0
    engine_end_wall: float = 0.0

    @property
    def generation_started_wall(self) -> float:
        return self.engine_end_wall - self.tokens / self.engine_tps

    @property
    def delivered_tps(self) -> float:
        """Tokens over the time from the start of their generation until the client had the last one.

        The engine's own rate runs over the same start to when it finished, so the ratio of the two
        is the share of the engine's speed that reaches the browser through the whole stack.
        """
        return self.tokens / (self.done_wall - self.generation_started_wall)


def bench_question(number: int) -> str:
    return f"Question {number}: what does my blood test say about iron?"


def sign_in(server: LiveServer) -> dict[str, str]:
    """The session and CSRF cookies of a signed-in bench user."""
    email = "bench@example.com"
    server.manage(
        "shell",
        "-c",
        # Verified, as mandatory email verification requires before a login counts.
        "from accounts.models import User; from allauth.account.models import EmailAddress; "
        f"u = User.objects.filter(email='{email}').first() or "
        f"User.objects.create_user(email='{email}', password='{PASSWORD}'); "
        f"EmailAddress.objects.get_or_create(user=u, email='{email}', defaults={{'verified': True, 'primary': True}})",
    )
    client = httpx.Client(base_url=server.base, follow_redirects=True)
    client.get("/accounts/login/")
    response = client.post(
        "/accounts/login/",
        data={"login": email, "password": PASSWORD, "csrfmiddlewaretoken": client.cookies["csrftoken"]},
        headers={"Referer": f"{server.base}/accounts/login/"},
    )
    response.raise_for_status()
    cookies = dict(client.cookies)
    client.close()
    return cookies


def _browser(server: LiveServer, cookies: dict[str, str]) -> httpx.AsyncClient:
    return httpx.AsyncClient(
        base_url=server.base, cookies=cookies, headers={"X-CSRFToken": cookies["csrftoken"], "HX-Request": "true"}
    )


async def _ask(server: LiveServer, cookies: dict[str, str], number: int) -> ClientRun:
    async with _browser(server, cookies) as client:
        return await _ask_with(client, server, cookies, number)


async def _ask_with(client: httpx.AsyncClient, server: LiveServer, cookies: dict[str, str], number: int) -> ClientRun:
    run = ClientRun(started=time.monotonic())
    response = await client.post("/chat/new/", data={"content": bench_question(number)})
    session_url = response.headers["HX-Redirect"]
    page = (await client.get(session_url, headers={"HX-Request": ""})).text
    run.answer_id = answer_id = int(re.findall(r'id="message-(\d+)" class="message message-assistant', page)[-1])
    cookie_header = "; ".join(f"{name}={value}" for name, value in cookies.items())
    ws_url = f"ws://127.0.0.1:{server.port}/ws/chat/{session_url.strip('/').split('/')[-1]}/"
    async with connect(ws_url, additional_headers={"Cookie": cookie_header, "Origin": server.base}) as socket_:
        await socket_.send(json.dumps({"type": "watch", "message_id": answer_id}))
        async for raw in socket_:
            event = json.loads(raw)
            if event["type"] in {"delta", "snapshot"} and run.first_delta is None and event.get("text"):
                run.first_delta = time.monotonic()
            if event["type"] == "done":
                run.done = time.monotonic()
                run.done_wall = time.time()
                break
    return run


def _engine_figures(server: LiveServer, runs: list[ClientRun]) -> None:
    """The engine's own counts and speed for each answer, as the worker saved them."""
    ids = [run.answer_id for run in runs]
    saved = json.loads(
        server.manage(
            "shell",
            "-c",
            "import json; from chat.models import Message; print(json.dumps({m.pk: [m.answer_tokens, "
            f"m.tokens_per_second, m.updated_at.timestamp()] for m in Message.objects.filter(pk__in={ids!r})}}))",
        ).splitlines()[-1]
    )
    for run in runs:
        # updated_at is the final save, just after the engine finished and just before "done" is sent.
        run.tokens, run.engine_tps, run.engine_end_wall = saved[str(run.answer_id)]


def delivered(server: LiveServer, cookies: dict[str, str], concurrency: int) -> dict:
    async def ask_all():
        return await asyncio.gather(*(_ask(server, cookies, n) for n in range(concurrency)))

    runs = asyncio.run(ask_all())
    _engine_figures(server, runs)
    wall = max(r.done for r in runs) - min(r.started for r in runs)
    return {
        "delivered_tps": sum(r.delivered_tps for r in runs),
        "engine_tps": sum(r.engine_tps for r in runs),
        "end_to_end_tps": sum(r.tokens for r in runs) / wall,
        "ttft_p95": percentile([r.first_delta - r.started for r in runs], 95),
    }


async def _engine_direct(model_path: Path, concurrency: int) -> dict:
    engine = Engine(EngineConfig(model=str(model_path), device="cpu", max_new_tokens=MAX_NEW_TOKENS))
    engine.start()
    await asyncio.to_thread(engine.wait_until_loaded, 120)
    try:

        async def one(number: int):
            return await consume(
                await engine.submit(GenerationRequest(turns=(ChatTurn(role="user", text=bench_question(number)),)))
            )

        await one(-1)  # warm-up, as for the server
        started = time.monotonic()
        results = await asyncio.gather(*(one(n) for n in range(concurrency)))
        wall = time.monotonic() - started
        return {
            "tps": sum(r.answer_tokens for r in results) / wall,
            "ttft_p95": percentile([r.time_to_first_token for r in results], 95),
        }
    finally:
        engine.stop()


def _page_times(server: LiveServer, cookies: dict[str, str], repeats: int = 10) -> dict:
    """Median times of the sidebar with 5,000 chats and of a chat of 10,000 messages."""
    session_id = server.manage(
        "shell",
        "-c",
        "from accounts.models import User; from chat.models import ChatSession, Message; "
        "u = User.objects.get(email='bench@example.com'); "
        "ChatSession.objects.bulk_create(ChatSession(owner=u, title=f'Chat {n}') for n in range(5000)); "
        "s = ChatSession.objects.create(owner=u, title='Long'); "
        "Message.objects.bulk_create(Message(session=s, role='user' if n % 2 == 0 else 'assistant', "
        "content=f'Message {n} about results') for n in range(10000)); print(s.pk)",
    ).split()[-1]

    async def timed(path: str) -> float:
        async with _browser(server, cookies) as client:
            await client.get(path, headers={"HX-Request": ""})
            times = []
            for _ in range(repeats):
                started = time.monotonic()
                (await client.get(path, headers={"HX-Request": ""})).raise_for_status()
                times.append(time.monotonic() - started)
            return statistics.median(times)

    return {
        "sidebar_page_ms": asyncio.run(timed("/chat/")) * 1000,
        "session_10k_messages_page_ms": asyncio.run(timed(f"/chat/{session_id}/")) * 1000,
    }


def run_benchmark(model_path: Path | None = None) -> dict:
    with tempfile.TemporaryDirectory(prefix="bench-chat-") as scratch:
        scratch_path = Path(scratch)
        model_path = model_path or build_tiny_model(scratch_path / "tiny-model")
        results: dict = {"max_new_tokens": MAX_NEW_TOKENS}
        # One bench user asks all 16 questions: let all of them run at once, as 16 people's would.
        limits = {"HEALTH_MAX_NEW_TOKENS": str(MAX_NEW_TOKENS), "HEALTH_MAX_ACTIVE_PER_USER": "16"}
        with LiveServer(model_path, scratch_path / "data", **limits) as server:
            cookies = sign_in(server)
            delivered(server, cookies, 1)  # warm-up: first-request costs out of the figures
            for concurrency in (1, 16):
                figures = delivered(server, cookies, concurrency)
                results[f"delivered_tps_{concurrency}"] = figures["delivered_tps"]
                results[f"engine_tps_{concurrency}"] = figures["engine_tps"]
                results[f"stack_efficiency_{concurrency}"] = figures["delivered_tps"] / figures["engine_tps"]
                results[f"ttft_p95_{concurrency}_s"] = figures["ttft_p95"]
                results[f"end_to_end_tps_{concurrency}"] = figures["end_to_end_tps"]
            results.update(_page_times(server, cookies))
        # The same questions straight to an engine in this process: what HTTP, chat creation, the
        # channel layer and the WebSocket cost end to end, beside the streaming rate above.
        for concurrency in (1, 16):
            direct = asyncio.run(_engine_direct(model_path, concurrency))
            results[f"engine_alone_tps_{concurrency}"] = direct["tps"]
            results[f"engine_alone_ttft_p95_{concurrency}_s"] = direct["ttft_p95"]
            results[f"end_to_end_ratio_{concurrency}"] = (
                results[f"end_to_end_tps_{concurrency}"] / results[f"engine_alone_tps_{concurrency}"]
            )
        return results
