"""Measures the engine against plain generate on one model, in one run, with the same settings.

Every answer has exactly its token budget (end-of-sequence is ignored), so runs compare.
Throughput is answer tokens over wall time from submitting to the last result; each figure
is the median of several rounds after warm-up rounds. The continuous-batching scenarios
(joins, random arrivals against a static-batching baseline, fair turns) are in
scenarios.py and run on the same loaded model.
"""

import asyncio
import statistics
import tempfile
import threading
import time
from dataclasses import asdict
from pathlib import Path

import torch
from transformers import TextIteratorStreamer

from chat.benchmarks.measuring import consume, percentile
from chat.benchmarks.scenarios import run_scenarios
from chat.benchmarks.settings import BenchSettings
from chat.inference.config import EngineConfig
from chat.inference.engine import Engine
from chat.inference.loading.loader import LoadedModel, load_model
from chat.inference.loading.tiny_model import build_tiny_model
from chat.inference.prompts import build_prompt, encode_prompt
from chat.inference.types import ChatTurn, GenerationRequest

QUESTION = "I have had a headache and a mild fever for two days. What could it be, and when should I see a doctor?"


def run_benchmark(settings: BenchSettings, model_path: Path | None = None) -> dict:
    """All figures for one model: a freshly built tiny one unless model_path is given."""
    with tempfile.TemporaryDirectory() as scratch:
        path = model_path or build_tiny_model(Path(scratch) / "tiny-model")
        config = EngineConfig(
            model=str(path),
            device=settings.device,
            max_batch_size=settings.concurrency,
            max_queue=settings.concurrency,
            max_new_tokens=settings.new_tokens,
            max_new_tokens_limit=settings.new_tokens,
            temperature=0.0,
            ignore_eos=True,
            prefill_tokens_per_step=settings.prefill_tokens_per_step,
        )
        loaded = load_model(config)
        raw_tps = _median_of_rounds(settings, lambda: _raw_generate_tps(loaded, config))
        engine = Engine.from_loaded(config, loaded)
        engine.start()
        try:
            figures = asyncio.run(_engine_figures(engine, settings))
        finally:
            engine.stop()
        figures |= run_scenarios(loaded, config, settings)
    efficiency = figures["engine_tps_1"] / raw_tps
    scaling = figures["engine_tps_16"] / figures["engine_tps_1"]
    return {
        "model": str(model_path or "tiny (built for this run)"),
        "device": str(loaded.device),
        "dtype": str(loaded.model.dtype),
        "settings": asdict(settings),
        "raw_tps": raw_tps,
        "efficiency": efficiency,
        "scaling_16": scaling,
        **figures,
    }


def _request() -> GenerationRequest:
    return GenerationRequest(turns=(ChatTurn(role="user", text=QUESTION),))


def _raw_generate_tps(loaded: LoadedModel, config: EngineConfig) -> float:
    """Plain generate with a TextIteratorStreamer, as a single-user script would run it."""
    prompt = build_prompt(
        loaded.processor, _request().turns, context_tokens=config.context_tokens, max_new_tokens=config.max_new_tokens
    )
    inputs = {name: tensor.to(loaded.device) for name, tensor in encode_prompt(loaded.processor, prompt).items()}
    streamer = TextIteratorStreamer(loaded.processor.tokenizer, skip_prompt=True, skip_special_tokens=True)
    arguments = {
        **inputs,
        "max_new_tokens": config.max_new_tokens,
        "min_new_tokens": config.max_new_tokens,
        "do_sample": False,
        "streamer": streamer,
    }
    started = time.perf_counter()
    thread = threading.Thread(target=_generate_without_grad, args=(loaded, arguments))
    thread.start()
    for _ in streamer:
        pass
    thread.join()
    return config.max_new_tokens / (time.perf_counter() - started)


def _generate_without_grad(loaded: LoadedModel, arguments: dict) -> None:
    with torch.inference_mode():
        loaded.model.generate(**arguments)


async def _engine_figures(engine: Engine, settings: BenchSettings) -> dict:
    single = [await _engine_round(engine, 1) for _ in range(settings.warmups + settings.repeats)][settings.warmups :]
    concurrent = [await _engine_round(engine, settings.concurrency) for _ in range(settings.warmups + settings.repeats)]
    concurrent = concurrent[settings.warmups :]
    cancels = [await _tokens_after_cancel(engine) for _ in range(settings.repeats)]
    first_tokens_1 = [ttft for _, ttfts in single for ttft in ttfts]
    first_tokens_16 = [ttft for _, ttfts in concurrent for ttft in ttfts]
    return {
        "engine_tps_1": statistics.median(tps for tps, _ in single),
        "engine_tps_16": statistics.median(tps for tps, _ in concurrent),
        "ttft_p50_1": percentile(first_tokens_1, 50),
        "ttft_p95_1": percentile(first_tokens_1, 95),
        "ttft_p50_16": percentile(first_tokens_16, 50),
        "ttft_p95_16": percentile(first_tokens_16, 95),
        "tokens_after_cancel": max(cancels),
        "counters": asdict(engine.counters),
    }


async def _engine_round(engine: Engine, concurrency: int) -> tuple[float, list[float]]:
    """Aggregate tokens per second of `concurrency` simultaneous requests, and their times to first token."""
    started = time.perf_counter()
    streams = await asyncio.gather(*(engine.submit(_request()) for _ in range(concurrency)))
    results = await asyncio.gather(*(consume(stream) for stream in streams))
    elapsed = time.perf_counter() - started
    tokens = sum(result.answer_tokens for result in results)
    return tokens / elapsed, [result.time_to_first_token for result in results]


async def _tokens_after_cancel(engine: Engine) -> int:
    """Tokens the engine computed for a request after its cancel() (the step already in flight counts)."""
    before = engine.counters.tokens_after_cancel
    stream = await engine.submit(_request())
    async for _ in stream:
        stream.cancel()
        break
    await stream.result()
    return engine.counters.tokens_after_cancel - before


def _median_of_rounds(settings: BenchSettings, measure) -> float:
    rounds = [measure() for _ in range(settings.warmups + settings.repeats)]
    return statistics.median(rounds[settings.warmups :])


def format_table(figures: dict) -> str:
    rows = [
        ("raw generate, 1 request", f"{figures['raw_tps']:.1f} tokens/s"),
        ("engine, 1 request", f"{figures['engine_tps_1']:.1f} tokens/s"),
        ("efficiency (engine/raw)", f"{figures['efficiency']:.2f}"),
        (f"engine, {figures['settings']['concurrency']} concurrent", f"{figures['engine_tps_16']:.1f} tokens/s"),
        ("scaling (16 / 1)", f"{figures['scaling_16']:.1f}x"),
        ("first token p50 / p95, 1", f"{figures['ttft_p50_1'] * 1000:.1f} / {figures['ttft_p95_1'] * 1000:.1f} ms"),
        ("first token p50 / p95, 16", f"{figures['ttft_p50_16'] * 1000:.1f} / {figures['ttft_p95_16'] * 1000:.1f} ms"),
        ("tokens after cancel (max)", str(figures["tokens_after_cancel"])),
        ("first token idle / joining", f"{figures['idle_ttft'] * 1000:.1f} / {figures['join_ttft'] * 1000:.1f} ms"),
        ("join_ratio (target <= 2)", f"{figures['join_ratio']:.2f}"),
        ("join_stall (longest / median gap)", f"{figures['join_stall']:.1f}"),
        *_poisson_rows(figures["poisson"]),
        ("fairness (others / idle, target <= 3)", f"{figures['fairness']['ratio']:.2f}"),
    ]
    width = max(len(name) for name, _ in rows)
    settings = figures["settings"]
    header = f"{figures['model']} on {figures['device']} ({figures['dtype']}), {settings['new_tokens']} tokens each"
    return "\n".join([header] + [f"{name:<{width}}  {value}" for name, value in rows])


def _poisson_rows(poisson: dict) -> list[tuple[str, str]]:
    engine, baseline = poisson["engine"], poisson["baseline"]
    return [
        ("poisson arrivals", f"{poisson['requests']} at {poisson['rate_per_second']:.1f}/s"),
        (
            "poisson first token p50/p95, engine",
            f"{engine['ttft_p50'] * 1000:.0f} / {engine['ttft_p95'] * 1000:.0f} ms",
        ),
        (
            "poisson first token p50/p95, static",
            f"{baseline['ttft_p50'] * 1000:.0f} / {baseline['ttft_p95'] * 1000:.0f} ms",
        ),
        ("poisson p95 vs static (target <= 0.2)", f"{poisson['ttft_p95_vs_baseline']:.3f}"),
        (
            "poisson tokens/s engine / static",
            f"{engine['tokens_per_second']:.0f} / {baseline['tokens_per_second']:.0f}",
        ),
        ("poisson tokens/s vs static (target >= 1)", f"{poisson['tps_vs_baseline']:.2f}"),
    ]
