"""Fair turns and budgets, on stand-in jobs: only the sizes and owners matter to the scheduler."""

from dataclasses import dataclass

import pytest

from chat.inference.scheduler import Scheduler, SchedulerBudget


@dataclass(eq=False)
class Waiting:
    owner: str
    prefill_length: int = 100
    longest_length: int = 200
    answer_tokens: int = 0

    def __repr__(self) -> str:
        return f"{self.owner}:{self.prefill_length}"


def scheduler(max_batch_size=8, prefill_tokens_per_step=1000, kv_cache_tokens=100_000) -> Scheduler:
    return Scheduler(SchedulerBudget(max_batch_size, prefill_tokens_per_step, kv_cache_tokens))


def queue(scheduler: Scheduler, *owners: str, **sizes) -> list[Waiting]:
    jobs = [Waiting(owner, **sizes) for owner in owners]
    for job in jobs:
        scheduler.add(job)
    return jobs


def test_turns_go_round_between_owners_not_first_come_first_served():
    jobs = scheduler()
    a1, a2, a3, b1, c1 = queue(jobs, "a", "a", "a", "b", "c")

    assert jobs.admission_order(running=[]) == [a1, b1, c1, a2, a3]


def test_owners_with_fewer_rows_running_go_first():
    jobs = scheduler()
    running = [Waiting("a", answer_tokens=5), Waiting("a", answer_tokens=5)]
    a3, b1, b2 = queue(jobs, "a", "b", "b")

    assert jobs.admission_order(running=running) == [b1, b2, a3]


def test_an_owner_who_just_had_a_turn_waits_behind_equals():
    jobs = scheduler(prefill_tokens_per_step=100)
    a1, a2, b1 = queue(jobs, "a", "a", "b")

    assert jobs.schedule([], chunk_in_flight=None).admit == [a1]
    assert jobs.admission_order(running=[]) == [b1, a2]


def test_a_step_admits_within_the_prefill_budget_counting_padding():
    jobs = scheduler(prefill_tokens_per_step=300)
    short, long_, other = Waiting("a", 50), Waiting("b", 120), Waiting("c", 10)
    for job in (short, long_, other):
        jobs.add(job)

    plan = jobs.schedule([], chunk_in_flight=None)

    # Two rows padded to 120 cost 240; a third would cost 360.
    assert plan.admit == [short, long_]
    assert len(jobs) == 1


def test_a_prompt_over_the_budget_is_prefilled_in_chunks_alone():
    jobs = scheduler(prefill_tokens_per_step=300)
    huge, small = queue(jobs, "a", "b", prefill_length=900, longest_length=1000)

    plan = jobs.schedule([], chunk_in_flight=None)
    assert plan.chunked is huge and plan.admit == []
    # While it is being prefilled, nobody else is.
    assert not jobs.schedule([], chunk_in_flight=huge)
    assert small in jobs


def test_the_batch_never_passes_the_memory_budget():
    jobs = scheduler(kv_cache_tokens=1000)
    running = [Waiting("a", answer_tokens=3, longest_length=300)]
    queue(jobs, "b", "c", "d", longest_length=250)

    plan = jobs.schedule(running, chunk_in_flight=None)

    # Every row pays for the longest: 3 x 300 fits, 4 x 300 does not.
    assert len(plan.admit) == 2


def test_a_full_batch_gives_a_row_of_the_busiest_owner_to_someone_with_none():
    jobs = scheduler(max_batch_size=3)
    running = [Waiting("a", answer_tokens=9), Waiting("a", answer_tokens=5), Waiting("a", answer_tokens=1)]
    (bob,) = queue(jobs, "b")

    plan = jobs.schedule(running, chunk_in_flight=None)

    assert plan.admit == [bob]
    # The newest of a's rows goes back to wait; the others keep their progress.
    assert plan.preempt == [running[2]]


def test_no_preemption_where_it_would_only_swap_places():
    jobs = scheduler(max_batch_size=2)
    running = [Waiting("a", answer_tokens=4), Waiting("b", answer_tokens=4)]
    queue(jobs, "c")

    assert not jobs.schedule(running, chunk_in_flight=None)


@pytest.mark.parametrize("owners", [("a",) * 5, ("a", "b") * 3])
def test_every_waiting_job_has_one_place(owners):
    jobs = scheduler()
    queued = queue(jobs, *owners)

    order = jobs.admission_order(running=[])

    assert sorted(map(id, order)) == sorted(map(id, queued))
