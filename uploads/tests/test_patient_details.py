"""Identifying DICOM tags reach the model only when the owner asks for it."""

import pytest
from django.urls import reverse

from chat.generation.attachments import prompt_attachments
from uploads.models import Upload
from uploads.tests.helpers import dicom_bytes, image_bytes

pytestmark = pytest.mark.django_db

# CT_small.dcm, one of pydicom's samples, is about "CompressedSamples^CT1", ID "1CT1".
PATIENT_NAME = "CompressedSamples^CT1"


@pytest.fixture
def ct_scan(make_upload) -> Upload:
    return make_upload(name="ct.dcm", content=dicom_bytes("CT_small.dcm"))


def model_text(upload: Upload) -> str:
    upload.refresh_from_db()
    return "\n".join(document.text for document in prompt_attachments(uploads=[upload]).documents)


def test_the_model_does_not_see_who_a_scan_is_about_by_default(ct_scan):
    text = model_text(ct_scan)
    assert PATIENT_NAME not in text
    assert "1CT1" not in text


def test_the_owner_can_share_the_patient_details_and_take_them_back(alice_client, ct_scan):
    url = reverse("uploads:file-share-details", args=[ct_scan.pk])

    response = alice_client.post(url, {"share": "1"}, follow=True)
    assert "will see the patient details" in response.content.decode()
    text = model_text(ct_scan)
    assert f"Patient name: {PATIENT_NAME}" in text
    assert "Patient ID: 1CT1" in text

    alice_client.post(url, {"share": "0"})
    assert PATIENT_NAME not in model_text(ct_scan)


def test_my_files_offers_the_choice_for_dicom_only(alice_client, ct_scan, make_upload):
    make_upload(name="photo.png", content=image_bytes())
    html = alice_client.get(reverse("uploads:file-list")).content.decode()
    assert html.count("Share them with the assistant") == 1


def test_other_files_have_no_patient_details_to_share(alice_client, make_upload):
    photo = make_upload(name="photo.png", content=image_bytes())
    response = alice_client.post(reverse("uploads:file-share-details", args=[photo.pk]), {"share": "1"}, follow=True)
    assert "Only DICOM files carry patient details" in response.content.decode()
    photo.refresh_from_db()
    assert not photo.share_patient_details


def test_bob_gets_404_on_alices_scan(bob_client, ct_scan):
    response = bob_client.post(reverse("uploads:file-share-details", args=[ct_scan.pk]), {"share": "1"})
    assert response.status_code == 404
    ct_scan.refresh_from_db()
    assert not ct_scan.share_patient_details


def test_it_is_only_for_posts(alice_client, ct_scan):
    assert alice_client.get(reverse("uploads:file-share-details", args=[ct_scan.pk])).status_code == 405
