"""GET /api/v1/labs/, a test's series, and corrections: each person reaches only their own results."""

import pytest

pytestmark = pytest.mark.django_db

ROW_FIELDS = {
    "id", "upload_id", "page", "analyte", "name_as_printed", "value", "unit", "reference_low", "reference_high",
    "reference_text", "flag", "sample_date", "source", "needs_review", "corrected", "original",
}  # fmt: skip


def test_the_list_gives_every_row_oldest_sample_first(alice_api, alices_labs):
    body = alice_api.get("/api/v1/labs/").json()
    rows = body["results"]
    assert set(rows[0]) == ROW_FIELDS
    assert [(row["analyte"], row["sample_date"]) for row in rows] == [
        ("haemoglobin", "2026-03-01"),
        ("hba1c", "2026-03-01"),
        ("tsh", "2026-03-01"),
        ("haemoglobin", "2026-06-10"),
        ("hba1c", "2026-06-10"),
    ]
    first = rows[0]
    assert (first["value"], first["unit"], first["reference_low"], first["reference_high"]) == (
        "11.2",
        "g/dL",
        "12.0",
        "16.0",
    )
    assert (first["flag"], first["page"], first["source"], first["corrected"]) == ("low", 1, "parser", False)
    assert rows[2]["flag"] is None
    assert first["upload_id"] == str(alices_labs[0].pk)


def test_a_series_is_one_test_oldest_first(alice_api, alices_labs):
    body = alice_api.get("/api/v1/labs/hba1c/").json()
    assert (body["analyte"], body["name"]) == ("hba1c", "HbA1c")
    assert [row["value"] for row in body["results"]] == ["6.1", "5.9"]
    assert alice_api.get("/api/v1/labs/vitamin-b12/").json()["results"] == []


def test_an_unknown_test_is_a_404_that_says_what_to_use(alice_api):
    response = alice_api.get("/api/v1/labs/unobtainium/")
    assert response.status_code == 404
    assert "haemoglobin" in response.json()["error"]["message"]


def test_a_correction_reads_back_marked_with_the_original(alice_api, alices_labs):
    row = alice_api.get("/api/v1/labs/").json()["results"][0]
    response = alice_api.patch(
        f"/api/v1/labs/results/{row['id']}/",
        {"value": "12.1", "flag": None, "sample_date": "2026-03-02"},
        format="json",
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["value"], body["flag"], body["sample_date"], body["corrected"]) == ("12.1", None, "2026-03-02", True)
    assert body["original"]["value"] == "11.2" and body["original"]["flag"] == "low"
    assert alice_api.get(f"/api/v1/labs/results/{row['id']}/").json()["corrected"] is True


def test_a_bad_correction_is_a_400_and_changes_nothing(alice_api, alices_labs):
    row = alice_api.get("/api/v1/labs/").json()["results"][0]
    url = f"/api/v1/labs/results/{row['id']}/"
    assert alice_api.patch(url, {"value": "lots"}, format="json").status_code == 400
    assert alice_api.patch(url, {"flag": "sideways"}, format="json").status_code == 400
    assert alice_api.patch(url, {}, format="json").status_code == 400
    assert alice_api.get(url).json()["corrected"] is False


def test_a_row_can_be_deleted(alice_api, alices_labs):
    row = alice_api.get("/api/v1/labs/").json()["results"][0]
    assert alice_api.delete(f"/api/v1/labs/results/{row['id']}/").status_code == 204
    assert alice_api.get(f"/api/v1/labs/results/{row['id']}/").status_code == 404


def test_bob_gets_404_for_alices_rows_and_sees_none_of_them(bob_api, alice_api, alices_labs):
    row = alice_api.get("/api/v1/labs/").json()["results"][0]
    url = f"/api/v1/labs/results/{row['id']}/"
    assert bob_api.get(url).status_code == 404
    assert bob_api.patch(url, {"value": "1"}, format="json").status_code == 404
    assert bob_api.delete(url).status_code == 404
    assert bob_api.get("/api/v1/labs/").json()["results"] == []
    assert bob_api.get("/api/v1/labs/hba1c/").json()["results"] == []
    assert alice_api.get(url).json()["value"] == "11.2"


def test_it_needs_a_token(client):
    assert client.get("/api/v1/labs/").status_code == 401
