"""rotate_encryption_keys: everything ends under the first key, so the old key can go; resumable and safe live."""

import io

import pytest
from django.core.management import CommandError, call_command

from chat.models import ChatSession, Message
from healthassistant.encryption import cipher, rewrap
from healthassistant.tests.encryption.helpers import new_key
from uploads import storage
from uploads.models import Upload
from uploads.services import upload_create
from uploads.tests.helpers import files_under, image_bytes, pdf_bytes, uploaded

pytestmark = pytest.mark.django_db


def rotate() -> str:
    out = io.StringIO()
    call_command("rotate_encryption_keys", "--batch-size", "2", stdout=out)
    return out.getvalue()


@pytest.fixture
def old_key(settings):
    key = new_key()
    settings.ENCRYPTION_KEYS = [key]
    return key


def test_rotation_re_encrypts_everything_so_the_old_key_can_be_dropped(alice, media_root, settings, old_key):
    session = ChatSession.objects.create(owner=alice, title="Thyroid results")
    for n in range(5):
        Message.objects.create(session=session, role="user", content=f"TSH question {n}")
    pdf = pdf_bytes("minimal-document.pdf")
    upload = upload_create(owner=alice, file=uploaded("thyroid.pdf", pdf))
    new = new_key()
    settings.ENCRYPTION_KEYS = [new, old_key]

    output = rotate()

    assert "chat.Message.content: 5 re-encrypted" in output
    assert "Upload files: 2 re-encrypted" in output
    assert "can now be removed" in output
    settings.ENCRYPTION_KEYS = [new]
    session.refresh_from_db()
    assert session.title == "Thyroid results"
    assert sorted(m.content for m in session.messages.all()) == [f"TSH question {n}" for n in range(5)]
    upload = Upload.objects.get(pk=upload.pk)
    assert upload.original_name == "thyroid.pdf"
    assert storage.read_file(upload.stored_path) == pdf
    assert storage.read_file(upload.preview_path)


def test_a_second_run_finds_nothing_left_to_do(alice, media_root, settings, old_key):
    session = ChatSession.objects.create(owner=alice, title="t")
    Message.objects.create(session=session, role="user", content="q")
    upload_create(owner=alice, file=uploaded("a.png", image_bytes()))
    settings.ENCRYPTION_KEYS = [new_key(), old_key]
    rotate()

    output = rotate()

    assert "re-encrypted" in output
    assert all(line.endswith(": 0 re-encrypted") for line in output.splitlines() if "re-encrypted" in line)


def test_a_stopped_run_resumes_where_it_stopped(alice, settings, old_key):
    session = ChatSession.objects.create(owner=alice, title="t")
    for n in range(4):
        Message.objects.create(session=session, role="user", content=f"q{n}")
    settings.ENCRYPTION_KEYS = [new_key(), old_key]
    column = next(c for c in rewrap.sealed_columns([Message]) if c.field == "content")
    first_two = list(Message.objects.order_by("pk").values_list("pk", flat=True)[:2])
    Message.objects.filter(pk__in=first_two).update(content="rewritten")  # under the new key, as a partial run

    assert rewrap.reseal_column(column) == 2


def test_a_value_the_app_changes_meanwhile_keeps_the_apps_value(alice, settings, old_key, monkeypatch):
    session = ChatSession.objects.create(owner=alice, title="t")
    message = Message.objects.create(session=session, role="assistant", content="partial ans")
    settings.ENCRYPTION_KEYS = [new_key(), old_key]
    reseal = cipher.reseal_token

    def answer_grows_meanwhile(token):
        Message.objects.filter(pk=message.pk).update(content="partial answer, now complete")
        return reseal(token)

    monkeypatch.setattr(cipher, "reseal_token", answer_grows_meanwhile)
    column = next(c for c in rewrap.sealed_columns([Message]) if c.field == "content")

    assert rewrap.reseal_column(column) == 0
    message.refresh_from_db()
    assert message.content == "partial answer, now complete"


def test_a_file_whose_upload_is_deleted_meanwhile_is_not_brought_back(make_upload, media_root, settings, old_key):
    upload = make_upload()
    path = storage.absolute_path(upload.stored_path)
    settings.ENCRYPTION_KEYS = [new_key(), old_key]

    changed = rewrap.reseal_file(path, still_wanted=lambda: False)

    assert not changed
    assert not path.exists()


def test_a_missing_key_stops_rotation_with_what_to_do(alice, settings, old_key):
    ChatSession.objects.create(owner=alice, title="sealed under a key about to be lost")
    settings.ENCRYPTION_KEYS = [new_key()]
    with pytest.raises(CommandError, match="Put the old key back"):
        rotate()


def test_plain_values_left_from_before_encryption_are_sealed_too(alice, media_root):
    session = ChatSession.objects.create(owner=alice, title="t")
    message = Message.objects.create(session=session, role="user", content="x")
    column = next(c for c in rewrap.sealed_columns([Message]) if c.field == "content")
    rewrap._swap(column, pk=message.pk, old=rewrap._raw(column).get(pk=message.pk).stored, new="plain question")
    upload = upload_create(owner=alice, file=uploaded("a.png", image_bytes()))
    (media_root / upload.stored_path).write_bytes(image_bytes())

    rotate()

    stored = rewrap._raw(column).get(pk=message.pk).stored
    assert cipher.looks_sealed(stored)
    assert cipher.open_text(stored) == "plain question"
    assert rewrap.looks_sealed_file((media_root / upload.stored_path).read_bytes())
    assert storage.read_file(upload.stored_path) == image_bytes()
    assert len(files_under(media_root / "users")) == len(upload.file_paths)
