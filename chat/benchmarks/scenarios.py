"""What continuous batching is for, measured: joining a running batch, steady random load, fair turns.

- join_ratio: time to first token of a short question that arrives while long answers are
  being generated, over the same question's time to first token on an idle engine.
- join_stall: the longest gap between two decode steps around such a join, over the
  median gap: how long the running answers paused for the newcomer's prefill.
- poisson: requests arriving at random (a Poisson process) with mixed answer lengths, at a
  rate that keeps about `poisson_running` answers going; the same arrivals are then served
  by the static-batching baseline (static_baseline.py) for comparison.
- fairness: one person submits many questions, then others ask one each; their times to
  first token over the idle one.
"""

import asyncio
import dataclasses
import random
import statistics
import time
from itertools import pairwise

from chat.benchmarks.measuring import consume, percentile
from chat.benchmarks.settings import BenchSettings
from chat.benchmarks.static_baseline import StaticBatchingServer
from chat.inference.config import EngineConfig
from chat.inference.engine import Engine
from chat.inference.loading.loader import LoadedModel
from chat.inference.types import ChatTurn, GenerationRequest

SHORT_QUESTION = "Is a temperature of 38.2 degrees a fever?"
LONG_QUESTION = "Explain in detail how blood pressure is measured, what the numbers mean, and when to worry."


class StepLog:
    """The time and size of every decode step, as the engine reports them."""

    def __init__(self) -> None:
        self.times: list[float] = []

    def record(self, at: float, rows: int) -> None:
        self.times.append(at)

    def gaps_between(self, start: float, end: float) -> list[float]:
        times = [at for at in self.times if start <= at <= end]
        return [later - earlier for earlier, later in pairwise(times)]


def request(text: str, tokens: int, owner: str = "") -> GenerationRequest:
    return GenerationRequest(turns=(ChatTurn(role="user", text=text),), max_new_tokens=tokens, owner=owner)


def run_scenarios(loaded: LoadedModel, config: EngineConfig, settings: BenchSettings) -> dict:
    longest = max(
        settings.long_tokens, settings.short_tokens, settings.fairness_flood_tokens, *settings.poisson_lengths
    )
    config = dataclasses.replace(
        config, max_new_tokens_limit=max(config.max_new_tokens_limit, longest), max_queue=10_000, ignore_eos=True
    )
    steps = StepLog()
    engine = Engine.from_loaded(config, loaded, step_listener=steps.record)
    engine.start()
    try:
        figures = asyncio.run(_engine_scenarios(engine, settings, steps))
    finally:
        engine.stop()
    arrivals = figures["poisson"].pop("arrivals")
    baseline = StaticBatchingServer(loaded, max_batch_size=config.max_batch_size, context_tokens=config.context_tokens)
    try:
        figures["poisson"]["baseline"] = _poisson_static(baseline, arrivals)
    finally:
        baseline.stop()
    poisson = figures["poisson"]
    poisson["ttft_p95_vs_baseline"] = poisson["engine"]["ttft_p95"] / poisson["baseline"]["ttft_p95"]
    poisson["tps_vs_baseline"] = poisson["engine"]["tokens_per_second"] / poisson["baseline"]["tokens_per_second"]
    return figures


async def _engine_scenarios(engine: Engine, settings: BenchSettings, steps: StepLog) -> dict:
    idle = await _idle_ttft(engine, settings)
    join = await _join(engine, settings, steps, idle)
    poisson = await _poisson_engine(engine, settings)
    fairness = await _fairness(engine, settings, steps, idle)
    return {"idle_ttft": idle, **join, "poisson": poisson, "fairness": fairness}


async def _ttft(engine: Engine, question: GenerationRequest) -> float:
    stream = await engine.submit(question)
    async for _ in stream:
        pass
    return (await stream.result()).time_to_first_token


async def _idle_ttft(engine: Engine, settings: BenchSettings) -> float:
    short = request(SHORT_QUESTION, settings.short_tokens)
    await _ttft(engine, short)
    return statistics.median([await _ttft(engine, short) for _ in range(settings.idle_rounds)])


async def _join(engine: Engine, settings: BenchSettings, steps: StepLog, idle: float) -> dict:
    """Short questions join at evenly spaced points of one round of long answers."""
    longs = [await engine.submit(request(LONG_QUESTION, settings.long_tokens)) for _ in range(settings.long_streams)]
    readers = [asyncio.create_task(consume(stream)) for stream in longs]
    started = len(steps.times)
    ttfts, stalls = [], []
    for point in range(1, settings.join_points + 1):
        await _until(
            lambda point=point: len(steps.times) - started >= settings.long_tokens * point // (settings.join_points + 1)
        )
        joined_at = time.perf_counter()
        ttft = await _ttft(engine, request(SHORT_QUESTION, settings.short_tokens))
        ttfts.append(ttft)
        # The join's prefill falls between two steps within its time to first token.
        around = steps.gaps_between(joined_at - 0.05, joined_at + ttft + 0.05)
        stalls.append(max(around, default=0.0))
    await asyncio.gather(*readers)
    median_gap = statistics.median(steps.gaps_between(0.0, time.perf_counter())[started:] or [0.0])
    return {
        "join_ttft": statistics.median(ttfts),
        "join_ratio": statistics.median(ttfts) / idle,
        "join_stall": max(stalls) / median_gap if median_gap else 0.0,
        "step_median_seconds": median_gap,
    }


async def _poisson_engine(engine: Engine, settings: BenchSettings) -> dict:
    rate = await _rate_for(engine, settings)
    generator = random.Random(settings.seed)
    arrivals, at = [], generator.expovariate(rate)
    while at < settings.poisson_seconds:
        arrivals.append((at, generator.choice(settings.poisson_lengths)))
        at += generator.expovariate(rate)
    start = time.perf_counter()

    async def one(offset: float, length: int) -> tuple[float, int, float]:
        await asyncio.sleep(max(0.0, start + offset - time.perf_counter()))
        stream = await engine.submit(request(LONG_QUESTION, length))
        result = await consume(stream)
        return result.time_to_first_token, result.answer_tokens, time.perf_counter()

    outcomes = await asyncio.gather(*(one(offset, length) for offset, length in arrivals))
    figures = _load_figures([(ttft, tokens, end - start) for ttft, tokens, end in outcomes])
    return {"rate_per_second": rate, "requests": len(arrivals), "engine": figures, "arrivals": arrivals}


def _poisson_static(server: StaticBatchingServer, arrivals: list[tuple[float, int]]) -> dict:
    start = time.perf_counter()
    items = []
    for offset, length in arrivals:
        time.sleep(max(0.0, start + offset - time.perf_counter()))
        items.append(server.submit(request(LONG_QUESTION, length)))
    for item in items:
        item.done.wait()
    return _load_figures([(i.first_token_at - i.arrived_at, i.tokens, i.finished_at - start) for i in items])


async def _rate_for(engine: Engine, settings: BenchSettings) -> float:
    """Arrivals per second that keep about poisson_running answers going (Little's law: L = rate x duration)."""
    mean_length = round(statistics.mean(settings.poisson_lengths))
    started = time.perf_counter()
    streams = [await engine.submit(request(LONG_QUESTION, mean_length)) for _ in range(settings.poisson_running)]
    await asyncio.gather(*(consume(stream) for stream in streams))
    return settings.poisson_running / (time.perf_counter() - started)


async def _fairness(engine: Engine, settings: BenchSettings, steps: StepLog, idle: float) -> dict:
    flood = [
        await engine.submit(request(LONG_QUESTION, settings.fairness_flood_tokens, owner="flood"))
        for _ in range(settings.fairness_flood)
    ]
    readers = [asyncio.create_task(consume(stream)) for stream in flood]
    # The others ask once the flood is being answered: its first rows are past their prefill and decoding.
    decoding_from = len(steps.times)
    await _until(lambda: len(steps.times) > decoding_from + 2)
    others = await asyncio.gather(
        *(
            _ttft(engine, request(SHORT_QUESTION, settings.short_tokens, owner=f"other-{n}"))
            for n in range(settings.fairness_others)
        )
    )
    await asyncio.gather(*readers)
    return {"others_ttft": others, "ratio": max(others) / idle}


def _load_figures(outcomes: list[tuple[float, int, float]]) -> dict:
    first_tokens = [ttft for ttft, _, _ in outcomes]
    tokens = sum(count for _, count, _ in outcomes)
    return {
        "ttft_p50": percentile(first_tokens, 50),
        "ttft_p95": percentile(first_tokens, 95),
        "tokens_per_second": tokens / max(end for _, _, end in outcomes),
    }


async def _until(condition, poll: float = 0.002) -> None:
    while not condition():
        await asyncio.sleep(poll)
