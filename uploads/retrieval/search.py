"""Finding a person's passages for a question: theirs only, ranked by BM25."""

from collections.abc import Collection
from dataclasses import dataclass

import numpy as np

from uploads.retrieval.index import owner_index


@dataclass(frozen=True)
class Hit:
    passage_id: int
    upload_id: str
    page: int | None
    text: str
    score: float


def passages_ranked(
    *, owner_id: int, query: str, limit: int | None = None, upload_ids: Collection[str] | None = None
) -> list[Hit]:
    """The owner's passages, best first: those with a word of the query, or, within upload_ids, all of them.

    Without upload_ids, passages that share no word with the query are not hits. With them
    (a chat's own attachments, which always take part), every passage of those uploads is, the
    unmatched ones last in their order in the file. Only ever the owner's: the index is per owner.
    """
    index = owner_index(owner_id)
    if not index.passages:
        return []
    scores = index.scores(query)
    if upload_ids is not None:
        wanted = {str(upload_id) for upload_id in upload_ids}
        eligible = np.fromiter((p.upload_id in wanted for p in index.passages), dtype=bool, count=len(index.passages))
    else:
        eligible = scores > 0
    rows = np.flatnonzero(eligible)
    # Highest score first; ties (all the unmatched) keep the passages' order, which is the files' order.
    order = rows[np.argsort(-scores[rows], kind="stable")]
    if limit is not None:
        order = order[:limit]
    return [_hit(index.passages[row], float(scores[row])) for row in order]


def _hit(passage, score: float) -> Hit:
    return Hit(
        passage_id=passage.passage_id, upload_id=passage.upload_id, page=passage.page, text=passage.text, score=score
    )
