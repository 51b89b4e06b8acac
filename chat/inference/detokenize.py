"""Text for an answer whose tokens arrive one at a time.

Decoding each new token alone would break characters made of several byte tokens, and
decoding the whole answer at every step costs more the longer it gets. The tokenizers
library's DecodeStream keeps a short window and emits only text that has settled.
"""

from tokenizers.decoders import DecodeStream
from transformers import PreTrainedTokenizerFast


class IncrementalDecoder:
    def __init__(self, tokenizer: PreTrainedTokenizerFast) -> None:
        self._backend = tokenizer.backend_tokenizer
        self._stream = DecodeStream(skip_special_tokens=True)
        self.token_ids: list[int] = []

    def push(self, token_id: int) -> str:
        """The text that token_id completes: often "" while a character is still incomplete."""
        self.token_ids.append(token_id)
        return self._stream.step(self._backend, token_id) or ""
