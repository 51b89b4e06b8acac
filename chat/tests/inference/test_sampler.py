import torch

from chat.inference.jobs import Job
from chat.inference.sampler import Sampler
from chat.inference.sampling import Sampling


def row(temperature: float, top_p: float = 1.0, seed: int | None = 0) -> Job:
    sampling = Sampling(max_new_tokens=8, temperature=temperature, top_p=top_p, seed=seed)
    return Job(request=None, sampling=sampling, stream=None)


def test_greedy_rows_take_the_most_likely_token():
    logits = torch.tensor([[0.1, 3.0, 0.2], [2.0, 0.0, 1.0]])

    assert Sampler().choose(logits, [row(0.0), row(0.0)]) == [1, 0]


def test_top_p_keeps_only_the_nucleus():
    # Token 2 holds almost all the mass: top_p 0.5 leaves nothing else to draw.
    logits = torch.tensor([[0.0, 0.0, 10.0, 0.0]])
    jobs = [row(1.0, top_p=0.5, seed=seed) for seed in range(50)]

    assert {Sampler().choose(logits.clone(), [job])[0] for job in jobs} == {2}


def test_each_row_draws_with_its_own_settings():
    logits = torch.zeros((2, 64))
    greedy, hot = row(0.0), row(2.0, seed=3)

    drawn = {Sampler().choose(logits.clone(), [greedy, hot])[1] for _ in range(40)}

    assert Sampler().choose(logits.clone(), [greedy, hot])[0] == 0
    assert len(drawn) > 10


def test_the_same_seed_draws_the_same_tokens():
    logits = torch.randn((1, 100), generator=torch.Generator().manual_seed(1))
    first, second = row(1.0, seed=42), row(1.0, seed=42)

    assert [Sampler().choose(logits.clone(), [first]) for _ in range(20)] == [
        Sampler().choose(logits.clone(), [second]) for _ in range(20)
    ]


def test_suppressed_tokens_are_never_chosen():
    logits = torch.tensor([[0.0, 9.0, 1.0]])

    assert Sampler(suppressed_token_ids={1}).choose(logits, [row(0.0)]) == [2]


def test_a_draw_never_takes_a_token_without_probability():
    # Logits of -inf are tokens a JSON schema rules out; this draw rounds up to 1.0 in float32.
    logits = torch.tensor([[0.0, 1.0, float("-inf"), float("-inf")]])
    job = row(1.0)
    job.rng.random = lambda: 1.0 - 2.0**-40

    assert Sampler().choose(logits, [job]) == [0]
