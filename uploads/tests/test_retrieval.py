"""Passages by page, words as BM25 counts them, and retrieval that only ever finds the owner's passages."""

import logging

import pytest

from uploads.models import Passage, Upload
from uploads.retrieval import index as index_module
from uploads.retrieval.index import forget_owner
from uploads.retrieval.indexing import _index_in_background, index_pending, upload_index
from uploads.retrieval.passages import PASSAGE_CHARS, split_into_passages
from uploads.retrieval.search import passages_ranked
from uploads.retrieval.tokens import words
from uploads.services import upload_delete


def test_a_pdfs_text_is_cut_by_page_and_pages_without_text_give_nothing():
    text = (
        "[Page 1]\nHaemoglobin 9.1 g/dL\n\n[Page 2: little or no text; the page is attached as an image]\n\n[Page 3]\n"
    )
    text += "Potassium normal. " * 100

    passages = split_into_passages(text)

    assert passages[0].page == 1 and passages[0].text == "Haemoglobin 9.1 g/dL"
    assert {passage.page for passage in passages[1:]} == {3}
    assert all(len(passage.text) <= PASSAGE_CHARS for passage in passages)


def test_a_text_without_pages_is_one_passage_without_a_page():
    assert [(p.page, p.text) for p in split_into_passages("CT chest, axial")] == [(None, "CT chest, axial")]


def test_spellings_months_and_word_forms_meet():
    assert "hemoglobin" in words("Haemoglobin")
    assert "mar" in words("in March") and "mar" in words("18-Mar-2024")
    assert set(words("allergic")) & set(words("allergies"))
    assert "what" not in words("What is my result")


@pytest.mark.django_db
class TestRetrieval:
    @pytest.fixture
    def report(self, alice):
        return Upload.objects.create(
            owner=alice,
            original_name="bloods.pdf",
            stored_path="users/1/bloods.pdf",
            kind=Upload.Kind.PDF,
            content_type="application/pdf",
            size=1,
            sha256="0" * 64,
            extracted_text="[Page 1]\nFull blood count\n\n[Page 2]\nFerritin 8 ug/L low, iron deficiency",
        )

    def test_indexing_makes_sealed_passages_and_marks_the_upload_ready(self, report):
        assert report.index_status == Upload.IndexStatus.PENDING
        assert index_pending(owner_id=report.owner_id) == 1
        report.refresh_from_db()
        assert report.index_status == Upload.IndexStatus.READY
        assert [p.page for p in Passage.objects.filter(upload=report)] == [1, 2]

    def test_the_page_that_answers_comes_first(self, report):
        upload_index(upload=report)
        (hit, *_) = passages_ranked(owner_id=report.owner_id, query="Was my ferritin low?")
        assert (hit.upload_id, hit.page) == (str(report.pk), 2)

    def test_bob_never_retrieves_alices_passages(self, report, bob):
        upload_index(upload=report)
        assert passages_ranked(owner_id=bob.pk, query="ferritin iron") == []
        assert passages_ranked(owner_id=bob.pk, query="ferritin", upload_ids=[str(report.pk)]) == []

    def test_an_attachment_takes_part_with_every_passage(self, report):
        upload_index(upload=report)
        hits = passages_ranked(owner_id=report.owner_id, query="cholesterol", upload_ids=[str(report.pk)])
        assert [hit.page for hit in hits] == [1, 2]

    def test_a_deleted_file_is_no_longer_found(self, report):
        upload_index(upload=report)
        assert passages_ranked(owner_id=report.owner_id, query="ferritin")
        upload_delete(upload=report)
        assert passages_ranked(owner_id=report.owner_id, query="ferritin") == []


@pytest.mark.django_db
class TestIndexKeptWarm:
    """After the background indexer has indexed an upload, the person's in-memory index is already rebuilt."""

    @pytest.fixture(autouse=True)
    def builds(self, monkeypatch):
        # The test's transaction is the whole test: the thread's connection tidying must not close it.
        monkeypatch.setattr("uploads.retrieval.indexing.close_old_connections", lambda: None)
        built = []
        real = index_module.OwnerIndex

        def counting(passages):
            built.append(len(passages))
            return real(passages)

        monkeypatch.setattr(index_module, "OwnerIndex", counting)
        return built

    @pytest.fixture
    def report(self, alice):
        forget_owner(alice.pk)
        yield Upload.objects.create(
            owner=alice,
            original_name="bloods.pdf",
            stored_path="users/1/bloods.pdf",
            kind=Upload.Kind.PDF,
            content_type="application/pdf",
            size=1,
            sha256="0" * 64,
            extracted_text="[Page 1]\nFull blood count\n\n[Page 2]\nFerritin 8 ug/L low, iron deficiency",
        )
        forget_owner(alice.pk)

    def test_a_question_right_after_the_upload_finds_the_index_built(self, report, builds):
        _index_in_background(report.pk)
        report.refresh_from_db()
        assert report.index_status == Upload.IndexStatus.READY
        assert builds == [2]

        (hit, *_) = passages_ranked(owner_id=report.owner_id, query="ferritin")
        assert hit.page == 2
        assert builds == [2]

    def test_it_waits_for_the_persons_last_pending_upload(self, report, builds):
        later = Upload.objects.create(
            owner=report.owner,
            original_name="later.pdf",
            stored_path="users/1/later.pdf",
            kind=Upload.Kind.PDF,
            content_type="application/pdf",
            size=1,
            sha256="1" * 64,
            extracted_text="[Page 1]\nTSH 2.1 mU/L",
        )
        _index_in_background(report.pk)
        assert builds == []
        _index_in_background(later.pk)
        assert builds == [3]

    def test_a_failed_rebuild_is_logged_without_the_records_and_never_raised(self, report, monkeypatch, caplog):
        def failing(owner_id):
            raise RuntimeError("Ferritin 8 ug/L low")

        monkeypatch.setattr("uploads.retrieval.indexing.owner_index", failing)
        with caplog.at_level(logging.INFO, logger="uploads.retrieval.indexing"):
            _index_in_background(report.pk)

        report.refresh_from_db()
        assert report.index_status == Upload.IndexStatus.READY
        assert "index warm-up failed" in caplog.text and "RuntimeError" in caplog.text
        assert "Ferritin" not in caplog.text
        assert passages_ranked(owner_id=report.owner_id, query="ferritin")


@pytest.mark.django_db
class TestIndexingRetries:
    """A transaction the database aborts (a deadlock of two indexers on PostgreSQL) is tried again."""

    @pytest.fixture
    def flaky(self, monkeypatch):
        from django.db import OperationalError

        from uploads.retrieval import indexing

        real, failures = indexing._index_once, []

        def once(upload, *, only_if_pending):
            if len(failures) < self.failures:
                failures.append(1)
                raise OperationalError("deadlock detected")
            return real(upload, only_if_pending=only_if_pending)

        monkeypatch.setattr(indexing, "_index_once", once)
        monkeypatch.setattr(indexing.time, "sleep", lambda seconds: None)

    failures = 0

    def test_a_deadlock_then_success_leaves_it_ready(self, flaky, make_upload):
        self.failures = 1
        upload = make_upload()
        upload_index(upload=upload)
        upload.refresh_from_db()
        assert upload.index_status == Upload.IndexStatus.READY

    def test_only_lasting_failure_marks_it_failed(self, flaky, make_upload):
        self.failures = 10
        upload = make_upload()
        upload_index(upload=upload)
        upload.refresh_from_db()
        assert upload.index_status == Upload.IndexStatus.FAILED
