"""The appointment summary: profile, results with flags and trends, reports and questions, all from records."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from accounts.health_profile import health_profile_update
from chat import services
from chat.appointment.content import appointment_summary_for
from chat.appointment.draft import Draft, draft_from_text, draft_prompt
from chat.appointment.pdf import appointment_pdf
from uploads.tests.labs.reports import JUNE, MARCH

pytestmark = pytest.mark.django_db
URL = "/chat/appointment-summary/"


@pytest.fixture
def records(alice, lab_report, sent_jobs):
    health_profile_update(user=alice, age=52, medications="Metformin 500 mg", enabled=False)
    lab_report(alice, "march.pdf", MARCH)
    lab_report(alice, "june.pdf", JUNE)
    for question in ("Why is my HbA1c still high?", "Why is my HbA1c still high?", "Can I stop iron tablets?"):
        _, _, answer = services.session_start(owner=alice, content=question)
        services.answer_finish(message_id=answer.pk, content="…", seq=1, status="done")


def test_the_summary_is_read_from_the_records(alice, records):
    summary = appointment_summary_for(user=alice)
    assert summary.profile == [("Age", "52"), ("Medications", "Metformin 500 mg")]
    names = [test.name for test in summary.tests]
    # Flagged first: HbA1c is high on its latest report; haemoglobin and TSH are in range.
    assert names == ["HbA1c", "Haemoglobin", "TSH"]
    hba1c, haemoglobin, tsh = summary.tests
    assert (hba1c.latest, hba1c.flag, hba1c.change) == ("5.9 %", "high", "↓ from 6.1 (2026-03-01)")
    assert haemoglobin.change == "↑ from 11.2 (2026-03-01)"
    assert tsh.change == "" and tsh.count == 1
    assert [(report.name, report.dates) for report in summary.reports] == [
        ("june.pdf", "2026-06-10"),
        ("march.pdf", "2026-03-01"),
    ]
    # Newest first, each once.
    assert [text for _, text in summary.questions] == ["Can I stop iron tablets?", "Why is my HbA1c still high?"]


def test_the_pdf_holds_it_and_is_one_page(alice_client, records):
    response = alice_client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 1
    text = " ".join(reader.pages[0].extract_text().split())
    expected = ("Appointment summary", "Metformin 500 mg", "HbA1c", "5.9 %", "june.pdf", "Can I stop iron tablets?")
    assert all(part in text for part in expected), text


def test_an_empty_account_gets_a_summary_that_says_what_is_missing(bob_client):
    text = " ".join(PdfReader(io.BytesIO(bob_client.get(URL).content)).pages[0].extract_text().split())
    assert "Not filled in" in text and "No lab results" in text


def test_bob_sees_nothing_of_alices(bob, records):
    summary = appointment_summary_for(user=bob)
    assert (summary.profile, summary.tests, summary.reports, summary.questions) == ([], [], [], [])


def test_the_api_gives_the_same_pdf(alice_api, records):
    response = alice_api.get("/api/v1/me/appointment-summary/")
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")


def test_the_lab_results_page_offers_it(alice_client):
    assert reverse("chat:appointment-summary") in alice_client.get("/labs/").content.decode()


def test_the_assistants_draft_is_shown_apart_and_marked(alice, records):
    draft = Draft(summary="HbA1c has come down but is still above range.", questions=["Should I repeat it?"])
    pdf = appointment_pdf(appointment_summary_for(user=alice), person="Alice", draft=draft)
    text = " ".join(PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split())
    assert "Drafted by the assistant (an AI model: check it against the above)" in text
    assert "HbA1c has come down but is still above range." in text and "Should I repeat it?" in text


def test_without_a_draft_the_page_says_the_rest_is_complete(alice_client, records):
    text = " ".join(PdfReader(io.BytesIO(alice_client.get(URL).content)).pages[0].extract_text().split())
    assert "No draft this time" in text


def test_the_model_output_is_kept_only_as_the_json_asked_for():
    assert draft_from_text('{"summary": "Fine.", "questions": ["Why?", ""]}') == Draft("Fine.", ["Why?"])
    assert draft_from_text("not json") is None
    assert draft_from_text('{"summary": "", "questions": []}') is None


def test_the_prompt_is_the_deterministic_summary(alice, records):
    prompt = draft_prompt(appointment_summary_for(user=alice))
    assert "- Medications: Metformin 500 mg" in prompt
    assert "- HbA1c 5.9 % (4.0-5.6) high 2026-06-10 ↓ from 6.1 (2026-03-01)" in prompt
    assert "- Can I stop iron tablets?" in prompt
