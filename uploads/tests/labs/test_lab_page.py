"""The Lab results page: charts and tables of the person's own results, corrections and deletions."""

import pytest
from django.urls import reverse

from uploads.models import LabResult

pytestmark = pytest.mark.django_db
PAGE = "/labs/"


def test_it_shows_a_chart_per_test_and_unit_and_each_reports_table(alice_client, alices_labs):
    html = alice_client.get(PAGE).content.decode()
    assert html.count('<svg class="trend-chart"') == 3
    assert "HbA1c (%) over time" in html
    assert "2 results from 2026-03-01 to 2026-06-10. Latest 5.9 %, reference range 4.0-5.6, flagged high." in html
    assert 'class="chart-band"' in html
    assert "march.pdf" in html and "june.pdf" in html
    march = alices_labs[0]
    assert f"{reverse('uploads:file-content', args=[march.pk])}#page=1" in html


def test_with_no_results_it_says_how_to_get_some(alice_client):
    assert "Attach a PDF lab report" in alice_client.get(PAGE).content.decode()


def test_correcting_and_deleting_from_the_page(alice_client, alices_labs):
    row = alices_labs[0].lab_results.order_by("position").first()
    response = alice_client.post(
        reverse("labs:result-correct", args=[row.pk]), {"value": "12.1", "flag": ""}, follow=True
    )
    assert "Saved your correction of Haemoglobin" in response.content.decode()
    row.refresh_from_db()
    assert (row.value, row.flag, row.corrected) == ("12.1", "", True)
    assert "corrected" in response.content.decode()

    response = alice_client.post(reverse("labs:result-correct", args=[row.pk]), {"value": "lots"}, follow=True)
    assert "must be a number" in response.content.decode()

    alice_client.post(reverse("labs:result-delete", args=[row.pk]))
    assert not LabResult.objects.filter(pk=row.pk).exists()


def test_bob_gets_404_on_alices_rows_and_an_empty_page(bob_client, alices_labs):
    row = alices_labs[0].lab_results.first()
    assert bob_client.post(reverse("labs:result-correct", args=[row.pk]), {"value": "1"}).status_code == 404
    assert bob_client.post(reverse("labs:result-delete", args=[row.pk])).status_code == 404
    html = bob_client.get(PAGE).content.decode()
    assert "march.pdf" not in html and "Attach a PDF lab report" in html
    row.refresh_from_db()
    assert not row.corrected


def test_it_needs_a_login(client):
    assert client.get(PAGE).status_code == 302


def test_all_results_has_one_row_per_test_and_a_column_per_date(alice_client, alices_labs):
    html = alice_client.get(PAGE).content.decode()
    matrix = html[html.index('class="lab-table lab-matrix"') : html.index("<h2>Over time</h2>")]
    assert matrix.count('<th scope="row">') == 3
    assert matrix.count('<th scope="col">2026-') == 2
    assert '11.2</a> <span class="flag flag-low">L</span>' in matrix
