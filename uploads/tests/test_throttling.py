import pytest
from django.core.cache import cache

from uploads.errors import UploadRejected
from uploads.models import Upload
from uploads.tests.helpers import image_bytes, uploaded
from uploads.throttling import upload_slot

pytestmark = pytest.mark.django_db

PAGE_URL = "/files/upload/"
API_URL = "/api/v1/uploads/"


def post_page(client, *, json: bool = False):
    headers = {"accept": "application/json"} if json else {}
    return client.post(PAGE_URL, {"file": uploaded("scan.png", image_bytes())}, headers=headers)


def post_api(client):
    return client.post(API_URL, {"file": uploaded("scan.png", image_bytes())}, format="multipart")


def test_the_page_answers_429_with_retry_after_past_the_upload_rate(alice_client, settings):
    settings.UPLOAD_THROTTLE = "2/min"
    assert [post_page(alice_client).status_code for _ in range(2)] == [201, 201]

    response = post_page(alice_client)
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    html = response.content.decode()
    assert 'data-code="throttled"' in html
    assert "You are uploading files very quickly. Wait" in html

    response = post_page(alice_client, json=True)
    assert response.status_code == 429 and response["Retry-After"]
    assert response.json()["error"]["code"] == "throttled"
    assert Upload.objects.count() == 2


def test_the_api_answers_429_with_retry_after_past_the_upload_rate(alice_api, settings):
    settings.UPLOAD_THROTTLE = "1/hour"
    assert post_api(alice_api).status_code == 201

    response = post_api(alice_api)
    assert response.status_code == 429
    assert 3000 < int(response["Retry-After"]) <= 3600
    error = response.json()["error"]
    assert error["code"] == "throttled"
    assert error["message"].startswith("You are uploading files very quickly. Wait ")


def test_the_rate_is_per_user_and_listing_files_does_not_count(alice_api, bob_api, settings):
    settings.UPLOAD_THROTTLE = "1/min"
    for _ in range(3):
        assert alice_api.get(API_URL).status_code == 200
    assert post_api(alice_api).status_code == 201
    assert post_api(bob_api).status_code == 201
    assert post_api(alice_api).status_code == 429


def test_uploads_past_the_concurrent_cap_answer_429_on_the_page_and_the_api(alice, alice_client, alice_api, settings):
    settings.UPLOAD_MAX_CONCURRENT_PER_USER = 2
    with upload_slot(user_id=alice.pk), upload_slot(user_id=alice.pk):
        response = post_page(alice_client)
        assert response.status_code == 429
        assert "You already have 2 files being read. Wait until one is done" in response.content.decode()

        response = post_api(alice_api)
        assert response.status_code == 429
        assert response.json()["error"]["code"] == "uploads_in_progress"
    assert post_api(alice_api).status_code == 201
    assert Upload.objects.count() == 1


def test_a_slot_is_given_back_whatever_the_upload_ends_in(alice, make_upload, settings):
    settings.UPLOAD_MAX_CONCURRENT_PER_USER = 1
    for _ in range(3):
        with pytest.raises(UploadRejected) as caught:
            make_upload(name="broken.png", content=image_bytes()[:40])
        assert caught.value.code == "corrupt"
    assert make_upload().kind == "image"


def test_another_users_uploads_take_none_of_my_slots(alice, bob, make_upload, settings):
    settings.UPLOAD_MAX_CONCURRENT_PER_USER = 1
    with upload_slot(user_id=bob.pk):
        assert make_upload(owner=alice).owner == alice
        with pytest.raises(UploadRejected) as caught:
            make_upload(owner=bob)
    assert caught.value.code == "uploads_in_progress" and caught.value.http_status == 429


def test_a_late_holder_never_frees_a_slot_that_expired_and_was_taken_again(alice, settings):
    settings.UPLOAD_MAX_CONCURRENT_PER_USER = 1
    key = f"uploads:active:{alice.pk}:0"
    with upload_slot(user_id=alice.pk):
        cache.set(key, "another upload's", timeout=60)
    assert cache.get(key) == "another upload's"
