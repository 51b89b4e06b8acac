"""Writes of lab results: read from an upload's text, corrected or deleted by their owner."""

import datetime
import json
import logging

from django.db import transaction

from uploads.labs.analytes import analyte_by_slug
from uploads.labs.parser import ParsedResult, parse_lab_text
from uploads.labs.selectors import as_number
from uploads.models import LabResult, Upload

logger = logging.getLogger(__name__)

# What a person may correct; the rest (where it was read, how) stays as it was.
EDITABLE_FIELDS = ("value", "unit", "reference_low", "reference_high", "flag", "sample_date")
FLAGS = ("low", "high", "abnormal")


class LabCorrectionRejected(ValueError):
    """A correction that can't be saved, with the message to show."""


def lab_results_read(*, upload: Upload) -> int:
    """The upload's lab results read afresh from its text; returns how many were read.

    Rows the person corrected or entered stay as they are, and a value read again where such a
    row stands (same page and printed name) is not added twice. Part of indexing
    (uploads.retrieval.indexing), in its transaction: passages and results change together.
    """
    if upload.kind != Upload.Kind.PDF:
        return 0
    try:
        parsed = parse_lab_text(upload.extracted_text)
    except Exception as error:
        # A layout the parser trips on must not cost the file its passages. The type only: the text is health data.
        logger.warning("lab results unreadable upload=%s error=%s", upload.pk, type(error).__name__)
        return 0
    existing = LabResult.objects.filter(upload=upload)
    existing.filter(source=LabResult.Source.PARSER, corrected=False).delete()
    kept = {(row.page, row.name_as_printed) for row in existing}
    LabResult.objects.bulk_create(
        _row(upload=upload, result=result, position=position)
        for position, result in enumerate(parsed)
        if (result.page, result.name_as_printed) not in kept
    )
    return len(parsed)


@transaction.atomic
def lab_results_save_from_model(*, upload: Upload, page: int, results: list[ParsedResult]) -> int:
    """What the model read on one scanned page, each row marked for the person to check.

    Replaces the model's earlier reading of that page, except rows the person corrected.
    """
    # NO KEY UPDATE: foreign-key checks of messages attaching the upload must not wait on it (see indexing).
    if not list(Upload.objects.select_for_update(no_key=True).filter(pk=upload.pk).values_list("pk", flat=True)):
        return 0  # deleted meanwhile
    existing = LabResult.objects.filter(upload=upload, page=page, source=LabResult.Source.MODEL)
    existing.filter(corrected=False).delete()
    kept = {row.name_as_printed for row in existing}
    rows = [
        _row(upload=upload, result=result, position=1000 * page + position, source=LabResult.Source.MODEL)
        for position, result in enumerate(results)
        if result.name_as_printed not in kept
    ]
    LabResult.objects.bulk_create(rows)
    return len(rows)


@transaction.atomic
def lab_result_correct(*, result: LabResult, **changes: str) -> LabResult:
    """Saves the person's correction; the values first read are kept in `original`, once."""
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Not a correctable field: {', '.join(sorted(unknown))}")
    cleaned = {name: _clean(name, value) for name, value in changes.items()}
    result = LabResult.objects.select_for_update().get(pk=result.pk)
    if not result.corrected:
        result.original = json.dumps({name: getattr(result, name) for name in EDITABLE_FIELDS})
    for name, value in cleaned.items():
        setattr(result, name, value)
    result.corrected = True
    result.needs_review = False
    result.save()
    return result


def lab_result_delete(*, result: LabResult) -> None:
    result.delete()


def _clean(name: str, value) -> str:
    value = "" if value is None else str(value).strip()
    if name == "value":
        if not value:
            raise LabCorrectionRejected("Enter the value as the report prints it, such as 13.2 or <0.5.")
        _check_number(value.lstrip("<>=≤≥ "), "The value")
    elif name in ("reference_low", "reference_high") and value:
        _check_number(value, "A reference limit")
    elif name == "flag" and value and value not in FLAGS:
        raise LabCorrectionRejected("The flag is low, high, abnormal, or empty.")
    elif name == "sample_date" and value:
        try:
            value = datetime.date.fromisoformat(value).isoformat()
        except ValueError:
            raise LabCorrectionRejected("Enter the sample date as YYYY-MM-DD, such as 2026-03-01.") from None
    return value


def _check_number(text: str, what: str) -> None:
    if as_number(text) is None:
        raise LabCorrectionRejected(f"{what} must be a number, such as 13.2.")


def _row(*, upload: Upload, result: ParsedResult, position: int, source: str = LabResult.Source.PARSER) -> LabResult:
    analyte = analyte_by_slug(result.analyte)
    return LabResult(
        upload=upload,
        owner_id=upload.owner_id,
        page=result.page,
        position=position,
        analyte=analyte.slug if analyte else result.analyte,
        name_as_printed=result.name_as_printed,
        value=result.value,
        unit=result.unit,
        reference_low=result.reference_low or "",
        reference_high=result.reference_high or "",
        reference_text=result.reference_text,
        flag=result.flag or "",
        sample_date=result.sample_date.isoformat() if result.sample_date else "",
        source=source,
        # What the model read is a reading to check; the parser's rows follow printed text exactly.
        needs_review=source == LabResult.Source.MODEL,
    )
