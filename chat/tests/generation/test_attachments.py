import pytest
from PIL import Image

from chat.generation.attachments import MAX_PROMPT_IMAGES, TRUNCATED, PromptAttachments, prompt_attachments
from chat.inference.types import Document
from uploads.tests.helpers import dicom_bytes, image_bytes, image_only_pdf_bytes, pdf_bytes

pytestmark = pytest.mark.django_db


def with_text(upload, text):
    upload.extracted_text = text
    return upload


def test_an_image_gives_one_model_sized_rgb_image_and_no_document(make_upload):
    upload = make_upload(content=image_bytes(size=(2000, 1500)))
    attachments = prompt_attachments(uploads=[upload], text_budget_chars=1000)
    assert isinstance(attachments, PromptAttachments)
    (image,) = attachments.images
    assert isinstance(image, Image.Image)
    assert (image.mode, image.size) == ("RGB", (896, 672))
    assert attachments.documents == []


def test_a_text_pdf_gives_its_text_as_a_named_document(make_upload):
    upload = make_upload(name="lipids.pdf", content=pdf_bytes("minimal-document.pdf"))
    attachments = prompt_attachments(uploads=[upload], text_budget_chars=100_000)
    assert attachments.images == []
    assert attachments.documents == [Document(name="lipids.pdf", text=upload.extracted_text)]


def test_a_scanned_pdf_gives_its_page_images_and_says_so(make_upload):
    attachments = prompt_attachments(
        uploads=[make_upload(name="scan.pdf", content=image_only_pdf_bytes())], text_budget_chars=1000
    )
    assert len(attachments.images) == 1
    assert "attached as an image" in attachments.documents[0].text


def test_a_dicom_gives_its_image_and_only_its_description(make_upload):
    attachments = prompt_attachments(
        uploads=[make_upload(name="ct.dcm", content=dicom_bytes("CT_small.dcm"))], text_budget_chars=1000
    )
    assert len(attachments.images) == 1
    (document,) = attachments.documents
    assert "Modality: CT" in document.text
    assert "CompressedSamples" not in document.text


def test_a_long_text_is_cut_within_the_budget_with_a_marker(make_upload):
    upload = with_text(make_upload(), "word " * 1000)
    (document,) = prompt_attachments(uploads=[upload], text_budget_chars=300).documents
    assert len(document.text) <= 300
    assert document.text.endswith("\n" + TRUNCATED)
    assert document.text.startswith("word word")


def test_short_documents_stay_whole_and_long_ones_share_the_rest(make_upload):
    short = with_text(make_upload(name="short.pdf"), "Potassium 4.1 mmol/L")
    long_a = with_text(make_upload(name="a.pdf"), "a" * 5000)
    long_b = with_text(make_upload(name="b.pdf"), "b" * 5000)

    documents = prompt_attachments(uploads=[long_a, short, long_b], text_budget_chars=1000).documents

    assert [document.name for document in documents] == ["a.pdf", "short.pdf", "b.pdf"]
    assert documents[1].text == "Potassium 4.1 mmol/L"
    assert sum(len(document.text) for document in documents) <= 1000
    assert abs(len(documents[0].text) - len(documents[2].text)) <= 1
    assert all(document.text.endswith(TRUNCATED) for document in (documents[0], documents[2]))


def test_a_budget_too_small_for_text_still_marks_the_document(make_upload):
    (document,) = prompt_attachments(uploads=[with_text(make_upload(), "x" * 50)], text_budget_chars=0).documents
    assert document.text == TRUNCATED


def test_images_are_capped_for_the_whole_message(make_upload):
    uploads = [make_upload(name=f"{number}.png") for number in range(MAX_PROMPT_IMAGES + 2)]
    assert len(prompt_attachments(uploads=uploads, text_budget_chars=0).images) == MAX_PROMPT_IMAGES


def test_a_missing_derived_image_is_skipped_not_fatal(make_upload, media_root):
    gone, kept = make_upload(name="gone.png"), make_upload(name="kept.png")
    (media_root / gone.model_image_paths[0]).unlink()
    assert len(prompt_attachments(uploads=[gone, kept], text_budget_chars=0).images) == 1


def test_no_uploads_give_nothing():
    assert prompt_attachments(uploads=[], text_budget_chars=1000) == PromptAttachments(images=[], documents=[])
