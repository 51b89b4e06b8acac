"""Each person's BM25 index, in memory only: built from their sealed passages when first needed.

Passages are encrypted at rest, so a search index on disk would be a plaintext copy of them.
Instead the index lives in this process, one per person, rebuilt when their passages change
(a new or deleted file: the count or the newest id differs) and dropped, least recently used
first, past RECORDS_INDEX_CACHE_PEOPLE. bm25s scores with sparse matrices: building is a pass
over the words, a question is a few array operations.
"""

import threading
from collections import OrderedDict
from dataclasses import dataclass

import bm25s
import numpy as np
from django.conf import settings
from django.db.models import Count, Max

from uploads.models import Passage
from uploads.retrieval.synonyms import EXPANSION_WEIGHT, expansions
from uploads.retrieval.tokens import words


@dataclass(frozen=True)
class IndexedPassage:
    passage_id: int
    upload_id: str
    page: int | None
    text: str


class OwnerIndex:
    """One person's passages and their BM25 index."""

    def __init__(self, passages: list[IndexedPassage]):
        self.passages = passages
        self._bm25: bm25s.BM25 | None = None
        corpus = [words(passage.text) for passage in passages]
        if any(corpus):
            self._bm25 = bm25s.BM25()
            # An empty passage (digits only, say) still needs a row, so that rows and passages line up.
            self._bm25.index([tokens or [""] for tokens in corpus], show_progress=False)

    def scores(self, query: str) -> np.ndarray:
        """Every passage's BM25 score for the query, in the order of self.passages; 0 where no word matches.

        The clinical words for the query's lay ones (synonyms.expansions) count EXPANSION_WEIGHT of a typed word.
        """
        scores = np.zeros(len(self.passages), dtype=np.float32)
        for query_words, weight in ((words(query), 1.0), (expansions(query), EXPANSION_WEIGHT)):
            known = self._known(query_words)
            if known:
                scores += weight * self._bm25.get_scores(known)
        return scores

    def _known(self, query_words: list[str]) -> list[str]:
        if self._bm25 is None:
            return []
        return [word for word in query_words if word in self._bm25.vocab_dict]


_lock = threading.Lock()
_indexes: "OrderedDict[int, tuple[tuple[int, int | None], OwnerIndex]]" = OrderedDict()


def owner_index(owner_id: int) -> OwnerIndex:
    """The person's index as their passages stand now: the cached one if nothing changed since."""
    stamp = _stamp(owner_id)
    with _lock:
        cached = _indexes.get(owner_id)
        if cached is not None and cached[0] == stamp:
            _indexes.move_to_end(owner_id)
            return cached[1]
    index = OwnerIndex(
        [
            IndexedPassage(passage_id=pk, upload_id=str(upload_id), page=page, text=text)
            for pk, upload_id, page, text in Passage.objects.filter(owner_id=owner_id)
            .order_by("id")
            .values_list("id", "upload_id", "page", "text")
        ]
    )
    with _lock:
        _indexes[owner_id] = (stamp, index)
        _indexes.move_to_end(owner_id)
        while len(_indexes) > settings.RECORDS_INDEX_CACHE_PEOPLE:
            _indexes.popitem(last=False)
    return index


def forget_owner(owner_id: int) -> None:
    """Drop a person's index, so that their next question builds it afresh (the benchmark's cold start)."""
    with _lock:
        _indexes.pop(owner_id, None)


def _stamp(owner_id: int) -> tuple[int, int | None]:
    # A new file adds passages (a higher newest id); a deleted one removes them (a lower count).
    row = Passage.objects.filter(owner_id=owner_id).aggregate(count=Count("id"), newest=Max("id"))
    return row["count"], row["newest"]
