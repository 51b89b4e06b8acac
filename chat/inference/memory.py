"""How many tokens of key-value cache the running batch may hold: configured, or derived from free memory."""

import logging
import os

import torch
from transformers import PreTrainedModel

logger = logging.getLogger(__name__)

# Of the memory free once the weights are loaded, what the cache may take; the rest is for activations.
CACHE_SHARE_OF_FREE_MEMORY = 0.7


def kv_cache_bytes_per_token(model: PreTrainedModel) -> int:
    """Keys and values of one token in every layer (sliding layers counted as full: an upper bound)."""
    text = model.config.get_text_config()
    element = torch.finfo(model.dtype).bits // 8
    return 2 * text.num_hidden_layers * text.num_key_value_heads * text.head_dim * element


def kv_cache_budget(model: PreTrainedModel, configured: int) -> int:
    """configured when set (above 0); otherwise a share of the device's free memory, in tokens."""
    if configured > 0:
        return configured
    if model.device.type == "cuda":
        free, _ = torch.cuda.mem_get_info(model.device)
    else:
        free = os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    tokens = int(free * CACHE_SHARE_OF_FREE_MEMORY) // kv_cache_bytes_per_token(model)
    logger.info("Key-value cache budget: %d tokens (%.1f GiB free on %s)", tokens, free / 2**30, model.device)
    return tokens
