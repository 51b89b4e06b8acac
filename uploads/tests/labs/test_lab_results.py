"""Lab results read at indexing, corrected and deleted by their owner, sealed, and gone with their file."""

import json

import pytest
from django.db import connection

from uploads.labs.selectors import lab_reports_for_user, lab_results_for_user, lab_series_for_user, lab_trends_for_user
from uploads.labs.services import LabCorrectionRejected, lab_result_correct, lab_results_read
from uploads.models import LabResult
from uploads.services import upload_delete
from uploads.tests.helpers import image_bytes

pytestmark = pytest.mark.django_db


def by_name(upload, name: str) -> LabResult:
    # Sealed: the database can't match a printed name, so it is found in memory.
    (row,) = [row for row in upload.lab_results.all() if row.name_as_printed == name]
    return row


def test_a_reports_values_are_read_when_it_is_indexed(alices_labs):
    march, _ = alices_labs
    rows = [(r.analyte, r.value, r.unit, r.flag, r.sample_date, r.page) for r in march.lab_results.all()]
    assert rows == [
        ("haemoglobin", "11.2", "g/dL", "low", "2026-03-01", 1),
        ("hba1c", "6.1", "%", "high", "2026-03-01", 1),
        ("tsh", "2.1", "mIU/L", "", "2026-03-01", 1),
    ]
    assert all(row.source == "parser" and not row.needs_review for row in march.lab_results.all())


def test_images_have_no_lab_results(alice, make_upload):
    assert lab_results_read(upload=make_upload(content=image_bytes())) == 0


def test_values_are_sealed_at_rest(alices_labs):
    with connection.cursor() as cursor:
        cursor.execute("SELECT analyte, value, unit FROM uploads_labresult")
        stored = cursor.fetchall()
    assert stored and not any("haemoglobin" in str(row) or "11.2" in str(row) for row in stored)


def test_series_are_oldest_first_and_per_unit(alice, alices_labs, lab_report):
    lab_report(alice, "mmol.pdf", "Collected: 2026-09-01\nHbA1c 41 mmol/mol 20-42")
    series = lab_series_for_user(user_id=alice.pk, analyte="hba1c")
    assert [(r.value, r.sample_date) for r in series] == [
        ("6.1", "2026-03-01"),
        ("5.9", "2026-06-10"),
        ("41", "2026-09-01"),
    ]
    trends = {(t.analyte, t.unit): [r.value for r in t.results] for t in lab_trends_for_user(user_id=alice.pk)}
    assert trends[("hba1c", "%")] == ["6.1", "5.9"]
    assert trends[("hba1c", "mmol/mol")] == ["41"]


def test_a_correction_is_marked_and_keeps_what_was_read(alices_labs):
    march, _ = alices_labs
    haemoglobin = by_name(march, "Haemoglobin")
    lab_result_correct(result=haemoglobin, value="12.1", flag="")
    lab_result_correct(result=haemoglobin, unit="g/dl")
    haemoglobin.refresh_from_db()
    assert (haemoglobin.value, haemoglobin.flag, haemoglobin.unit, haemoglobin.corrected) == ("12.1", "", "g/dl", True)
    assert json.loads(haemoglobin.original)["value"] == "11.2"
    assert json.loads(haemoglobin.original)["flag"] == "low"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"value": ""}, "Enter the value"),
        ({"value": "twelve"}, "must be a number"),
        ({"flag": "bad"}, "The flag is low, high, abnormal"),
        ({"sample_date": "1 March"}, "YYYY-MM-DD"),
        ({"reference_low": "x"}, "must be a number"),
    ],
)
def test_a_bad_correction_says_what_to_do_and_changes_nothing(alices_labs, changes, message):
    row = alices_labs[0].lab_results.first()
    with pytest.raises(LabCorrectionRejected, match=message):
        lab_result_correct(result=row, **changes)
    row.refresh_from_db()
    assert not row.corrected


def test_reading_again_keeps_corrections_and_does_not_double(alices_labs):
    march, _ = alices_labs
    lab_result_correct(result=by_name(march, "TSH"), value="2.3")
    lab_results_read(upload=march)
    assert march.lab_results.count() == 3
    assert by_name(march, "TSH").value == "2.3"


def test_results_go_with_their_file(alice, alices_labs):
    march, june = alices_labs
    upload_delete(upload=march)
    assert {r.upload_id for r in LabResult.objects.all()} == {june.pk}
    assert [report.upload for report in lab_reports_for_user(user_id=alice.pk)] == [june]


def test_bob_has_none_of_alices_results(bob, alices_labs):
    assert lab_results_for_user(user_id=bob.pk) == []
    assert lab_series_for_user(user_id=bob.pk, analyte="hba1c") == []
