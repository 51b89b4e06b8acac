"""Chooses each row's next token from its logits, with that row's own settings.

Greedy rows take the most likely token. Sampled rows apply their temperature and top_p,
then draw with a uniform number from the row's own random generator: a seeded request
draws the same numbers whatever else shares its batch, so its answer is reproducible.
The draw is an inverse-CDF lookup on the device, so no device random state is involved.

A row whose request has a JSON schema is first masked to the tokens its grammar allows
(constraints.py), then chooses as any other row would, and its grammar takes the token.
Rows without one are never masked.
"""

import torch

from chat.inference.constraints import mask_logits
from chat.inference.jobs import Job


class Sampler:
    def __init__(self, *, suppressed_token_ids: set[int] = frozenset()) -> None:
        # Benchmarks suppress end-of-sequence so that every answer has its full length.
        self._suppressed = sorted(suppressed_token_ids)

    def choose(self, logits: torch.Tensor, jobs: list[Job]) -> list[int]:
        """One token per row of logits ([rows, vocabulary]), for the job in the same row."""
        constrained = {row: job.constraint for row, job in enumerate(jobs) if job.constraint is not None}
        if self._suppressed:
            self._suppress(logits, [row for row in range(len(jobs)) if row not in constrained])
        if constrained:
            mask_logits(logits, constrained)
        chosen = logits.argmax(dim=-1)
        sampled = [row for row, job in enumerate(jobs) if not job.sampling.greedy]
        if sampled:
            rows = torch.tensor(sampled, device=logits.device)
            chosen[rows] = _draw(logits[rows], [jobs[row] for row in sampled])
        tokens = chosen.tolist()
        for row, constraint in constrained.items():
            constraint.accept(tokens[row])
        return tokens

    def _suppress(self, logits: torch.Tensor, rows: list[int]) -> None:
        # Not in constrained rows: once their JSON is complete, end-of-turn is the only token they may take.
        if len(rows) == len(logits):
            logits[:, self._suppressed] = float("-inf")
        elif rows:
            device = logits.device
            columns = torch.tensor(self._suppressed, device=device)
            logits[torch.tensor(rows, device=device).unsqueeze(-1), columns] = float("-inf")


def _draw(logits: torch.Tensor, jobs: list[Job]) -> torch.Tensor:
    device = logits.device
    temperature = torch.tensor([job.sampling.temperature for job in jobs], device=device).unsqueeze(-1)
    top_p = torch.tensor([job.sampling.top_p for job in jobs], device=device).unsqueeze(-1)
    probabilities = torch.softmax(logits / temperature, dim=-1)
    ordered, order = probabilities.sort(dim=-1, descending=True)
    # Nucleus: keep the most likely tokens until their mass reaches top_p (the first is always kept).
    keep = (ordered.cumsum(dim=-1) - ordered) < top_p
    keep[:, 0] = True
    ordered = ordered * keep
    cumulative = ordered.cumsum(dim=-1)
    uniform = torch.tensor([job.rng.random() for job in jobs], device=device, dtype=cumulative.dtype)
    total = cumulative[:, -1:]
    # Strictly below the total: a uniform number that rounds up to 1.0 in float32 would land past the last
    # token with any mass, on one with none (a token the row's JSON schema rules out, say).
    targets = torch.minimum(uniform.unsqueeze(-1) * total, torch.nextafter(total, torch.zeros_like(total)))
    # Clamped all the same, for a row with no mass to draw from at all (NaN logits).
    picks = torch.searchsorted(cumulative, targets, right=True).clamp(max=cumulative.shape[-1] - 1)
    return order.gather(-1, picks).squeeze(-1)
