"""The local engine and an OpenAI-compatible server side by side, under the same load, in one run.

The same stack (daphne, HTTP to ask, a WebSocket to watch, the in-process inference worker) is
started twice on fresh data directories: once generating with the local engine, once with
HEALTH_ENGINE=openai against the server. 1 and then 16 browser-like clients ask the same questions
of each (chat.benchmarks.stack), with the same answer length.

- {engine}_end_to_end_tps_{n}: all answer tokens over the wall time, from the first question's POST
  to the last answer's "done" on its WebSocket.
- {engine}_ttft_p95_{n}_s: the 95th percentile time from the POST to the first text on the WebSocket.
- openai_vs_local_*: the server's figure over the local engine's.
- server_alone_tps_{n}: the same questions straight to the server with the openai client, no stack:
  what the server gives on its own, beside what reaches the browser through the remote engine.

With no URL, it starts `transformers serve` on the same model the local engine runs, on the CPU.
"""

import asyncio
import time
from pathlib import Path

from openai import AsyncOpenAI

from chat.benchmarks.stack import MAX_NEW_TOKENS, bench_question, delivered, sign_in
from healthassistant.live_server import LiveServer
from healthassistant.transformers_serve import TransformersServe

CONCURRENCIES = (1, 16)


def run_side_by_side(model_path: Path, scratch: Path, *, engine_url: str | None, engine_model: str | None) -> dict:
    results: dict = {"max_new_tokens": MAX_NEW_TOKENS}
    results.update(_through_stack("local", LiveServer(model_path, scratch / "local", **_limits())))
    if engine_url is None:
        with TransformersServe(model_path, scratch / "serve", threads=_torch_threads()) as server:
            results.update(_remote(model_path, scratch, url=server.url, model=str(model_path)))
        results["server"] = "transformers serve (this model, CPU)"
    else:
        results.update(_remote(model_path, scratch, url=engine_url, model=engine_model or str(model_path)))
        results["server"] = engine_url
    for concurrency in CONCURRENCIES:
        for figure in (f"end_to_end_tps_{concurrency}", f"ttft_p95_{concurrency}_s"):
            results[f"openai_vs_local_{figure}"] = results[f"openai_{figure}"] / results[f"local_{figure}"]
    return results


def _remote(model_path: Path, scratch: Path, *, url: str, model: str) -> dict:
    remote = LiveServer(
        model_path,
        scratch / "openai",
        HEALTH_ENGINE="openai",
        HEALTH_ENGINE_URL=url,
        HEALTH_ENGINE_MODEL=model,
        **_limits(),
    )
    figures = _through_stack("openai", remote)
    for concurrency in CONCURRENCIES:
        figures[f"server_alone_tps_{concurrency}"] = asyncio.run(_server_alone(url, model, concurrency))
    return figures


def _through_stack(engine: str, server: LiveServer) -> dict:
    figures = {}
    with server:
        cookies = sign_in(server)
        delivered(server, cookies, 1)  # warm-up: first-request costs out of the figures
        for concurrency in CONCURRENCIES:
            measured = delivered(server, cookies, concurrency)
            figures[f"{engine}_end_to_end_tps_{concurrency}"] = measured["end_to_end_tps"]
            figures[f"{engine}_ttft_p95_{concurrency}_s"] = measured["ttft_p95"]
    return figures


async def _server_alone(url: str, model: str, concurrency: int) -> float:
    async with AsyncOpenAI(base_url=url, api_key="bench", max_retries=0) as client:

        async def one(number: int) -> int:
            stream = await client.chat.completions.create(
                model=model,
                messages=[{"role": "user", "content": bench_question(number)}],
                max_tokens=MAX_NEW_TOKENS,
                stream=True,
                stream_options={"include_usage": True},
            )
            tokens = 0
            async for chunk in stream:
                if chunk.usage is not None:
                    tokens = chunk.usage.completion_tokens
            return tokens

        await one(-1)
        started = time.monotonic()
        tokens = await asyncio.gather(*(one(n) for n in range(concurrency)))
        return sum(tokens) / (time.monotonic() - started)


def _limits() -> dict[str, str]:
    # One bench user asks all 16 questions: both engines may run all of them at once, as 16 people's.
    return {"HEALTH_MAX_NEW_TOKENS": str(MAX_NEW_TOKENS), "HEALTH_MAX_ACTIVE_PER_USER": "16"}


def _torch_threads() -> int:
    import torch

    return torch.get_num_threads()
