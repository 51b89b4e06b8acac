"""Which passages of a person's documents go into an answer's prompt, numbered for the model to cite.

Passages are ranked for the question by BM25 over everything the person has stored
(uploads.retrieval), one index per person, so nobody else's passage can ever be a candidate.

- The chat's own files always take part: each gives at least its best passage, and a long one
  its most relevant pages rather than its first ones.
- With "use my records" on, the best passages of the person's other documents join them.
- Passages go in best first while they fit RECORDS_PROMPT_TOKENS. Pages that took part but did not
  fit are counted, never silently dropped: the answer shows "3 more pages not used".

Nothing is cut into an error: however long the files, the prompt gets what fits of them.
"""

from collections.abc import Collection, Iterable
from dataclasses import dataclass

from chat.inference.types import Document
from uploads.models import Upload
from uploads.retrieval.indexing import index_pending
from uploads.retrieval.search import Hit, passages_ranked

# Gemma's tokenizer averages about four characters a token on English lab reports; three keeps
# the estimate on the safe side for numbers, units and other languages.
CHARS_PER_TOKEN = 3
# How many of the person's other passages are considered for one question.
RECORDS_CANDIDATES = 12
SNIPPET_CHARS = 200
# What a passage's label and document lines add to its text in the prompt (prompts.format_document).
_FRAME_CHARS = 120


@dataclass(frozen=True)
class RecordPassage:
    """A passage as the model sees it: [n], its document and page."""

    n: int
    upload_id: str
    name: str
    page: int | None
    text: str

    @property
    def label(self) -> str:
        where = f", page {self.page}" if self.page is not None else ""
        return f"[{self.n}] {self.name}{where}"

    @property
    def snippet(self) -> str:
        return snippet_of(self.text)

    def as_document(self) -> Document:
        return Document(name=self.label, text=self.text)


@dataclass(frozen=True)
class RecordsContext:
    passages: tuple[RecordPassage, ...] = ()
    pages_left_out: int = 0

    def documents(self) -> tuple[Document, ...]:
        return tuple(passage.as_document() for passage in self.passages)


def records_for_question(
    *, owner_id: int, question: str, attached_upload_ids: Collection[str], use_records: bool, budget_tokens: int
) -> RecordsContext:
    """The passages for this question from the chat's files and, if use_records, the person's other documents."""
    # Whatever the background indexer has not reached yet (a restart, a file stored a moment ago).
    index_pending(owner_id=owner_id)
    attached = (
        passages_ranked(owner_id=owner_id, query=question, upload_ids=attached_upload_ids)
        if attached_upload_ids
        else []
    )
    found = passages_ranked(owner_id=owner_id, query=question, limit=RECORDS_CANDIDATES) if use_records else []
    candidates = _candidates(attached=attached, found=found)
    chosen = _fit(candidates, budget_chars=budget_tokens * CHARS_PER_TOKEN)
    used_pages = {_page_of(hit) for hit in chosen}
    left_out = {_page_of(hit) for hit in candidates} - used_pages
    names = _names(owner_id=owner_id, upload_ids={hit.upload_id for hit in chosen})
    # Most relevant first; the number is the passage's place in that order.
    ranked = sorted(chosen, key=lambda hit: -hit.score)
    passages = tuple(
        RecordPassage(
            n=n, upload_id=hit.upload_id, name=names.get(hit.upload_id, "A document"), page=hit.page, text=hit.text
        )
        for n, hit in enumerate(ranked, start=1)
    )
    return RecordsContext(passages=passages, pages_left_out=len(left_out))


def snippet_of(text: str) -> str:
    """The passage's start on one line, cut at a word, for the Sources list."""
    flat = " ".join(text.split())
    if len(flat) <= SNIPPET_CHARS:
        return flat
    cut = flat[:SNIPPET_CHARS]
    space = cut.rfind(" ")
    return (cut[:space] if space > SNIPPET_CHARS // 2 else cut).rstrip(" ,;:") + "…"


def _candidates(*, attached: list[Hit], found: list[Hit]) -> list[Hit]:
    """In the order they are offered the budget: each attached file's best passage, then all the rest by score.

    Both lists come from one person's index, so their scores compare. At equal scores an
    attached file's passage comes first, and unmatched ones keep their order in the file.
    """
    firsts: dict[str, Hit] = {}
    for hit in attached:
        firsts.setdefault(hit.upload_id, hit)
    rest = sorted([*attached, *found], key=lambda hit: -hit.score)
    return list(_unique([*firsts.values(), *rest]))


def _fit(candidates: list[Hit], *, budget_chars: int) -> list[Hit]:
    """Greedily, those that fit: one too long is passed over for shorter ones after it."""
    chosen, left = [], budget_chars
    for hit in candidates:
        cost = len(hit.text) + _FRAME_CHARS
        if cost <= left:
            chosen.append(hit)
            left -= cost
    return chosen


def _unique(hits: Iterable[Hit]) -> Iterable[Hit]:
    seen: set[int] = set()
    for hit in hits:
        if hit.passage_id not in seen:
            seen.add(hit.passage_id)
            yield hit


def _page_of(hit: Hit) -> tuple[str, int | None]:
    return hit.upload_id, hit.page


def _names(*, owner_id: int, upload_ids: set[str]) -> dict[str, str]:
    uploads = Upload.objects.filter(owner_id=owner_id, pk__in=upload_ids).only("pk", "original_name")
    return {str(upload.pk): upload.original_name for upload in uploads}
