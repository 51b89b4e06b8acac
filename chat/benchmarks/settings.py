"""What one run of `manage.py bench_inference` measures, and how much of it; each field is a command option."""

from dataclasses import dataclass

from chat.inference.config import EngineConfig


@dataclass(frozen=True)
class BenchSettings:
    # Throughput: answers of new_tokens, alone and `concurrency` at once, median of `repeats` rounds.
    new_tokens: int = 64
    concurrency: int = 16
    repeats: int = 5
    warmups: int = 2
    device: str = "auto"
    prefill_tokens_per_step: int = EngineConfig.prefill_tokens_per_step
    # Joins: short questions arriving at join_points moments while long_streams answers of long_tokens run.
    long_tokens: int = 768
    long_streams: int = 8
    short_tokens: int = 16
    join_points: int = 3
    idle_rounds: int = 5
    # Random arrivals for poisson_seconds, keeping about poisson_running answers going.
    poisson_seconds: float = 30.0
    poisson_lengths: tuple[int, ...] = (64, 256, 768)
    poisson_running: int = 8
    # Fair turns: one person's fairness_flood questions, then fairness_others people ask one each.
    fairness_flood: int = 40
    fairness_flood_tokens: int = 256
    fairness_others: int = 4
    seed: int = 0
