"""Reads of a person's lab results: only ever their own, ordered and grouped in memory (the values are sealed)."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from uuid import UUID

from django.http import Http404

from uploads.labs.analytes import analyte_by_slug
from uploads.models import LabResult, Upload


def lab_results_for_user(*, user_id: int) -> list[LabResult]:
    """All of the person's results, oldest sample first (see result_date), then as printed."""
    results = LabResult.objects.filter(owner_id=user_id).select_related("upload")
    return sorted(results, key=_chronological)


def lab_result_get_for_user(*, user_id: int, result_id: int | str) -> LabResult:
    """The person's own result, or Http404: other people's results do not exist for them."""
    try:
        return LabResult.objects.select_related("upload").get(pk=int(result_id), owner_id=user_id)
    except (LabResult.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404("No such lab result.") from None


def lab_series_for_user(*, user_id: int, analyte: str) -> list[LabResult]:
    """One analyte's results, oldest first, in every unit it was reported in."""
    return [result for result in lab_results_for_user(user_id=user_id) if result.analyte == analyte]


def result_date(result: LabResult) -> datetime.date:
    """When the sample was taken; a result whose report gives no date counts from the day it was uploaded."""
    if result.sample_date:
        return datetime.date.fromisoformat(result.sample_date)
    return result.upload.created_at.date()


def result_number(result: LabResult) -> float | None:
    """The value as a number for a chart: "<0.5" plots at 0.5; None if it isn't a number."""
    return as_number(result.value.lstrip("<>=≤≥ "))


def as_number(text: str) -> float | None:
    try:
        return float(text.replace(",", "."))
    except ValueError:
        return None


@dataclass(frozen=True)
class Trend:
    """One analyte in one unit across reports: values are never converted between units."""

    analyte: str
    name: str
    unit: str
    results: tuple[LabResult, ...]

    @property
    def latest(self) -> LabResult:
        return self.results[-1]

    @property
    def reference(self) -> tuple[float | None, float | None]:
        """The latest report's reference range, the band a chart shows."""
        return as_number(self.latest.reference_low), as_number(self.latest.reference_high)


def lab_trends_for_user(*, user_id: int) -> list[Trend]:
    """A trend per analyte and unit, in the order of the analyte names."""
    return trends_of(lab_results_for_user(user_id=user_id))


def trends_of(results: Iterable[LabResult]) -> list[Trend]:
    grouped: dict[tuple[str, str], list[LabResult]] = {}
    for result in results:
        grouped.setdefault((result.analyte, result.unit), []).append(result)
    trends = [
        Trend(analyte=analyte, name=display_name(analyte), unit=unit, results=tuple(rows))
        for (analyte, unit), rows in grouped.items()
    ]
    return sorted(trends, key=lambda trend: (trend.name.casefold(), trend.unit))


@dataclass(frozen=True)
class Report:
    upload: Upload
    results: tuple[LabResult, ...]


def lab_reports_for_user(*, user_id: int) -> list[Report]:
    """Each report with its results as printed, newest report first."""
    by_upload: dict[UUID, list[LabResult]] = {}
    for result in LabResult.objects.filter(owner_id=user_id).select_related("upload").order_by("page", "position"):
        by_upload.setdefault(result.upload_id, []).append(result)
    reports = [Report(upload=rows[0].upload, results=tuple(rows)) for rows in by_upload.values()]
    return sorted(reports, key=lambda report: report.upload.created_at, reverse=True)


def display_name(slug: str) -> str:
    analyte = analyte_by_slug(slug)
    return analyte.name if analyte else slug


def _chronological(result: LabResult) -> tuple:
    return result_date(result), display_name(result.analyte).casefold(), str(result.upload_id), result.position


@dataclass(frozen=True)
class ResultsTable:
    """Every test as one row across all reports: a column per sample date, oldest first."""

    dates: tuple[datetime.date, ...]
    rows: tuple[tuple[Trend, tuple[LabResult | None, ...]], ...]


def results_table(trends: list[Trend]) -> ResultsTable:
    dates = tuple(sorted({result_date(result) for trend in trends for result in trend.results}))
    rows = []
    for trend in trends:
        # Two results of one test on one day (two reports of a day): the later one, as the trend shows it last.
        by_date = {result_date(result): result for result in trend.results}
        rows.append((trend, tuple(by_date.get(day) for day in dates)))
    return ResultsTable(dates=dates, rows=tuple(rows))
