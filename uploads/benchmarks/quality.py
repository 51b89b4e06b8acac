"""How often retrieval finds the page that answers a question: recall@1, recall@3 and MRR.

The person's files are the medical records (made into PDFs here) and the real sample PDFs of
uploads/tests/data/pdf, all stored through upload_create as an upload from the browser is, so
their text is what the app's PDF processing extracts. Every question is ranked against all of
them. A question counts as found at rank k when one of the first k passages is from its
document and page; MRR is the mean of 1/rank of the first such passage (0 when none is ranked).
"""

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from accounts.models import User
from uploads.benchmarks.medical_records import RECORDS
from uploads.benchmarks.retrieval_questions import QUESTIONS, Question
from uploads.benchmarks.text_pdf import text_pdf
from uploads.errors import UploadRejected
from uploads.retrieval.indexing import index_pending
from uploads.retrieval.search import Hit, passages_ranked
from uploads.services import upload_create

SAMPLE_PDFS = Path(__file__).resolve().parent.parent / "tests" / "data" / "pdf"


@dataclass(frozen=True)
class Miss:
    """A question whose page was not in the first three passages: what came first instead."""

    question: Question
    rank: int | None
    first: list[str]


@dataclass(frozen=True)
class Evaluation:
    questions: int
    recall_at_1: float
    recall_at_3: float
    mrr: float
    misses: list[Miss]


def records_store(*, owner: User) -> dict[str, str]:
    """Store and index the evaluation's files for owner; returns each stored file's name by upload id.

    A sample PDF the app refuses (the password-protected one) is left out, as it would be for the person.
    """
    files = {name: text_pdf(pages) for name, pages in RECORDS.items()}
    files |= {path.name: path.read_bytes() for path in sorted(SAMPLE_PDFS.glob("*.pdf"))}
    names = {}
    # Indexed before the transaction commits: the background indexer then finds nothing pending.
    with transaction.atomic():
        for name, content in files.items():
            try:
                upload = upload_create(owner=owner, file=SimpleUploadedFile(name, content, "application/pdf"))
            except UploadRejected:
                continue
            names[str(upload.pk)] = name
        index_pending(owner_id=owner.pk)
    return names


def evaluate(*, owner_id: int, names: dict[str, str], questions: Sequence[Question] = QUESTIONS) -> Evaluation:
    ranks = [_rank(passages_ranked(owner_id=owner_id, query=q.text), q, names) for q in questions]
    misses = [
        Miss(question=q, rank=rank, first=_described(passages_ranked(owner_id=owner_id, query=q.text, limit=3), names))
        for q, rank in zip(questions, ranks, strict=True)
        if rank is None or rank > 3
    ]
    return Evaluation(
        questions=len(questions),
        recall_at_1=_share(ranks, 1),
        recall_at_3=_share(ranks, 3),
        mrr=sum(1 / rank for rank in ranks if rank) / len(ranks),
        misses=misses,
    )


def _rank(hits: list[Hit], question: Question, names: dict[str, str]) -> int | None:
    """The rank, from 1, of the first passage from the question's document and page; None if none is ranked."""
    for rank, hit in enumerate(hits, 1):
        if names.get(hit.upload_id) == question.document and hit.page == question.page:
            return rank
    return None


def _share(ranks: list[int | None], k: int) -> float:
    return sum(1 for rank in ranks if rank is not None and rank <= k) / len(ranks)


def _described(hits: list[Hit], names: dict[str, str]) -> list[str]:
    return [f"{names.get(hit.upload_id, '?')} p{hit.page}" for hit in hits]
