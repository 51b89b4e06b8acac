"""Fair turns, the one rule both engines order their waiting requests by.

A turn goes to the owner with the fewest answers in flight, and between equals to the one who
had a turn least recently (round robin); within one owner, first come first served. So someone
with 80 questions waiting takes no more of the model than someone with one.
"""

from collections import Counter, deque
from collections.abc import Iterable
from itertools import count
from typing import TypeVar

Item = TypeVar("Item")


def fair_order(waiting: dict[str, deque[Item]], turn: dict[str, int], in_flight: Iterable[str]) -> list[Item]:
    """Every waiting item, in the order turns would take them, with these owners' answers in flight.

    waiting holds each owner's queue; turn their places in the round robin (lower goes first).
    """
    rows = Counter(in_flight)
    turn = dict(turn)
    next_turn = count(max(turn.values(), default=0) + 1)
    taken = dict.fromkeys(waiting, 0)
    total = sum(len(queue) for queue in waiting.values())
    order: list[Item] = []
    while len(order) < total:
        owner = min(
            (owner for owner, queue in waiting.items() if taken[owner] < len(queue)),
            key=lambda owner: (rows[owner], turn[owner]),
        )
        order.append(waiting[owner][taken[owner]])
        taken[owner] += 1
        rows[owner] += 1
        turn[owner] = next(next_turn)
    return order
