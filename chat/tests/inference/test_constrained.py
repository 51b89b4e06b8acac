"""Answers held to a JSON schema, row by row, in the same batch as everyone's free text.

The tiny model's weights are random: a valid answer here proves the constraint, not the model.
"""

import asyncio
import json

import jsonschema
import pytest
import torch

from chat.inference.constraints import JsonConstraints, json_schema_text, mask_logits
from chat.inference.engine import _eos_token_ids, _json_constraints
from chat.inference.errors import InvalidRequest
from chat.inference.jobs import Job
from chat.inference.output import BROKEN_CONSTRAINT, OutputProcessor
from chat.inference.sampling import Sampling
from chat.inference.types import FinishReason
from chat.tests.inference.helpers import question, solo_tokens

LAB_VALUES = {
    "type": "object",
    "properties": {
        "results": {
            "type": "array",
            "minItems": 1,
            "maxItems": 2,
            "items": {
                "type": "object",
                "properties": {name: {"type": "string", "maxLength": 6} for name in ("analyte", "value", "unit")},
                "required": ["analyte", "value", "unit"],
                "additionalProperties": False,
            },
        }
    },
    "required": ["results"],
    "additionalProperties": False,
}
# Every token allowed is at least one byte, and the longest answer the schema allows is 241 bytes
# (two items of three 6-character strings of 4-byte characters): it always closes within this budget.
ENOUGH_TOKENS = 256
PAGE = "Read the lab values on this page."


def allowed(constraint, vocab_size: int) -> set[int]:
    logits = torch.zeros((1, vocab_size))
    mask_logits(logits, {0: constraint})
    return set(torch.nonzero(logits[0] > float("-inf")).flatten().tolist())


def text_tokens(tokenizer, text: str) -> list[int]:
    return tokenizer.encode(text, add_special_tokens=False)


@pytest.fixture
def constraints(tiny_model) -> JsonConstraints:
    return _json_constraints(tiny_model)


@pytest.fixture
def vocab_size(tiny_model) -> int:
    return tiny_model.model.get_output_embeddings().weight.shape[0]


async def test_answers_held_to_a_schema_are_json_valid_for_it(make_engine):
    engine = make_engine()
    engine.start()
    requests = [
        question(PAGE, max_new_tokens=ENOUGH_TOKENS, json_schema=LAB_VALUES),
        *(
            question(PAGE, max_new_tokens=ENOUGH_TOKENS, json_schema=LAB_VALUES, temperature=1.0, seed=seed)
            for seed in range(3)
        ),
    ]

    results = await asyncio.gather(*[(await engine.submit(request)).result() for request in requests])

    for result in results:
        # Stopped, not cut off, although the engine is set to ignore end-of-turn (ignore_eos):
        # a constrained answer ends when its JSON does.
        assert result.finish_reason is FinishReason.STOP
        jsonschema.validate(json.loads(result.text), LAB_VALUES)
    assert len({result.text for result in results}) > 1


async def test_a_constrained_row_batches_with_a_free_one_which_answers_as_it_would_alone(make_engine, tiny_model):
    engine = make_engine(prefill_tokens_per_step=4096)
    constrained = question(PAGE, max_new_tokens=ENOUGH_TOKENS, json_schema=LAB_VALUES)
    free = question("I have a headache. What should I do?", max_new_tokens=40)
    streams = [await engine.submit(constrained), await engine.submit(free)]

    engine.start()
    constrained_result, free_result = await asyncio.gather(*(stream.result() for stream in streams))

    assert engine.counters.largest_batch == 2
    assert constrained_result.finish_reason is FinishReason.STOP
    jsonschema.validate(json.loads(constrained_result.text), LAB_VALUES)
    assert free_result.finish_reason is FinishReason.LENGTH
    assert list(free_result.token_ids) == solo_tokens(tiny_model, free)


@pytest.mark.parametrize(
    ("schema", "also", "reason"),
    [
        ({"type": "object", "properties": {"value": {"type": "nonsense"}}}, {}, 'Unsupported type "nonsense"'),
        ({"type": "array", "maxItems": "two"}, {}, "maxItems must be a non-negative integer"),
        (["not", "a", "schema"], {}, "json_schema must be a JSON object, not list"),
        (LAB_VALUES, {"stop": ("}",)}, "stop strings can't be combined with json_schema"),
    ],
)
async def test_a_schema_that_cannot_hold_an_answer_is_refused_with_the_reason(engine, schema, also, reason):
    with pytest.raises(InvalidRequest, match=reason):
        await engine.submit(question(PAGE, json_schema=schema, **also))

    assert engine.counters.requests_served == 0


def test_end_of_turn_is_allowed_once_the_json_is_complete_and_then_only_it(tiny_model, constraints, vocab_size):
    tokenizer = tiny_model.processor.tokenizer
    stops = _eos_token_ids(tiny_model)
    constraint = constraints.start(json_schema_text(LAB_VALUES))
    *beginning, last = text_tokens(tokenizer, '{"results": [{"analyte": "Hb", "value": "13.5", "unit": "g/dL"}]}')

    for token_id in beginning:
        assert not allowed(constraint, vocab_size) & stops
        constraint.accept(token_id)
    constraint.accept(last)

    assert not constraint.broken
    assert allowed(constraint, vocab_size) == stops


def test_control_characters_and_special_tokens_are_never_allowed_even_in_a_string(tiny_model, constraints, vocab_size):
    tokenizer = tiny_model.processor.tokenizer
    constraint = constraints.start(json_schema_text(LAB_VALUES))
    for token_id in text_tokens(tokenizer, '{"results": [{"analyte": "'):
        constraint.accept(token_id)

    inside_a_string = allowed(constraint, vocab_size)

    assert set(text_tokens(tokenizer, "Hb")) <= inside_a_string
    control_characters = {token_id for text in ("\n", "\t") for token_id in text_tokens(tokenizer, text)}
    special = set(tokenizer.all_special_ids) | set(range(len(tokenizer), vocab_size))
    assert not inside_a_string & (control_characters | special)


def test_a_token_the_schema_rules_out_ends_the_answer_with_an_error(tiny_model, constraints):
    tokenizer = tiny_model.processor.tokenizer
    finished = []
    output = OutputProcessor(
        tokenizer, eos_token_ids=_eos_token_ids(tiny_model), on_finished=lambda *args: finished.append(args)
    )
    job = Job(request=None, sampling=Sampling(max_new_tokens=8, temperature=0.0, top_p=1.0), stream=None)
    job.constraint = constraints.start(json_schema_text(LAB_VALUES))
    [not_json] = text_tokens(tokenizer, "I")

    job.constraint.accept(not_json)
    output.accept([job], [not_json])

    assert finished == [(job, FinishReason.ERROR, BROKEN_CONSTRAINT)]
