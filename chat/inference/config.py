"""How the engine is set up; chat/runtime.py fills it from Django settings."""

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
    max_new_tokens: int = 1024
    max_new_tokens_limit: int = 4096
    context_tokens: int = 8192
    temperature: float = 0.0
    top_p: float = 0.95
    data_dir: Path = Path("var")
    # Benchmarks only: suppress end-of-sequence so every answer has exactly its token budget.
    ignore_eos: bool = False
