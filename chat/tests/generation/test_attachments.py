import pytest
from PIL import Image

from chat.generation.attachments import MAX_PROMPT_IMAGES, PromptAttachments, prompt_attachments
from uploads.tests.helpers import dicom_bytes, image_bytes, image_only_pdf_bytes, pdf_bytes

pytestmark = pytest.mark.django_db


def test_an_image_gives_one_model_sized_rgb_image_and_no_document(make_upload):
    upload = make_upload(content=image_bytes(size=(2000, 1500)))
    attachments = prompt_attachments(uploads=[upload])
    assert isinstance(attachments, PromptAttachments)
    (image,) = attachments.images
    assert isinstance(image, Image.Image)
    assert (image.mode, image.size) == ("RGB", (896, 672))
    assert attachments.documents == []


def test_a_text_pdf_gives_nothing_directly_its_text_is_retrieved(make_upload):
    # Its pages reach the model as passages (chat.generation.records), so a long one can't overflow.
    upload = make_upload(name="lipids.pdf", content=pdf_bytes("minimal-document.pdf"))
    assert prompt_attachments(uploads=[upload]) == PromptAttachments()


def test_a_scanned_pdf_gives_its_page_images(make_upload):
    attachments = prompt_attachments(uploads=[make_upload(name="scan.pdf", content=image_only_pdf_bytes())])
    assert len(attachments.images) == 1


def test_a_dicom_gives_its_image_and_no_patient_details_unless_shared(make_upload):
    attachments = prompt_attachments(uploads=[make_upload(name="ct.dcm", content=dicom_bytes("CT_small.dcm"))])
    assert len(attachments.images) == 1
    assert attachments.documents == []


def test_images_are_capped_for_the_whole_message(make_upload):
    uploads = [make_upload(name=f"{number}.png") for number in range(MAX_PROMPT_IMAGES + 2)]
    assert len(prompt_attachments(uploads=uploads).images) == MAX_PROMPT_IMAGES


def test_a_missing_derived_image_is_skipped_not_fatal(make_upload, media_root):
    gone, kept = make_upload(name="gone.png"), make_upload(name="kept.png")
    (media_root / gone.model_image_paths[0]).unlink()
    assert len(prompt_attachments(uploads=[gone, kept]).images) == 1


def test_no_uploads_give_nothing():
    assert prompt_attachments(uploads=[]) == PromptAttachments(images=[], documents=[])
