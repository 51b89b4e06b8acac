"""Every way a file's owner row can go takes the file with it, once the transaction commits."""

import pytest

from chat.models import ChatSession, Message
from uploads.models import Upload
from uploads.tests.helpers import files_under

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run on_commit callbacks as a real commit would, at the end of the block."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_deleting_an_upload_removes_its_files(make_upload, media_root, committed):
    upload = make_upload()
    with committed():
        upload.delete()
    assert files_under(media_root) == []


def test_files_stay_until_the_commit(make_upload, media_root, django_capture_on_commit_callbacks):
    upload = make_upload()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        upload.delete()
        assert files_under(media_root)
    assert len(callbacks) == 1


def test_deleting_a_message_deletes_its_attachments(make_upload, attach, media_root, committed):
    message = attach(make_upload(), make_upload())
    with committed():
        message.delete()
    assert not Upload.objects.exists()
    assert files_under(media_root) == []


def test_an_upload_another_message_uses_survives(make_upload, attach, media_root, committed):
    shared, own = make_upload(name="shared.png"), make_upload(name="own.png")
    first = attach(shared, own)
    attach(shared)
    with committed():
        first.delete()
    assert list(Upload.objects.all()) == [shared]
    assert sorted(files_under(media_root)) == sorted(media_root / path for path in shared.file_paths)


def test_deleting_a_session_deletes_the_uploads_of_its_messages(alice, make_upload, attach, media_root, committed):
    session = ChatSession.objects.create(owner=alice)
    attach(make_upload(), session=session)
    attach(make_upload(), session=session)
    used_elsewhere = make_upload()
    attach(used_elsewhere, session=session)
    attach(used_elsewhere)  # another chat
    with committed():
        session.delete()
    assert list(Upload.objects.all()) == [used_elsewhere]
    assert len(files_under(media_root)) == len(used_elsewhere.file_paths)


def test_an_upload_used_twice_in_one_session_goes_with_it(alice, make_upload, attach, media_root, committed):
    session = ChatSession.objects.create(owner=alice)
    upload = make_upload()
    attach(upload, session=session)
    attach(upload, session=session)
    with committed():
        session.delete()
    assert not Upload.objects.exists()
    assert files_under(media_root) == []


def test_deleting_messages_in_bulk_deletes_their_uploads(alice, make_upload, attach, media_root, committed):
    attach(make_upload())
    attach(make_upload())
    with committed():
        Message.objects.filter(session__owner=alice).delete()
    assert not Upload.objects.exists()
    assert files_under(media_root) == []


def test_deleting_a_user_deletes_their_uploads_and_folder(alice, bob, make_upload, attach, media_root, committed):
    attach(make_upload())
    make_upload()  # never attached
    bobs = make_upload(owner=bob)
    with committed():
        alice.delete()
    assert list(Upload.objects.all()) == [bobs]
    assert not (media_root / f"users/{alice.pk}").exists()
    assert len(files_under(media_root)) == len(bobs.file_paths)


def test_an_upload_not_attached_survives_its_owners_other_deletions(alice, make_upload, attach, committed):
    keep = make_upload()
    message = attach(make_upload())
    with committed():
        message.session.delete()
    assert list(Upload.objects.all()) == [keep]


@pytest.mark.django_db(transaction=True)
def test_a_real_commit_removes_the_files_of_a_deleted_session(alice, make_upload, attach, media_root):
    message = attach(make_upload())
    message.session.delete()
    assert not Upload.objects.exists()
    assert files_under(media_root) == []


def test_a_deleted_persons_in_memory_index_is_dropped_at_the_commit(alice, bob, committed):
    from uploads.retrieval import index
    from uploads.retrieval.index import owner_index

    alice_id = alice.pk
    owner_index(alice_id)
    owner_index(bob.pk)
    with committed():
        alice.delete()
        assert alice_id in index._indexes
    assert alice_id not in index._indexes
    assert bob.pk in index._indexes
