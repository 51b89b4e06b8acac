"""Finds, places and loads the model and its processor, or says plainly why it can't."""

import logging
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

import torch
from transformers import AutoModelForImageTextToText, AutoProcessor, PreTrainedModel, ProcessorMixin

from chat.inference.config import TINY_MODEL, EngineConfig
from chat.inference.errors import ModelLoadError
from chat.inference.loading.hub_access import TINY_MODEL_HINT, explain_hub_error, hub_access_problem
from chat.inference.loading.tiny_model import build_tiny_model

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class LoadedModel:
    name: str
    model: PreTrainedModel
    processor: ProcessorMixin

    @property
    def device(self) -> torch.device:
        return self.model.device


def load_model(config: EngineConfig) -> LoadedModel:
    started = time.monotonic()
    device, dtype = choose_device(config.device)
    source = resolve_model_source(config)
    token = config.hf_token or None
    if not Path(source).is_dir() and (problem := hub_access_problem(source, token=token)):
        raise ModelLoadError(problem)
    try:
        processor = AutoProcessor.from_pretrained(source, token=token)
        model = AutoModelForImageTextToText.from_pretrained(
            source, token=token, dtype=dtype, attn_implementation="sdpa", device_map=str(device)
        )
    except Exception as exc:
        explanation = explain_hub_error(exc, repo_id=source, token_given=token is not None)
        raise ModelLoadError(explanation or f"Can't load {source}: {_first_line(exc)}") from exc
    model.eval()
    logger.info("Loaded model %s on %s as %s in %.1f s", config.model, device, dtype, time.monotonic() - started)
    return LoadedModel(name=config.model, model=model, processor=processor)


def choose_device(requested: str) -> tuple[torch.device, torch.dtype]:
    """CUDA in bfloat16 when there is a GPU (Gemma 3 overflows to NaN in float16), else the CPU in float32."""
    if requested == "cuda" and not torch.cuda.is_available():
        raise ModelLoadError("HEALTH_DEVICE is cuda, but PyTorch sees no CUDA GPU here.")
    if requested != "cpu" and torch.cuda.is_available():
        return torch.device("cuda"), torch.bfloat16
    return torch.device("cpu"), torch.float32


def resolve_model_source(config: EngineConfig) -> str:
    """A Hub id or a local folder; "tiny" is the test model in the data directory, built on first use."""
    if config.model == TINY_MODEL:
        return str(ensure_tiny_model(config.data_dir / "tiny-model"))
    if _looks_like_path(config.model):
        path = Path(config.model).expanduser()
        if not path.is_dir():
            raise ModelLoadError(f"There is no model folder at {path}. Check HEALTH_MODEL, {TINY_MODEL_HINT}.")
        return str(path)
    return config.model


def ensure_tiny_model(path: Path) -> Path:
    if (path / "config.json").is_file():
        return path
    # Built beside and moved in whole, so a second process never loads a half-written model.
    scratch = path.with_name(f"{path.name}.building-{os.getpid()}")
    build_tiny_model(scratch)
    try:
        scratch.rename(path)
    except OSError:
        shutil.rmtree(scratch, ignore_errors=True)
        if not (path / "config.json").is_file():
            raise
    return path


def _looks_like_path(model: str) -> bool:
    return model.startswith(("/", ".", "~")) or model.count("/") > 1 or Path(model).expanduser().is_dir()


def _first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__
