"""Fair turns between owners for requests waiting to be sent to the model server."""

from dataclasses import dataclass

import pytest

from chat.inference.remote.fair_queue import FairQueue


@dataclass(eq=False)
class Request:
    owner: str
    name: str

    def __repr__(self) -> str:
        return self.name


def queue_of(*requests: Request) -> FairQueue[Request]:
    queue: FairQueue[Request] = FairQueue()
    for request in requests:
        queue.add(request)
    return queue


def names(requests) -> list[str]:
    return [request.name for request in requests]


def test_one_owner_is_first_come_first_served():
    queue = queue_of(Request("alice", "a1"), Request("alice", "a2"), Request("alice", "a3"))

    assert names(queue.order()) == ["a1", "a2", "a3"]
    assert [queue.pop().name for _ in range(3)] == ["a1", "a2", "a3"]
    assert len(queue) == 0


def test_owners_take_turns_however_many_each_has_waiting():
    queue = queue_of(*(Request("alice", f"a{n}") for n in range(1, 5)), Request("bob", "b1"), Request("carol", "c1"))

    assert names(queue.order()) == ["a1", "b1", "c1", "a2", "a3", "a4"]
    assert [queue.pop().name for _ in range(6)] == ["a1", "b1", "c1", "a2", "a3", "a4"]


def test_an_owner_with_answers_in_flight_goes_after_those_with_fewer():
    queue = queue_of(Request("alice", "a1"), Request("bob", "b1"), Request("bob", "b2"))

    assert names(queue.order(in_flight=["alice", "alice"])) == ["b1", "b2", "a1"]
    assert queue.pop(in_flight=["alice"]).name == "b1"
    # Now each has one in flight: the turn goes round to alice.
    assert queue.pop(in_flight=["alice", "bob"]).name == "a1"


def test_a_newcomer_joins_the_round_behind_those_already_waiting():
    queue = queue_of(Request("alice", "a1"), Request("alice", "a2"), Request("bob", "b1"))
    assert queue.pop().name == "a1"

    queue.add(Request("carol", "c1"))

    # alice's turn came round again before carol joined; with her first answer still in flight, carol goes first.
    assert names(queue.order()) == ["b1", "a2", "c1"]
    assert names(queue.order(in_flight=["alice"])) == ["b1", "c1", "a2"]


def test_removed_requests_leave_the_order():
    b1 = Request("bob", "b1")
    queue = queue_of(Request("alice", "a1"), b1, Request("bob", "b2"))

    assert queue.remove(b1)
    assert not queue.remove(b1)
    assert b1 not in queue
    assert names(queue.order()) == ["a1", "b2"]


def test_take_all_empties_it_and_pop_then_refuses():
    queue = queue_of(Request("alice", "a1"), Request("bob", "b1"))

    assert names(queue.take_all()) == ["a1", "b1"]
    assert len(queue) == 0
    assert queue.order() == []
    with pytest.raises(IndexError):
        queue.pop()
