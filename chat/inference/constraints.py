"""Answers held to a JSON schema, token by token: the one module that knows the grammar library (xgrammar).

A schema is checked when its request is submitted (json_schema_text), compiled against the model's
vocabulary when the prompt is prepared (JsonConstraints.start), and from then on its row carries a
RowConstraint: before each token is chosen the row's logits are masked to the tokens that keep the
answer a beginning of valid JSON (mask_logits), and the chosen token moves it on (accept). The
end-of-turn is allowed only once the JSON is complete, and then it is the only token allowed.

The JSON is compact (", " and ": " between items, no newlines), so no control character ever belongs
in it. xgrammar 0.2.9 lets a string with maxLength hold raw tabs and the like, which json.loads
refuses (mlc-ai/xgrammar#800); we hide every token holding one from the grammar, as we do the
tokenizer's special tokens, which it would otherwise take for their literal text ("<pad>").
"""

import json
import re
import threading

import torch
import xgrammar
from transformers import PreTrainedTokenizerBase

from chat.inference.errors import InvalidRequest

# Compiling takes the one thread that prepares every prompt: a bound on what a request may ask of it.
MAX_SCHEMA_CHARACTERS = 20_000
# Compiled schemas are kept for the next request with the same one, within this much memory.
COMPILED_CACHE_BYTES = 128 * 1024 * 1024
# xgrammar's messages begin with a timestamp and its C++ source line: "[03:54:58] /project/cpp/x.cc:5082: ".
_SOURCE_PREFIX = re.compile(r"^\[[^\]]*\]\s*\S+:\d+:\s*")


def json_schema_text(schema: dict) -> str:
    """The schema as JSON text, or InvalidRequest saying why it can't constrain an answer.

    Not canonicalised: the answer gives an object's properties in the order the schema lists them.
    """
    if not isinstance(schema, dict):
        raise InvalidRequest(f"json_schema must be a JSON object, not {type(schema).__name__}.")
    try:
        text = json.dumps(schema, ensure_ascii=False)
    except (TypeError, ValueError) as exc:
        raise InvalidRequest(f"json_schema is not valid JSON: {exc}") from exc
    if len(text) > MAX_SCHEMA_CHARACTERS:
        raise InvalidRequest(f"json_schema may take up to {MAX_SCHEMA_CHARACTERS} characters, not {len(text)}.")
    try:
        # The grammar alone, without the vocabulary: a few milliseconds, and the model need not be loaded.
        xgrammar.Grammar.from_json_schema(text, any_whitespace=False)
    except Exception as exc:
        reason = _SOURCE_PREFIX.sub("", str(exc).strip())
        raise InvalidRequest(f"json_schema can't be used to constrain the answer: {reason}") from exc
    return text


class RowConstraint:
    """One answer's place in its schema's grammar; used by the model thread only."""

    def __init__(self, matcher: xgrammar.GrammarMatcher) -> None:
        self._matcher = matcher
        # The row took a token its grammar rules out: only logits that can't be ranked (NaN) let it happen.
        self.broken = False

    def fill_bitmask(self, bitmask: torch.Tensor, row: int) -> None:
        """Writes the tokens allowed next into row of bitmask (one bit a token)."""
        self._matcher.fill_next_token_bitmask(bitmask, row)

    def accept(self, token_id: int) -> None:
        """Moves on past the chosen token; the output side ends a broken row with an error."""
        if not self.broken and not self._matcher.accept_token(token_id):
            self.broken = True


def mask_logits(logits: torch.Tensor, constraints: dict[int, RowConstraint]) -> None:
    """Masks the given rows of logits ([rows, vocabulary]) to the tokens each row's grammar allows now."""
    bitmask = xgrammar.allocate_token_bitmask(logits.shape[0], logits.shape[-1])
    for row, constraint in constraints.items():
        constraint.fill_bitmask(bitmask, row)
    rows = list(constraints)
    if logits.device.type == "cpu":
        xgrammar.apply_token_bitmask_inplace(logits, bitmask, indices=rows)
    else:
        # Plain torch operations: xgrammar's default GPU kernel is a Triton JIT, which needs a C compiler at run time.
        bitmask = bitmask.to(logits.device, non_blocking=True)
        xgrammar.apply_token_bitmask_inplace(logits, bitmask, indices=rows, backend="torch_native")


class JsonConstraints:
    """Compiles schemas against one model's vocabulary; safe to use from several threads.

    The vocabulary is read on first use (a second or two for MedGemma's 262k tokens), so an
    engine that never sees a schema never pays for it.
    """

    def __init__(self, tokenizer: PreTrainedTokenizerBase, *, vocab_size: int, stop_token_ids: set[int]) -> None:
        self._tokenizer = tokenizer
        self._vocab_size = vocab_size
        self._stop_token_ids = sorted(stop_token_ids)
        self._lock = threading.Lock()
        self._compiler: xgrammar.GrammarCompiler | None = None

    def start(self, schema_text: str) -> RowConstraint:
        """A fresh constraint for one answer; schema_text comes from json_schema_text."""
        with self._lock:
            if self._compiler is None:
                self._compiler = xgrammar.GrammarCompiler(self._vocabulary(), cache_limit_bytes=COMPILED_CACHE_BYTES)
            # Cached by the compiler: the same schema is compiled once.
            compiled = self._compiler.compile_json_schema(schema_text, any_whitespace=False)
        return RowConstraint(xgrammar.GrammarMatcher(compiled))

    def _vocabulary(self) -> xgrammar.TokenizerInfo:
        """The model's tokens as xgrammar decodes them, less those that never belong in compact JSON."""
        tokenizer = self._tokenizer
        decoded = xgrammar.TokenizerInfo.from_huggingface(
            tokenizer, vocab_size=self._vocab_size, stop_token_ids=self._stop_token_ids
        )
        special = {token_id for token_id, token in tokenizer.added_tokens_decoder.items() if token.special}
        hidden = (special | set(tokenizer.all_special_ids)) - set(self._stop_token_ids)
        # xgrammar treats a token that decodes to nothing as special: never allowed.
        vocabulary = [
            b"" if token_id in hidden or any(byte < 0x20 for byte in text) else text
            for token_id, text in enumerate(decoded.decoded_vocab)
        ]
        return xgrammar.TokenizerInfo(
            vocabulary,
            xgrammar.VocabType.RAW,
            vocab_size=self._vocab_size,
            stop_token_ids=self._stop_token_ids,
            add_prefix_space=decoded.add_prefix_space,
        )
