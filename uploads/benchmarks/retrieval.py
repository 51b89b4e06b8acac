"""The retrieval benchmark: quality on the evaluation set, then speed for a person with 5,000 pages, in one run.

Both people live in a throwaway install (a fresh database and MEDIA_ROOT), so nothing of the
real one is touched, and each has only their own files: ranking is per person, as in the app.
"""

from dataclasses import asdict

from accounts.models import User
from healthassistant.throwaway_install import throwaway_install
from uploads.benchmarks.quality import evaluate, records_store
from uploads.benchmarks.speed import Shape, measure


def run(shape: Shape) -> dict:
    with throwaway_install(prefix="bench-retrieval-"):
        reader = User.objects.create_user(email="records@example.org")
        names = records_store(owner=reader)
        evaluation = evaluate(owner_id=reader.pk, names=names)
        figures = {
            "eval_documents": len(names),
            "eval_questions": evaluation.questions,
            "recall_at_1": evaluation.recall_at_1,
            "recall_at_3": evaluation.recall_at_3,
            "mrr": evaluation.mrr,
        }
        figures |= measure(owner=User.objects.create_user(email="many-files@example.org"), shape=shape)
        figures["missed_at_3"] = [asdict(miss) for miss in evaluation.misses]
    return figures
