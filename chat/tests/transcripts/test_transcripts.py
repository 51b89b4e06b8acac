"""A chat to take to the doctor: Markdown and PDF, with sources and the disclaimer, for its owner only."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from accounts.models import AuditEvent
from chat import services
from chat.generation.records import RecordPassage, RecordsContext
from chat.models import Message
from chat.transcripts.content import DISCLAIMER
from healthassistant.pdf import RefusedFetch, refuse_every_url
from uploads.benchmarks.text_pdf import text_pdf
from uploads.services import upload_create
from uploads.tests.helpers import uploaded

pytestmark = pytest.mark.django_db


@pytest.fixture
def consultation(alice, session, sent_jobs):
    report = upload_create(owner=alice, file=uploaded("thyroid.pdf", text_pdf(["TSH 7.9 mIU/L high"])))
    _, answer = services.message_send(session=session, content="Is my TSH <high>?", uploads=[report])
    passage = RecordPassage(n=1, upload_id=str(report.pk), name="thyroid.pdf", page=1, text="TSH 7.9 mIU/L high")
    services.answer_sources_save(message_id=answer.pk, records=RecordsContext(passages=(passage,)))
    services.answer_finish(
        message_id=answer.pk,
        content="Your TSH is **above** the range [1]. See [a link](https://example.com/x).",
        seq=1,
        status=Message.Status.DONE,
    )
    return session


def export_url(session, file_format):
    return reverse("chat:session-export", args=[session.pk]) + f"?format={file_format}"


def test_markdown_has_the_questions_answers_sources_and_disclaimer(alice_client, consultation):
    response = alice_client.get(export_url(consultation, "md"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/markdown; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="chat-cholesterol-results-')
    text = response.content.decode()
    assert text.startswith("# Cholesterol results\n")
    assert DISCLAIMER in text
    assert "Attached: thyroid.pdf" in text
    assert "Is my TSH <high>?" in text
    assert "Your TSH is **above** the range [1]." in text
    assert "1. thyroid.pdf, page 1: “TSH 7.9 mIU/L high”" in text


def test_the_pdf_reads_back_with_the_same_content(alice_client, consultation):
    response = alice_client.get(export_url(consultation, "pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    text = " ".join(text.split())
    assert "Cholesterol results" in text
    assert "Is my TSH <high>?" in text
    assert "Your TSH is above the range [1]" in text
    assert "thyroid.pdf, page 1" in text
    assert "not a substitute for professional medical advice" in text


def test_the_pdf_fetches_nothing():
    with pytest.raises(RefusedFetch):
        refuse_every_url("file:///etc/passwd")


def test_exports_are_in_the_audit_trail(alice_client, alice, consultation):
    alice_client.get(export_url(consultation, "md"))
    assert AuditEvent.objects.filter(actor=alice, action="export", target=str(consultation.pk)).exists()


def test_the_api_exports_too_and_refuses_an_unknown_format(alice_api, consultation):
    url = f"/api/v1/sessions/{consultation.pk}/export/"
    assert alice_api.get(url, {"format": "md"}).content.decode().startswith("# Cholesterol results")
    assert alice_api.get(url).headers["Content-Type"] == "application/pdf"
    response = alice_api.get(url, {"format": "docx"})
    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["format"]


def test_a_bad_format_on_the_page_says_what_to_use(alice_client, consultation):
    response = alice_client.get(export_url(consultation, "docx"))
    assert response.status_code == 400
    assert "format=pdf or format=md" in response.content.decode()


def test_bob_gets_404_for_alices_chat(bob_client, bob_api, consultation):
    assert bob_client.get(export_url(consultation, "md")).status_code == 404
    assert bob_api.get(f"/api/v1/sessions/{consultation.pk}/export/", {"format": "md"}).status_code == 404


def test_exports_are_throttled(alice_client, consultation, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "transcripts": "1/hour"},
    }
    assert alice_client.get(export_url(consultation, "md")).status_code == 200
    response = alice_client.get(export_url(consultation, "md"))
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0


def test_drawing_a_pdf_leaves_truncated_images_refused(alice_client, consultation):
    from PIL import ImageFile

    alice_client.get(export_url(consultation, "pdf"))
    assert ImageFile.LOAD_TRUNCATED_IMAGES is False
