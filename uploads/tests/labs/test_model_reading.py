"""What is kept of the model's reading of a scanned page: known tests with numeric values, marked for checking."""

import json

import pytest

from uploads.labs.model_reading import LAB_PAGE_SCHEMA, results_from_model, scanned_pages
from uploads.labs.services import lab_results_save_from_model
from uploads.tests.helpers import image_only_pdf_bytes, pdf_bytes


def answer(*items, sample_date="2026-03-01") -> str:
    keys = ("test", "value", "unit", "reference", "flag")
    return json.dumps({"sample_date": sample_date, "results": [dict(zip(keys, item, strict=True)) for item in items]})


def test_known_tests_with_numbers_are_kept_and_read_by_the_printed_rules():
    text = answer(
        ("Hb", "11.2", "g/dL", "12.0-16.0", ""),
        ("HbA1c", "6.1", "%", "4.0-5.6", "H"),
        ("Mystery factor", "3", "U", "", ""),
        ("TSH", "see note", "mIU/L", "0.4-4.0", ""),
    )
    rows = results_from_model(text, page=2)
    assert [(r.analyte, r.value, r.unit, r.flag, r.reference_low, r.page) for r in rows] == [
        ("haemoglobin", "11.2", "g/dL", "low", "12.0", 2),
        ("hba1c", "6.1", "%", "high", "4.0", 2),
    ]
    assert rows[0].sample_date.isoformat() == "2026-03-01"


@pytest.mark.parametrize("text", ["", "not json", "[]", '{"results": 3}', '{"results": [1, "x"]}'])
def test_anything_but_the_json_asked_for_gives_nothing(text):
    assert results_from_model(text, page=1) == []


def test_a_bad_date_is_no_date():
    (row,) = results_from_model(answer(("TSH", "2.1", "mIU/L", "", ""), sample_date="March"), page=1)
    assert row.sample_date is None


def test_the_schema_bounds_the_answer():
    assert LAB_PAGE_SCHEMA["properties"]["results"]["maxItems"] > 0
    assert LAB_PAGE_SCHEMA["required"] == ["sample_date", "results"]


@pytest.mark.django_db
def test_only_image_pages_are_read_and_rows_are_marked_for_checking(make_upload):
    scan = make_upload(name="scan.pdf", content=image_only_pdf_bytes())
    (page,) = scanned_pages(scan)
    assert page.page == 1 and page.image_path == scan.model_image_paths[0]
    assert scanned_pages(make_upload(name="text.pdf", content=pdf_bytes("minimal-document.pdf"))) == []

    rows = results_from_model(answer(("Ferritin", "9", "ng/mL", "15-150", "L")), page=1)
    assert lab_results_save_from_model(upload=scan, page=1, results=rows) == 1
    assert lab_results_save_from_model(upload=scan, page=1, results=rows) == 1  # read again: replaced, not doubled
    (saved,) = scan.lab_results.all()
    assert (saved.source, saved.needs_review, saved.value, saved.flag) == ("model", True, "9", "low")
