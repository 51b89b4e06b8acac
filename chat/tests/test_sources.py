"""An answer's sources: saved with the answer, listed under it in the browser, in the API, theirs only."""

import pytest
from django.urls import reverse

from chat import services
from chat.generation.records import RecordPassage, RecordsContext
from chat.models import Message, MessageSource
from uploads.benchmarks.text_pdf import text_pdf
from uploads.services import upload_create, upload_delete
from uploads.tests.helpers import uploaded

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(alice):
    return upload_create(owner=alice, file=uploaded("thyroid <panel>.pdf", text_pdf(["TSH", "TSH 7.9 high"])))


@pytest.fixture
def answered(session, report):
    """An answer that cited [1] and was given two passages, with three pages left out."""
    services.message_send(session=session, content="Is my TSH high?")
    answer = session.messages.get(role=Message.Role.ASSISTANT)
    records = RecordsContext(
        passages=(
            RecordPassage(n=1, upload_id=str(report.pk), name="x", page=2, text="TSH 7.9 mIU/L high (0.4-4.0)"),
            RecordPassage(n=2, upload_id=str(report.pk), name="x", page=1, text="Thyroid panel, March 2026"),
        ),
        pages_left_out=3,
    )
    assert services.answer_sources_save(message_id=answer.pk, records=records)
    services.answer_finish(
        message_id=answer.pk, content="Your TSH is above the range [1]; see also [9].", seq=1, status="done"
    )
    return answer


def test_saving_sources_replaces_earlier_ones_and_keeps_the_count_left_out(answered, report):
    assert list(answered.sources.values_list("n", "page")) == [(1, 2), (2, 1)]
    answered.refresh_from_db()
    assert answered.sources_left_out == 3


def test_sources_are_saved_only_for_an_answer_still_being_written(answered):
    assert not services.answer_sources_save(message_id=answered.pk, records=RecordsContext())
    assert answered.sources.count() == 2


def test_a_deleted_file_takes_its_sources_and_snippets_with_it(answered, report):
    upload_delete(upload=report)
    assert not MessageSource.objects.filter(message=answered).exists()


def test_the_browser_lists_the_sources_with_links_to_the_page(alice_client, session, answered, report):
    html = alice_client.get(reverse("chat:session-detail", args=[session.pk])).content.decode()
    file_url = reverse("uploads:file-content", args=[report.pk])
    assert f'href="{file_url}#page=2"' in html
    assert "thyroid &lt;panel&gt;.pdf, page 2" in html
    assert "TSH 7.9 mIU/L high (0.4-4.0)" in html
    assert "3 more pages not used" in html
    # The cited [1] links to its source; [9] was never given, so it stays text.
    anchor = f"source-{answered.pk}-1"
    assert f'id="{anchor}"' in html
    assert f'<a class="citation" href="#{anchor}" aria-label="Source 1">[1]</a>' in html
    assert "see also [9]." in html


def test_the_api_gives_each_answers_sources_most_relevant_first(alice_api, session, answered, report):
    response = alice_api.get(f"/api/v1/sessions/{session.pk}/messages/")
    question, answer = response.json()["results"]
    assert question["sources"] == [] and question["sources_left_out"] == 0
    assert answer["sources"] == [
        {"n": 1, "upload_id": str(report.pk), "name": "thyroid <panel>.pdf", "page": 2,
         "snippet": "TSH 7.9 mIU/L high (0.4-4.0)"},
        {"n": 2, "upload_id": str(report.pk), "name": "thyroid <panel>.pdf", "page": 1,
         "snippet": "Thyroid panel, March 2026"},
    ]  # fmt: skip
    assert answer["sources_left_out"] == 3


def test_bob_sees_none_of_alices_sources(bob_api, bob_client, session, answered):
    assert bob_api.get(f"/api/v1/sessions/{session.pk}/messages/").status_code == 404
    assert bob_client.get(reverse("chat:session-detail", args=[session.pk])).status_code == 404


# --- "Use my records" ---------------------------------------------------------------------------------


def test_use_records_is_on_by_default_and_the_api_switches_it(alice_api, session):
    url = f"/api/v1/sessions/{session.pk}/"
    assert alice_api.get(url).json()["use_records"] is True
    response = alice_api.patch(url, {"use_records": False}, format="json")
    assert response.status_code == 200
    assert response.json()["use_records"] is False
    session.refresh_from_db()
    assert session.use_records is False


def test_the_chat_page_switches_it(alice_client, session):
    url = reverse("chat:session-records", args=[session.pk])
    assert (
        'name="use_records" value="1" checked'
        in alice_client.get(reverse("chat:session-detail", args=[session.pk])).content.decode()
    )

    response = alice_client.post(url, {"use_records": "0"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "checked" not in response.content.decode()
    session.refresh_from_db()
    assert session.use_records is False

    alice_client.post(url, {"use_records": ["0", "1"]}, HTTP_HX_REQUEST="true")
    session.refresh_from_db()
    assert session.use_records is True


def test_bob_cannot_switch_alices_chat(bob_client, bob_api, session):
    assert bob_client.post(reverse("chat:session-records", args=[session.pk]), {"use_records": "0"}).status_code == 404
    assert bob_api.patch(f"/api/v1/sessions/{session.pk}/", {"use_records": False}, format="json").status_code == 404
    session.refresh_from_db()
    assert session.use_records is True
