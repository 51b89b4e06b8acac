"""`manage.py bench_reports`: lab extraction (quality and time a page), and drawing the PDFs a person takes away.

One run measures side by side, in a throwaway install (healthassistant.throwaway_install):
- the lab parser on the evaluation reports (uploads.benchmarks.lab_quality);
- a 200-message chat (100 questions, 100 answers of Markdown with sources) exported as PDF and
  as Markdown, the median of a few rounds;
- the appointment summary of a person with 50 results over 10 reports.
"""

import statistics
import time

from django.core.files.uploadedfile import SimpleUploadedFile

from chat import services
from chat.appointment.content import appointment_summary_for
from chat.appointment.pdf import appointment_pdf
from chat.generation.records import RecordPassage, RecordsContext
from chat.models import Message
from chat.transcripts.content import transcript_for
from chat.transcripts.markdown import transcript_markdown
from chat.transcripts.pdf import transcript_pdf
from healthassistant.throwaway_install import throwaway_install
from uploads.benchmarks.lab_quality import evaluate
from uploads.benchmarks.text_pdf import text_pdf
from uploads.retrieval.indexing import upload_index
from uploads.services import upload_create

CHAT_MESSAGES = 200
ANSWER = (
    "An **HbA1c of 6.1 %** is just above the usual range (4.0-5.6 %) [1]. It reflects your average blood "
    "sugar over about three months.\n\n- It had fallen from 6.4 % in March [2].\n- Keep taking your tablets as "
    "prescribed.\n- Ask your doctor whether to repeat it in three months.\n\n| Test | Result |\n| --- | --- |\n"
    "| HbA1c | 6.1 % |\n| Glucose | 5.8 mmol/L |\n\nIf you feel very thirsty or unwell, contact your doctor."
)


def run(*, rounds: int = 3) -> dict:
    labs = evaluate(timing_runs=rounds)
    figures = {
        "lab_precision": labs.overall.precision,
        "lab_recall": labs.overall.recall,
        "lab_parse_ms_per_page": labs.parse_ms_per_page,
        "lab_extract_ms_per_page": labs.extract_ms_per_page,
    }
    with throwaway_install(prefix="bench-reports-"):
        figures |= _documents(rounds)
    return figures


def _documents(rounds: int) -> dict:
    from accounts.models import User

    person = User.objects.create_user(email="bench@example.com", password=None)
    reports = [
        upload_create(
            owner=person,
            file=SimpleUploadedFile(
                f"report-{month:02d}.pdf",
                text_pdf([f"Collected: 2026-{month:02d}-01\n" + "\n".join(_lines(month))]),
            ),
        )
        for month in range(1, 11)
    ]
    for report in reports:
        upload_index(upload=report)
    session = _chat(person, reports[0], messages=CHAT_MESSAGES)
    transcript = transcript_for(session=session)
    return {
        "chat_messages": len(transcript.messages),
        "chat_pdf_s": _median(lambda: transcript_pdf(transcript_for(session=session)), rounds),
        "chat_pdf_kb": len(transcript_pdf(transcript)) / 1024,
        "chat_markdown_s": _median(lambda: transcript_markdown(transcript_for(session=session)), rounds),
        "appointment_results": sum(report.lab_results.count() for report in reports),
        "appointment_pdf_s": _median(
            lambda: appointment_pdf(appointment_summary_for(user=person), person="Bench"), rounds
        ),
    }


def _lines(month: int) -> list[str]:
    return [
        f"HbA1c {6.4 - month * 0.05:.1f} % 4.0-5.6",
        f"Haemoglobin {12.0 + month * 0.1:.1f} g/dL 12.0-16.0",
        f"TSH {2.0 + month * 0.1:.1f} mIU/L 0.4-4.0",
        f"Ferritin {20 + month} ng/mL 15-150",
        f"Creatinine {70 + month} umol/L 45-90",
    ]


def _chat(person, report, *, messages: int):
    session = services.session_create(owner=person, title="Diabetes follow-up")
    passage = RecordPassage(n=1, upload_id=str(report.pk), name=report.original_name, page=1, text="HbA1c 6.1 %")
    for number in range(messages // 2):
        _, answer = services.message_send(session=session, content=f"Question {number}: is my HbA1c better?")
        services.answer_sources_save(message_id=answer.pk, records=RecordsContext(passages=(passage,)))
        services.answer_finish(message_id=answer.pk, content=ANSWER, seq=1, status=Message.Status.DONE)
    return session


def _median(action, rounds: int) -> float:
    timings = []
    for _ in range(rounds):
        started = time.perf_counter()
        action()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)
