"""The running batch's key-value cache: rows join by merging, leave by selection, and padding is trimmed.

Rows of different lengths share one DynamicCache through left padding: every row is
T columns wide, its real tokens at the right and zeros in the 2D attention mask before
them. Gemma 3 mixes two kinds of layers, and each keeps T its own way:

- full-attention layers store all T columns;
- sliding-window layers store the last min(T, window - 1) columns and count T in
  `cumulative_length`, from which transformers sizes the mask (`get_mask_sizes`).

The invariant, asserted after every change: mask width = full-layer length =
sliding `cumulative_length` = T, and each sliding layer stores min(T, window - 1)
columns. Break it and attention raises, or silently reads the wrong columns.
(Checked on transformers 5.23; see shared/docs/verified.md.)
"""

import torch
from torch.nn import functional
from transformers import DynamicCache
from transformers.cache_utils import DynamicSlidingWindowLayer


class BatchCache:
    """A DynamicCache and its 2D attention mask, one row per sequence, kept consistent."""

    def __init__(self, cache: DynamicCache, attention_mask: torch.Tensor) -> None:
        self.cache = cache
        self.attention_mask = attention_mask
        self.check()

    @property
    def rows(self) -> int:
        return self.attention_mask.shape[0]

    @property
    def width(self) -> int:
        """T: the columns every row spans, padding included."""
        return self.attention_mask.shape[1]

    def next_positions(self) -> torch.Tensor:
        """Each row's position for its next token: its own count of real tokens, whatever its padding."""
        return self.attention_mask.sum(dim=-1, keepdim=True)

    def mask_for_next_token(self) -> torch.Tensor:
        """The mask a decode step passes: a real column appended for the token it feeds."""
        ones = self.attention_mask.new_ones((self.rows, 1))
        return torch.cat([self.attention_mask, ones], dim=-1)

    def advance(self, step_mask: torch.Tensor) -> None:
        """After a decode step: the layers have grown by the fed column, and so does the mask."""
        self.attention_mask = step_mask
        self.check()

    def merge(self, other: "BatchCache") -> None:
        """Appends other's rows after ours: both sides are left-padded to the wider T."""
        width = max(self.width, other.width)
        for ours, theirs in zip(self.cache.layers, other.cache.layers, strict=True):
            if isinstance(ours, DynamicSlidingWindowLayer):
                stored = min(width, ours.sliding_window - 1)
                ours.cumulative_length = width
            else:
                stored = width
            ours.keys = torch.cat([_left_pad(ours.keys, stored), _left_pad(theirs.keys, stored)])
            ours.values = torch.cat([_left_pad(ours.values, stored), _left_pad(theirs.values, stored)])
        self.attention_mask = torch.cat([_left_pad(self.attention_mask, width), _left_pad(other.attention_mask, width)])
        self.check()

    def keep(self, rows: list[int]) -> None:
        """Keeps only these rows (in this order), then drops the leading columns that are padding in all of them."""
        index = torch.tensor(rows, dtype=torch.long, device=self.attention_mask.device)
        for layer in self.cache.layers:
            layer.keys = layer.keys.index_select(0, index)
            layer.values = layer.values.index_select(0, index)
        self.attention_mask = self.attention_mask.index_select(0, index)
        self._trim_shared_padding()

    def check(self) -> None:
        width = self.width
        for number, layer in enumerate(self.cache.layers):
            if isinstance(layer, DynamicSlidingWindowLayer):
                expected = min(width, layer.sliding_window - 1)
                assert layer.cumulative_length == width, (
                    f"layer {number}: counts {layer.cumulative_length}, not {width}"
                )
            else:
                expected = width
            assert layer.keys.shape[0] == self.rows, f"layer {number}: {layer.keys.shape[0]} rows, not {self.rows}"
            assert layer.keys.shape[-2] == expected, f"layer {number}: stores {layer.keys.shape[-2]}, not {expected}"

    def _trim_shared_padding(self) -> None:
        real_columns = self.attention_mask.any(dim=0).nonzero()
        if len(real_columns) == 0:
            return
        drop = int(real_columns[0])
        if drop == 0:
            return
        width = self.width - drop
        for layer in self.cache.layers:
            if isinstance(layer, DynamicSlidingWindowLayer):
                layer.cumulative_length -= drop
                keep = min(width, layer.sliding_window - 1)
            else:
                keep = width
            # The columns dropped are the oldest: the left of what the layer stores.
            layer.keys = layer.keys[:, :, layer.keys.shape[-2] - keep :]
            layer.values = layer.values[:, :, layer.values.shape[-2] - keep :]
        self.attention_mask = self.attention_mask[:, drop:]
        self.check()


def _left_pad(tensor: torch.Tensor, length: int) -> torch.Tensor:
    """Zeros before the last dimension's (a mask) or the sequence dimension's (keys, values) start, up to length."""
    sequence_dim = -1 if tensor.dim() == 2 else -2
    missing = length - tensor.shape[sequence_dim]
    if missing <= 0:
        return tensor
    padding = (missing, 0) if sequence_dim == -1 else (0, 0, missing, 0)
    return functional.pad(tensor, padding)
