import uuid

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from uploads.selectors import (
    upload_get_for_user,
    upload_list_for_user,
    upload_quota_for_user,
    upload_sessions,
    uploads_get_for_message,
)

pytestmark = pytest.mark.django_db


def test_the_owner_gets_their_upload(alice, make_upload):
    upload = make_upload()
    assert upload_get_for_user(user=alice, upload_id=upload.pk) == upload
    assert upload_get_for_user(user=alice, upload_id=str(upload.pk)) == upload


@pytest.mark.parametrize("upload_id", [lambda upload: upload.pk, lambda upload: str(upload.pk)])
def test_it_validates_ownership(bob, make_upload, upload_id):
    upload = make_upload()
    with pytest.raises(Http404):
        upload_get_for_user(user=bob, upload_id=upload_id(upload))


@pytest.mark.parametrize("upload_id", ["not-a-uuid", "", "../../etc/passwd", uuid.uuid4()])
def test_an_unknown_or_malformed_id_is_404(alice, upload_id):
    with pytest.raises(Http404):
        upload_get_for_user(user=alice, upload_id=upload_id)


def test_an_anonymous_user_owns_nothing(make_upload):
    upload = make_upload()
    with pytest.raises(Http404):
        upload_get_for_user(user=AnonymousUser(), upload_id=upload.pk)


def test_uploads_for_a_message_keep_the_given_order_without_repeats(alice, make_upload):
    first, second = make_upload(name="a.png"), make_upload(name="b.png")
    ids = [str(second.pk), str(first.pk), str(second.pk)]
    assert uploads_get_for_message(user=alice, upload_ids=ids) == [second, first]


def test_uploads_for_a_message_refuse_anyone_elses(alice, bob, make_upload):
    mine, theirs = make_upload(), make_upload(owner=bob)
    with pytest.raises(Http404):
        uploads_get_for_message(user=alice, upload_ids=[mine.pk, theirs.pk])


@pytest.mark.parametrize("bad_id", ["nonsense", str(uuid.uuid4())])
def test_uploads_for_a_message_refuse_unknown_ids(alice, make_upload, bad_id):
    with pytest.raises(Http404):
        uploads_get_for_message(user=alice, upload_ids=[make_upload().pk, bad_id])


def test_no_ids_means_no_uploads(alice):
    assert uploads_get_for_message(user=alice, upload_ids=[]) == []


def test_the_list_holds_only_the_users_uploads_newest_first(alice, bob, make_upload):
    older, newer = make_upload(name="old.png"), make_upload(name="new.png")
    make_upload(owner=bob)
    assert list(upload_list_for_user(user=alice)) == [newer, older]


def test_the_list_knows_which_chats_use_each_upload(alice, make_upload, attach):
    upload = make_upload()
    first = attach(upload)
    attach(upload, session=first.session)  # the same chat twice: listed once
    second = attach(upload)
    (listed,) = upload_list_for_user(user=alice)
    assert upload_sessions(upload=listed) == [first.session, second.session]


def test_the_quota_counts_only_the_users_bytes(alice, bob, make_upload, settings):
    settings.UPLOAD_QUOTA_BYTES = 10_000
    mine = make_upload()
    make_upload(owner=bob)
    quota = upload_quota_for_user(user=alice)
    assert (quota.used, quota.limit, quota.remaining) == (mine.size, 10_000, 10_000 - mine.size)


def test_a_zero_quota_setting_is_no_limit(alice, settings):
    settings.UPLOAD_QUOTA_BYTES = 0
    quota = upload_quota_for_user(user=alice)
    assert (quota.used, quota.limit, quota.remaining) == (0, None, None)
