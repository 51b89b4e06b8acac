"""How the engine is set up; chat/generation/process_engine.py fills it from Django settings."""

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

DEFAULT_MODEL = "google/medgemma-4b-it"
TINY_MODEL = "tiny"


@dataclass(frozen=True)
class EngineConfig:
    model: str = DEFAULT_MODEL
    hf_token: str = ""
    device: Literal["auto", "cuda", "cpu"] = "auto"
    max_batch_size: int = 16
    max_queue: int = 64
    # Answers one owner may have generating or waiting at once; 0 means no limit.
    max_active_per_owner: int = 0
    # Prompt tokens prefilled in one step before the running rows take theirs (padding counted).
    prefill_tokens_per_step: int = 8192
    # Tokens of key-value cache the running batch may hold; 0 derives it from free memory at start.
    kv_cache_tokens: int = 0
    max_new_tokens: int = 1024
    max_new_tokens_limit: int = 4096
    context_tokens: int = 8192
    temperature: float = 0.0
    top_p: float = 0.95
    data_dir: Path = Path("var")
    # Benchmarks only: suppress end-of-sequence so every answer has exactly its token budget.
    ignore_eos: bool = False
