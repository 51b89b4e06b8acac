from io import StringIO

import pytest
from django.core.management import call_command

from uploads.models import Passage, Upload

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command("index_uploads", *args, stdout=out)
    return out.getvalue()


def test_it_indexes_what_is_pending_and_again_on_request(make_upload):
    upload = make_upload()
    Upload.objects.filter(pk=upload.pk).update(index_status=Upload.IndexStatus.PENDING)
    assert run() == "Indexed 1 file(s) (0 marked again); 0 file(s) failed to index.\n"
    upload.refresh_from_db()
    assert upload.index_status == Upload.IndexStatus.READY

    Upload.objects.filter(pk=upload.pk).update(index_status=Upload.IndexStatus.FAILED)
    assert "Indexed 0 file(s)" in run()
    assert "Indexed 1 file(s) (1 marked again)" in run("--retry-failed")
    assert "Indexed 1 file(s) (1 marked again)" in run("--all")
    assert Passage.objects.filter(upload=upload).count() == 0  # an image has no text to cut
