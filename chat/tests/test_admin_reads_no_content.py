"""Admins manage accounts and storage; they never read health content, on any admin page."""

import pytest
from django.contrib import admin
from django.urls import NoReverseMatch, reverse

from chat import services
from chat.models import Message
from uploads.tests.helpers import pdf_bytes

pytestmark = pytest.mark.django_db

QUESTION = "Does my HIV test result of 0.9 mean I am positive?"
ANSWER = "A result of 0.9 below the cut-off is usually read as negative."
ERROR = "The assistant could not answer this question about syphilis."
FILE_NAME = "hiv-results-march.pdf"
FILE_TEXT = "Lorem ipsum dolor sit amet"  # minimal-document.pdf's first words
SECRETS = (QUESTION, "HIV test result", ANSWER, ERROR, "syphilis", "hiv-results", FILE_TEXT)


@pytest.fixture
def alices_records(alice, make_upload, sent_jobs):
    upload = make_upload(name=FILE_NAME, content=pdf_bytes("minimal-document.pdf"))
    session, _, answer = services.session_start(owner=alice, content=QUESTION, uploads=[upload])
    services.answer_finish(message_id=answer.pk, content=ANSWER, seq=1, status=Message.Status.DONE)
    _, failed = services.message_send(session=session, content="And a second question?")
    services.answer_finish(message_id=failed.pk, content="", seq=0, status=Message.Status.FAILED, error=ERROR)
    return session


def every_admin_page(admin_client, alice) -> dict[str, str]:
    """Each registered model's list (plain and searched), and each object's change and delete page."""
    pages = {}
    for model in admin.site._registry:
        meta = model._meta
        changelist = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
        pages[changelist] = admin_client.get(changelist)
        for obj in model._default_manager.all()[:20]:
            for view in ("change", "delete", "history"):
                try:
                    url = reverse(f"admin:{meta.app_label}_{meta.model_name}_{view}", args=[obj.pk])
                except NoReverseMatch:
                    continue
                pages[url] = admin_client.get(url)
    pages[reverse("admin:index")] = admin_client.get(reverse("admin:index"))
    return pages


def test_no_admin_page_shows_a_question_an_answer_a_file_name_or_its_text(admin_client, alice, alices_records):
    pages = every_admin_page(admin_client, alice)

    assert len(pages) > 20
    for url, response in pages.items():
        assert response.status_code in (200, 403), url
        html = response.content.decode()
        for secret in SECRETS:
            assert secret not in html, f"{secret!r} shown on {url}"


@pytest.mark.parametrize("model", ["chat_chatsession", "chat_message", "uploads_upload"])
@pytest.mark.parametrize("term", ["HIV", "hiv-results", "Lorem", "syphilis"])
def test_content_is_no_search_term_for_admins(admin_client, alices_records, model, term):
    html = admin_client.get(reverse(f"admin:{model}_changelist"), {"q": term}).content.decode()

    assert "0 results" in html


def test_admins_still_see_owner_counts_statuses_and_sizes(admin_client, alices_records):
    chats = admin_client.get(reverse("admin:chat_chatsession_changelist")).content.decode()
    messages = admin_client.get(reverse("admin:chat_message_changelist")).content.decode()
    uploads = admin_client.get(reverse("admin:uploads_upload_changelist")).content.decode()

    assert "alice@example.com" in chats and '<td class="field-message_count">4</td>' in chats
    assert "failed" in messages and "done" in messages
    assert "PDF document" in uploads and "KB" in uploads
