"""Who is sent upstream next: fair turns between owners, first come first served within one owner.

The local engine's scheduler (chat.inference.scheduler) orders its waiting rows by the same rule,
chat.inference.fair_turns. A request's queue position is its place in exactly this order.
"""

from collections import Counter, deque
from collections.abc import Iterable
from itertools import count
from typing import Generic, Protocol, TypeVar

from chat.inference.fair_turns import fair_order


class Owned(Protocol):
    @property
    def owner(self) -> str: ...


Item = TypeVar("Item", bound=Owned)


class FairQueue(Generic[Item]):
    def __init__(self) -> None:
        self._waiting: dict[str, deque[Item]] = {}
        # Owners' places in the round robin: lower goes first among owners with as many in flight.
        self._turn: dict[str, int] = {}
        self._turns = count()

    def __len__(self) -> int:
        return sum(len(queue) for queue in self._waiting.values())

    def __contains__(self, item: Item) -> bool:
        return item in self._waiting.get(item.owner, ())

    def add(self, item: Item) -> None:
        if item.owner not in self._waiting:
            self._waiting[item.owner] = deque()
            self._turn.setdefault(item.owner, next(self._turns))
        self._waiting[item.owner].append(item)

    def remove(self, item: Item) -> bool:
        """Takes item out of the queue; False when it wasn't waiting."""
        if item not in self:
            return False
        self._waiting[item.owner].remove(item)
        self._forget_if_idle(item.owner)
        return True

    def order(self, in_flight: Iterable[str] = ()) -> list[Item]:
        """Every waiting item, in the order they would be taken with these owners' answers in flight."""
        return fair_order(self._waiting, self._turn, in_flight)

    def pop(self, in_flight: Iterable[str] = ()) -> Item:
        """The next item to send, taken out of the queue; its owner's turn is used. IndexError when empty."""
        if not self._waiting:
            raise IndexError("pop from an empty FairQueue")
        rows = Counter(in_flight)
        owner = min(self._waiting, key=lambda owner: (rows[owner], self._turn[owner]))
        item = self._waiting[owner].popleft()
        self._turn[item.owner] = next(self._turns)
        self._forget_if_idle(item.owner)
        return item

    def take_all(self) -> list[Item]:
        items = [item for queue in self._waiting.values() for item in queue]
        self._waiting.clear()
        self._turn.clear()
        return items

    def _forget_if_idle(self, owner: str) -> None:
        if not self._waiting.get(owner):
            self._waiting.pop(owner, None)
            self._turn.pop(owner, None)
