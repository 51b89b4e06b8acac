"""The running batch is exact: every row's logits match answering that row alone, at every step.

These drive the model runner directly, on the tiny variant with a full-attention layer and a
sliding window of 16, with prompts short and long against that window. The reference for a
row is one forward pass over its prompt and its answer so far, with no cache and no batch.
Greedy tokens alone could hide a bug (random weights leave wide margins), so logits are
compared too, within 1e-5, in float32.
"""

import pytest
import torch
from PIL import Image

from chat.inference.detokenize import IncrementalDecoder
from chat.inference.jobs import Job
from chat.inference.model_runner import ModelRunner, _chunk_end
from chat.inference.prompts import Prompt
from chat.inference.sampling import Sampling

TOLERANCE = 1e-5


class Rows:
    """Jobs made straight from token ids, and the solo reference for each."""

    def __init__(self, loaded) -> None:
        self.loaded = loaded
        self.generator = torch.Generator().manual_seed(0)
        tokenizer = loaded.processor.tokenizer
        self.tokenizer = tokenizer
        # Plain text tokens: above the special ones, below the vocabulary's end.
        self.low = len(tokenizer.all_special_ids) + 1
        self.high = loaded.model.config.text_config.vocab_size
        self.image_token_id = loaded.model.config.image_token_id

    def job(self, length: int, *, image_at: int | None = None) -> Job:
        ids = torch.randint(self.low, self.high, (length,), generator=self.generator)
        types = torch.zeros(length, dtype=torch.long)
        inputs = {}
        if image_at is not None:
            tokens = self.loaded.model.config.mm_tokens_per_image
            ids[image_at : image_at + tokens] = self.image_token_id
            types[image_at : image_at + tokens] = 1
            pixels = self.loaded.processor.image_processor([Image.new("RGB", (64, 48), "teal")], return_tensors="pt")
            inputs["pixel_values"] = pixels["pixel_values"]
        inputs |= {"input_ids": ids.unsqueeze(0), "token_type_ids": types.unsqueeze(0)}
        job = Job(request=None, sampling=Sampling(max_new_tokens=64, temperature=0.0, top_p=1.0), stream=None)
        job.prompt = Prompt(text="", token_ids=ids.tolist(), images=(), turns_kept=1)
        job.inputs = inputs
        job.decoder = IncrementalDecoder(self.tokenizer)
        return job

    def solo_logits(self, job: Job) -> torch.Tensor:
        ids, types = job.continuation()
        inputs = {"input_ids": ids.unsqueeze(0), "token_type_ids": types.unsqueeze(0)}
        if "pixel_values" in job.inputs:
            inputs["pixel_values"] = job.inputs["pixel_values"]
        with torch.inference_mode():
            return self.loaded.model(**inputs, logits_to_keep=1).logits[0, -1].float()


def choose(jobs: list[Job], logits: torch.Tensor) -> None:
    """Greedy tokens become each row's last token and part of its answer, as the output side does."""
    for job, token in zip(jobs, logits.argmax(-1).tolist(), strict=True):
        job.decoder.push(token)
        job.last_token = token


def assert_exact(rows: Rows, jobs: list[Job], logits: torch.Tensor) -> None:
    for row, job in enumerate(jobs):
        reference = rows.solo_logits(job)
        assert torch.allclose(logits[row], reference, atol=TOLERANCE, rtol=0), f"row {row} differs"
        assert logits[row].argmax() == reference.argmax()


@pytest.fixture
def rows(full_attention_model) -> Rows:
    return Rows(full_attention_model)


@pytest.fixture
def runner(full_attention_model) -> ModelRunner:
    return ModelRunner(full_attention_model)


def join(runner: ModelRunner, rows: Rows, jobs: list[Job]) -> None:
    with torch.inference_mode():
        cache, logits = runner.prefill(jobs)
    assert_exact(rows, jobs, logits)
    choose(jobs, logits)
    runner.join(jobs, cache)


def steps(runner: ModelRunner, rows: Rows, count: int) -> None:
    for _ in range(count):
        with torch.inference_mode():
            logits = runner.decode()
        assert_exact(rows, runner.jobs, logits)
        choose(runner.jobs, logits)


def test_the_variant_has_both_kinds_of_layer(full_attention_model):
    text = full_attention_model.model.config.text_config
    assert text.layer_types == ["sliding_attention", "full_attention", "sliding_attention"]
    assert text.sliding_window == 16


def test_rows_prefilled_together_decode_as_if_alone(runner, rows):
    join(runner, rows, [rows.job(5), rows.job(12), rows.job(40)])

    steps(runner, rows, 20)


def test_a_newcomer_shorter_than_a_batch_still_inside_the_window_joins_exactly(runner, rows):
    join(runner, rows, [rows.job(8)])
    steps(runner, rows, 2)

    join(runner, rows, [rows.job(4)])

    assert runner.width < 16
    steps(runner, rows, 12)


def test_a_newcomer_longer_than_the_batch_joins_exactly(runner, rows):
    join(runner, rows, [rows.job(6), rows.job(9)])
    steps(runner, rows, 3)

    join(runner, rows, [rows.job(30)])

    steps(runner, rows, 6)


def test_a_newcomer_joins_a_batch_that_has_slid_past_the_window(runner, rows):
    join(runner, rows, [rows.job(20)])
    steps(runner, rows, 10)
    assert runner.width > 16

    join(runner, rows, [rows.job(3), rows.job(50)])

    steps(runner, rows, 8)


def test_rows_with_images_join_a_running_batch(runner, rows):
    join(runner, rows, [rows.job(10)])
    steps(runner, rows, 4)

    join(runner, rows, [rows.job(24, image_at=3), rows.job(7)])

    steps(runner, rows, 6)


def test_rows_leave_and_the_shared_padding_is_trimmed(runner, rows):
    longest = rows.job(45)
    join(runner, rows, [rows.job(4), longest, rows.job(10)])
    steps(runner, rows, 3)

    runner.remove({longest})

    # The longest row's columns were padding for everyone else: they are gone.
    assert runner.width == 10 + 3
    steps(runner, rows, 5)
    join(runner, rows, [rows.job(6)])
    runner.remove({runner.jobs[0]})
    steps(runner, rows, 10)


def test_the_last_row_leaving_empties_the_batch(runner, rows):
    join(runner, rows, [rows.job(5)])
    runner.remove(set(runner.jobs))

    assert runner.jobs == [] and runner.width == 0
    join(runner, rows, [rows.job(7)])
    steps(runner, rows, 2)


def test_a_long_prompt_prefilled_in_chunks_equals_one_prefill(runner, rows):
    job = rows.job(70, image_at=20)
    chunked = runner.start_chunked(job)
    sizes = []
    with torch.inference_mode():
        while not chunked.finished:
            before = chunked.done
            runner.prefill_chunk(chunked, budget=24)
            sizes.append(chunked.done - before)

    # The chunk that reached the image stopped before it; the next took the image whole.
    assert sizes == [20, 24, 24, 2]
    assert torch.allclose(chunked.logits[0], rows.solo_logits(job), atol=TOLERANCE, rtol=0)
    join(runner, rows, [rows.job(9)])
    choose([job], chunked.logits)
    runner.join([job], runner.finish_chunked(chunked))
    steps(runner, rows, 5)


def test_a_chunk_that_would_cut_an_image_ends_before_it_or_takes_it_whole():
    image = [(10, 26)]

    assert _chunk_end(0, 16, image) == 10
    assert _chunk_end(10, 14, image) == 26
    assert _chunk_end(0, 8, image) == 8
    assert _chunk_end(26, 40, image) == 40
