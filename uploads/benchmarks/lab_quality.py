"""How well parse_lab_text reads the lab-report set: precision and recall of (analyte, value, unit, flag), and speed.

Each PDF of lab_reports goes through the app's own extraction (uploads.processing.pdf.process_pdf,
in this process rather than the isolated child, with the settings' limits), so the parser reads
exactly the text an upload stores. A found result counts as correct when its (analyte, value,
unit, flag) is one of the report's expected ones, each expected one matched at most once.
Precision and recall are over the text PDFs; the scan is scored apart, by how many results the
text parser wrongly found in it (it should find none). Of the correct results, the share with the
expected sample date is reported too. Timing is the parser's alone, per page, best of a few runs;
extraction (pypdf's work, done anyway for every upload) is timed apart.

Run it with `python -m uploads.benchmarks.lab_quality` for a table of the figures and the misses.
"""

import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from uploads.benchmarks.lab_reports import LabReport, lab_reports
from uploads.labs.parser import ParsedResult, parse_lab_text

ResultKey = tuple[str, str, str, str | None]


@dataclass(frozen=True)
class Score:
    expected: int
    found: int
    correct: int
    # Correct results whose sample date is also the expected one.
    correct_dates: int = 0

    @property
    def precision(self) -> float:
        return self.correct / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.expected if self.expected else 1.0

    @property
    def date_accuracy(self) -> float:
        return self.correct_dates / self.correct if self.correct else 1.0

    def __add__(self, other: "Score") -> "Score":
        return Score(
            expected=self.expected + other.expected,
            found=self.found + other.found,
            correct=self.correct + other.correct,
            correct_dates=self.correct_dates + other.correct_dates,
        )


@dataclass(frozen=True)
class ReportOutcome:
    report: LabReport
    pages: int
    results: list[ParsedResult]
    score: Score
    # Expected results not found, and found results not expected, as (analyte, value, unit, flag).
    missed: list[ResultKey] = field(default_factory=list)
    unexpected: list[ResultKey] = field(default_factory=list)
    extract_seconds: float = 0.0
    parse_seconds: float = 0.0


@dataclass(frozen=True)
class LabEvaluation:
    overall: Score
    by_layout: dict[str, Score]
    # Results the text parser found in scans, where it should find none.
    found_in_scans: int
    parse_ms_per_page: float
    extract_ms_per_page: float
    outcomes: list[ReportOutcome]


def stored_text(pdf: bytes) -> tuple[str, int]:
    """The text an upload of this PDF stores ("[Page N]" lines and each page's text), and its page count."""
    from uploads.detection import PDF
    from uploads.processing.limits import ParseLimits
    from uploads.processing.pdf import process_pdf

    processed = process_pdf(content=pdf, file_type=PDF, limits=ParseLimits.from_settings())
    return processed.text, processed.page_count


def evaluate(
    reports: Sequence[LabReport] | None = None,
    *,
    extract: Callable[[bytes], tuple[str, int]] = stored_text,
    timing_runs: int = 3,
) -> LabEvaluation:
    outcomes = [_outcome(report, extract, timing_runs) for report in (reports or lab_reports())]
    text_outcomes = [outcome for outcome in outcomes if not outcome.report.scanned]
    by_layout: dict[str, Score] = {}
    for outcome in text_outcomes:
        by_layout[outcome.report.layout] = by_layout.get(outcome.report.layout, Score(0, 0, 0)) + outcome.score
    pages = sum(outcome.pages for outcome in outcomes)
    return LabEvaluation(
        overall=sum((outcome.score for outcome in text_outcomes), Score(0, 0, 0)),
        by_layout=by_layout,
        found_in_scans=sum(len(outcome.results) for outcome in outcomes if outcome.report.scanned),
        parse_ms_per_page=1000 * sum(outcome.parse_seconds for outcome in outcomes) / pages,
        extract_ms_per_page=1000 * sum(outcome.extract_seconds for outcome in outcomes) / pages,
        outcomes=outcomes,
    )


def _outcome(report: LabReport, extract: Callable[[bytes], tuple[str, int]], timing_runs: int) -> ReportOutcome:
    started = time.perf_counter()
    text, pages = extract(report.pdf)
    extract_seconds = time.perf_counter() - started
    parse_seconds = float("inf")
    for _ in range(max(1, timing_runs)):
        started = time.perf_counter()
        results = parse_lab_text(text)
        parse_seconds = min(parse_seconds, time.perf_counter() - started)
    expected = Counter(e.result() for e in report.expected)
    found = Counter(_key(result) for result in results)
    correct = expected & found
    dated = Counter((*e.result(), e.sample_date) for e in report.expected) & Counter(
        (*_key(result), result.sample_date) for result in results
    )
    return ReportOutcome(
        report=report,
        pages=pages,
        results=results,
        score=Score(
            expected=expected.total(),
            found=found.total(),
            correct=correct.total(),
            correct_dates=dated.total(),
        ),
        missed=list((expected - found).elements()),
        unexpected=list((found - expected).elements()),
        extract_seconds=extract_seconds,
        parse_seconds=parse_seconds,
    )


def _key(result: ParsedResult) -> ResultKey:
    return (result.analyte, result.value, result.unit, result.flag)


def summary(evaluation: LabEvaluation) -> str:
    """The figures as a small table, then each report's misses and unexpected results."""
    lines = [f"{'layout':<22}{'expected':>9}{'found':>7}{'correct':>8}{'precision':>10}{'recall':>8}{'dates':>7}"]
    rows = [*evaluation.by_layout.items(), ("overall (text PDFs)", evaluation.overall)]
    lines += [
        f"{name:<22}{s.expected:>9}{s.found:>7}{s.correct:>8}{s.precision:>10.3f}{s.recall:>8.3f}{s.date_accuracy:>7.3f}"
        for name, s in rows
    ]
    lines.append(f"results found in scans (should be 0): {evaluation.found_in_scans}")
    lines.append(
        f"parsing {evaluation.parse_ms_per_page:.2f} ms/page; extraction {evaluation.extract_ms_per_page:.1f} ms/page"
    )
    for outcome in evaluation.outcomes:
        for key in outcome.missed:
            lines.append(f"  {outcome.report.name}: missed {key}")
        for key in outcome.unexpected:
            lines.append(f"  {outcome.report.name}: unexpected {key}")
    return "\n".join(lines)


if __name__ == "__main__":
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "healthassistant.settings")
    django.setup()
    print(summary(evaluate()))
