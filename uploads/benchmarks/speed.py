"""How fast retrieval is for a person with many files: indexing per page, the first question, then each next one.

The person has 200 documents of 25 pages (5,000 pages). Parsing 5,000 pages of PDF would time
pypdf, not retrieval, so their uploads are rows made directly with extracted text in the shape
PDF processing stores ("[Page N]" lines), sealed as any upload's text is. Each page is two pages
of the evaluation's medical records with their numbers changed, about 2,400 characters: a dense
lab report or letter page, so the vocabulary and the passage count are those of real records.

Indexing is upload_index for each upload. The first question after the index is dropped pays
for building it (reading and opening every sealed passage, then BM25); the questions after
that find it cached, and are what a person waits for each time.
"""

import random
import re
import statistics
import time
import tracemalloc
from dataclasses import dataclass

import numpy as np

from accounts.models import User
from uploads.benchmarks.medical_records import RECORDS
from uploads.benchmarks.retrieval_questions import QUESTIONS
from uploads.models import Upload
from uploads.retrieval.index import forget_owner, owner_index
from uploads.retrieval.indexing import upload_index
from uploads.retrieval.search import passages_ranked

# What an answer would take: a prompt budget of some 3,000 tokens holds about 15 passages of 200 tokens.
PASSAGES_PER_QUESTION = 15
COLD_REPEATS = 3
# Whole numbers only: "B12" and "CKD-EPI" keep their names.
_NUMBER = re.compile(r"\b\d+\b")


@dataclass(frozen=True)
class Shape:
    documents: int = 200
    pages: int = 25
    questions: int = 50


def measure(*, owner: User, shape: Shape) -> dict:
    uploads = _uploads(owner, shape)
    start = time.perf_counter()
    passages = sum(upload_index(upload=upload) for upload in uploads)
    indexing = time.perf_counter() - start
    pages = shape.documents * shape.pages
    questions = [QUESTIONS[n % len(QUESTIONS)].text for n in range(shape.questions)]
    cold = [_cold(owner.pk, question) for question in questions[:COLD_REPEATS]]
    warm = [_timed(owner.pk, question) for question in questions]
    return {
        "speed_documents": shape.documents,
        "speed_pages": pages,
        "speed_passages": passages,
        "speed_chars_per_page": sum(len(u.extracted_text) for u in uploads) / pages,
        "index_ms_per_page": indexing / pages * 1000,
        "first_question_ms": statistics.median(cold) * 1000,
        "question_p50_ms": _nearest_rank(warm, 50) * 1000,
        "question_p95_ms": _nearest_rank(warm, 95) * 1000,
        "index_memory_mb": _index_memory_mb(owner.pk),
    }


def _uploads(owner: User, shape: Shape) -> list[Upload]:
    record_pages = [page for pages in RECORDS.values() for page in pages]
    rng = random.Random(14)  # the same person every run
    uploads = []
    for number in range(shape.documents):
        text = "\n".join(
            f"[Page {page}]\n{_varied(rng.choice(record_pages), rng)}\n{_varied(rng.choice(record_pages), rng)}"
            for page in range(1, shape.pages + 1)
        )
        uploads.append(
            Upload.objects.create(
                owner=owner,
                original_name=f"document {number}.pdf",
                stored_path=f"bench-retrieval/{owner.pk}/{number}.pdf",
                kind=Upload.Kind.PDF,
                content_type="application/pdf",
                size=len(text),
                sha256="0" * 64,
                page_count=shape.pages,
                extracted_text=text,
            )
        )
    return uploads


def _varied(page: str, rng: random.Random) -> str:
    """The page with other numbers: other dates and results, as the next report has."""
    return _NUMBER.sub(lambda match: str(rng.randint(1, 10 ** len(match.group()))), page)


def _cold(owner_id: int, question: str) -> float:
    forget_owner(owner_id)
    return _timed(owner_id, question)


def _timed(owner_id: int, question: str) -> float:
    start = time.perf_counter()
    passages_ranked(owner_id=owner_id, query=question, limit=PASSAGES_PER_QUESTION)
    return time.perf_counter() - start


def _index_memory_mb(owner_id: int) -> float:
    """What one person's index holds in memory (passages and BM25), measured apart: tracemalloc slows what it traces."""
    forget_owner(owner_id)
    tracemalloc.start()
    owner_index(owner_id)  # kept in the cache: what it holds is still traced below
    held, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return held / 1e6


def _nearest_rank(values: list[float], percent: int) -> float:
    # numpy's inverted_cdf is the nearest-rank percentile the other benchmarks report (uploads may not import chat).
    return float(np.percentile(values, percent, method="inverted_cdf"))
