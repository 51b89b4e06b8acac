"""The scheduler: who joins the running batch at the next step, in fair turns and within budgets.

Waiting requests queue per owner (a user). Turns go to the owner with the fewest answers
running, and between equals round-robin, so someone with 80 questions waiting takes no
more of the model than someone with one. The queue position a request reports is its
place in exactly that order.

Each step admits requests while three budgets hold:
- batch size: at most max_batch_size rows run together;
- prefill: at most prefill_tokens_per_step prompt tokens (padding counted) are computed
  before the running rows take their next step, so a join pauses them only briefly; a
  longer prompt is prefilled in chunks over several steps, one such prompt at a time;
- memory: rows x the longest any of them may grow (prompt plus its answer budget) stays
  within kv_cache_tokens, since in full-attention layers every row pays for the longest.

When the batch is full and an owner with few rows is waiting behind an owner with many,
the latter's newest row is preempted: it leaves the batch, keeps its answer so far, and
waits at the head of its owner's queue to be prefilled again, as vLLM does by recompute.
"""

from collections import Counter, deque
from dataclasses import dataclass, field
from itertools import count

from chat.inference.fair_turns import fair_order
from chat.inference.jobs import Job


@dataclass(frozen=True)
class SchedulerBudget:
    max_batch_size: int
    prefill_tokens_per_step: int
    kv_cache_tokens: int


@dataclass
class Plan:
    """This step's admissions: jobs prefilled together, or one long prompt begun in chunks; rows to preempt first."""

    admit: list[Job] = field(default_factory=list)
    chunked: Job | None = None
    preempt: list[Job] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.admit or self.chunked or self.preempt)


class Scheduler:
    def __init__(self, budget: SchedulerBudget) -> None:
        self.budget = budget
        self._waiting: dict[str, deque[Job]] = {}
        # Owners' places in the round-robin: lower goes first among owners with as many rows running.
        self._turn: dict[str, int] = {}
        self._turns = count()

    def __len__(self) -> int:
        return sum(len(queue) for queue in self._waiting.values())

    def __contains__(self, job: Job) -> bool:
        return job in self._waiting.get(job.owner, ())

    def add(self, job: Job, *, front: bool = False) -> None:
        queue = self._waiting.setdefault(job.owner, deque())
        if job.owner not in self._turn:
            self._turn[job.owner] = next(self._turns)
        if front:
            queue.appendleft(job)
        else:
            queue.append(job)

    def remove(self, job: Job) -> None:
        queue = self._waiting.get(job.owner)
        if queue is not None and job in queue:
            queue.remove(job)
            self._forget_if_idle(job.owner)

    def take_all(self) -> list[Job]:
        jobs = [job for queue in self._waiting.values() for job in queue]
        self._waiting.clear()
        return jobs

    def waiting_for(self, owner: str) -> int:
        return len(self._waiting.get(owner, ()))

    def admission_order(self, running: list[Job]) -> list[Job]:
        """Every waiting job, in the order fair turns would admit them with these rows running."""
        return fair_order(self._waiting, self._turn, (job.owner for job in running))

    def schedule(self, running: list[Job], *, chunk_in_flight: Job | None) -> Plan:
        """Decides this step's admissions; the jobs it names have left the waiting queues."""
        plan = Plan()
        # Called before every decode step: with nobody waiting there is nothing to weigh.
        # A long prompt being prefilled has this step's prefill budget to itself.
        if not self._waiting or chunk_in_flight is not None:
            return plan
        batch = list(running)
        for job in self.admission_order(running):
            group = [*plan.admit, job]
            cost = len(group) * max(member.prefill_length for member in group)
            if cost > self.budget.prefill_tokens_per_step and plan.admit:
                break
            if not self._make_room(batch, job, plan, preemptible=running):
                break
            batch.append(job)
            self._take(job)
            if cost > self.budget.prefill_tokens_per_step:
                plan.chunked = job
                break
            plan.admit.append(job)
        return plan

    def fits_alone(self, job: Job) -> bool:
        return job.longest_length <= self.budget.kv_cache_tokens

    def _make_room(self, batch: list[Job], job: Job, plan: Plan, *, preemptible: list[Job]) -> bool:
        """True when job fits beside batch, preempting other owners' running rows where fairness asks for it."""
        while not self._fits([*batch, job]):
            victim = self._victim(batch, job.owner, preemptible)
            if victim is None:
                return False
            batch.remove(victim)
            plan.preempt.append(victim)
        return True

    def _fits(self, batch: list[Job]) -> bool:
        longest = max(job.longest_length for job in batch)
        return len(batch) <= self.budget.max_batch_size and len(batch) * longest <= self.budget.kv_cache_tokens

    def _victim(self, batch: list[Job], newcomer: str, preemptible: list[Job]) -> Job | None:
        """The newest running row of the owner with most rows, if they would keep at least as many as newcomer."""
        rows = Counter(job.owner for job in batch)
        busiest, most = max(rows.items(), key=lambda item: item[1], default=(None, 0))
        if busiest is None or busiest == newcomer or most < rows[newcomer] + 2:
            return None
        return next((job for job in reversed(preemptible) if job.owner == busiest and job in batch), None)

    def _take(self, job: Job) -> None:
        self._waiting[job.owner].remove(job)
        # The owner's turn is used: others with as many rows running go before them next time.
        self._turn[job.owner] = next(self._turns)
        self._forget_if_idle(job.owner)

    def _forget_if_idle(self, owner: str) -> None:
        if not self._waiting.get(owner):
            self._waiting.pop(owner, None)
            self._turn.pop(owner, None)
