from collections import deque

from chat.inference.fair_turns import fair_order


def test_the_owner_with_fewest_in_flight_goes_first_then_round_robin():
    waiting = {"alice": deque(["a1", "a2", "a3"]), "bob": deque(["b1"]), "carol": deque(["c1", "c2"])}
    turn = {"alice": 0, "bob": 1, "carol": 2}
    # alice has two answers running already: bob and carol go first, then turns alternate.
    assert fair_order(waiting, turn, ["alice", "alice"]) == ["b1", "c1", "c2", "a1", "a2", "a3"]


def test_among_equals_the_least_recent_turn_goes_first_and_nothing_is_changed():
    waiting = {"alice": deque(["a1", "a2"]), "bob": deque(["b1", "b2"])}
    turn = {"alice": 5, "bob": 1}
    assert fair_order(waiting, turn, []) == ["b1", "a1", "b2", "a2"]
    assert turn == {"alice": 5, "bob": 1} and list(waiting["alice"]) == ["a1", "a2"]


def test_nothing_waiting_is_an_empty_order():
    assert fair_order({}, {}, ["alice"]) == []
