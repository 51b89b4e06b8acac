"""Lab values on scanned pages, read by the model: what it is asked, and what of its answer is kept.

The text parser can't read a page that is only an image. For each such page (rendered at
upload, uploads.processing.pdf), the model is shown the image and asked for the table as JSON;
the engine constrains its output to LAB_PAGE_SCHEMA (chat.generation.lab_reading), so the
answer always parses. What it says is still only a reading: each row is kept only if its test
is in the analyte table, its value is a number, and its flag and range are read by the same
rules as printed text; every row it gives is marked for the person to check.
"""

import datetime
import json
import re
from dataclasses import dataclass

from uploads.labs.analytes import analyte_for
from uploads.labs.flags import result_flag
from uploads.labs.parser import ParsedResult
from uploads.labs.ranges import reference_from
from uploads.models import Upload

MAX_ROWS_PER_PAGE = 24
LAB_PAGE_SCHEMA = {
    "type": "object",
    "properties": {
        "sample_date": {"type": "string", "maxLength": 10, "description": "YYYY-MM-DD, or empty"},
        "results": {
            "type": "array",
            "maxItems": MAX_ROWS_PER_PAGE,
            "items": {
                "type": "object",
                "properties": {
                    "test": {"type": "string", "maxLength": 48},
                    "value": {"type": "string", "maxLength": 12},
                    "unit": {"type": "string", "maxLength": 16},
                    "reference": {"type": "string", "maxLength": 20},
                    "flag": {"type": "string", "enum": ["", "H", "L", "*"]},
                },
                "required": ["test", "value", "unit", "reference", "flag"],
                "additionalProperties": False,
            },
        },
    },
    "required": ["sample_date", "results"],
    "additionalProperties": False,
}
INSTRUCTION = (
    "This image is a page of a medical lab report. Copy its test results exactly as printed, one item per "
    "test: the test's name, the result value, the unit, the reference range and the flag (H, L, * or empty). "
    "Give the date the sample was collected as YYYY-MM-DD if the page shows it, otherwise an empty string. "
    "Copy only what is printed; never guess a value."
)
_SCANNED_LABEL = re.compile(r"^\[Page (\d+): little or no text; the page is attached as an image\]$", re.MULTILINE)
_NUMBER = re.compile(r"^[<>]=?\s?\d+(?:[.,]\d+)?$|^\d+(?:[.,]\d+)?$")


@dataclass(frozen=True)
class ScannedPage:
    page: int
    image_path: str


def scanned_pages(upload: Upload) -> list[ScannedPage]:
    """The pages of a PDF that are images only, with the rendered image the model sees, in page order."""
    if upload.kind != Upload.Kind.PDF:
        return []
    pages = [int(match.group(1)) for match in _SCANNED_LABEL.finditer(upload.extracted_text)]
    images = upload.model_image_paths
    return [ScannedPage(page=page, image_path=path) for page, path in zip(pages, images, strict=False)]


def results_from_model(text: str, *, page: int) -> list[ParsedResult]:
    """The rows of the model's JSON worth keeping; [] for anything that isn't the JSON asked for."""
    try:
        answer = json.loads(text)
        items = answer["results"]
        sample_date = _date(answer.get("sample_date", ""))
    except (ValueError, KeyError, TypeError, AttributeError):
        return []
    results = []
    for item in items[:MAX_ROWS_PER_PAGE] if isinstance(items, list) else []:
        if isinstance(item, dict) and (result := _result(item, page=page, sample_date=sample_date)):
            results.append(result)
    return results


def _result(item: dict, *, page: int, sample_date: datetime.date | None) -> ParsedResult | None:
    name, value = str(item.get("test", "")).strip(), str(item.get("value", "")).strip().replace(" ", "")
    analyte = analyte_for(name) if name else None
    if analyte is None or not _NUMBER.match(value):
        return None
    reference = reference_from(str(item.get("reference", "")))
    return ParsedResult(
        page=page,
        name_as_printed=name,
        analyte=analyte.slug,
        value=value,
        unit=" ".join(str(item.get("unit", "")).split()),
        reference_low=reference.low if reference else None,
        reference_high=reference.high if reference else None,
        reference_text=reference.text if reference else "",
        flag=result_flag(str(item.get("flag", "")), value, reference),
        sample_date=sample_date,
    )


def _date(text) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(str(text).strip())
    except ValueError:
        return None
